import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { EntityKindName, QualityFlagName, RelationStatusName, RelationTypeName } from '../domain/vocabulary';
import { EntityKind, QualityFlag, RelationStatus, RelationType } from '../graphql/enums';

@InputType({
  description: 'A verbatim span of a source. Offsets are optional: the quote is located if they are left out.',
})
export class EvidenceInput {
  @Field(() => ID, { description: 'A source id, in the graph or in the same batch.' })
  source!: string;

  @Field({ description: 'The exact text of the span; must occur in the source.' })
  quote!: string;

  @Field(() => Int, { nullable: true })
  paragraph?: number;

  @Field(() => Int, { nullable: true })
  start?: number;

  @Field(() => Int, { nullable: true })
  end?: number;
}

@InputType()
export class PeriodInput {
  @Field({ description: 'YYYY, YYYY-MM or YYYY-MM-DD.' })
  start!: string;

  @Field({ nullable: true })
  end?: string;
}

@InputType()
export class KeyValueInput {
  @Field()
  key!: string;

  @Field()
  value!: string;
}

@InputType({ description: 'An attribute or figure a source states about an entity.' })
export class FactInput {
  @Field()
  key!: string;

  @Field({ description: 'The value as printed, e.g. 1.07亿元.' })
  value!: string;

  @Field({ nullable: true })
  date?: string;

  @Field(() => PeriodInput, { nullable: true })
  period?: PeriodInput;

  @Field(() => [KeyValueInput], { nullable: true })
  properties?: KeyValueInput[];

  @Field(() => [EvidenceInput])
  evidence!: EvidenceInput[];

  @Field(() => [QualityFlag], { nullable: true })
  qualityFlags?: QualityFlagName[];
}

@InputType({ description: 'A source: one article or caption, with its full text.' })
export class SourceInput {
  @Field(() => ID, { description: 'source:<slug>' })
  id!: string;

  @Field({ nullable: true })
  title?: string;

  @Field({ nullable: true })
  section?: string;

  @Field()
  publisher!: string;

  @Field({ nullable: true })
  byline?: string;

  @Field({ defaultValue: 'ARTICLE', description: 'ARTICLE or PHOTO_CAPTION.' })
  kind!: string;

  @Field({ nullable: true })
  date?: string;

  @Field()
  text!: string;

  @Field(() => [QualityFlag], { nullable: true })
  qualityFlags?: QualityFlagName[];
}

@InputType({ description: 'An entity to create or update, found by its stable id.' })
export class EntityInput {
  @Field(() => ID, { description: 'Kind prefix + slug, e.g. enterprise:shanxi-shangzhuo-group.' })
  id!: string;

  @Field(() => EntityKind)
  kind!: EntityKindName;

  @Field({ nullable: true })
  subtype?: string;

  @Field()
  name!: string;

  @Field({ nullable: true })
  englishName?: string;

  @Field(() => [String], { nullable: true })
  aliases?: string[];

  @Field(() => [String], { nullable: true })
  industries?: string[];

  @Field(() => [EvidenceInput], { description: 'Where a source names the entity; at least one.' })
  evidence!: EvidenceInput[];

  @Field(() => [FactInput], { nullable: true, description: 'When given, replaces the entity’s facts.' })
  facts?: FactInput[];

  @Field(() => [QualityFlag], { nullable: true })
  qualityFlags?: QualityFlagName[];
}

@InputType({ description: 'A relation to create or update; its id is derived from type, ends and key.' })
export class RelationInput {
  @Field(() => RelationType)
  type!: RelationTypeName;

  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field({ nullable: true })
  key?: string;

  @Field({ nullable: true, description: 'Money as printed, e.g. 4033万元.' })
  amount?: string;

  @Field({ nullable: true })
  date?: string;

  @Field(() => PeriodInput, { nullable: true })
  period?: PeriodInput;

  @Field(() => RelationStatus, { nullable: true })
  status?: RelationStatusName;

  @Field({ nullable: true })
  role?: string;

  @Field(() => [KeyValueInput], { nullable: true })
  properties?: KeyValueInput[];

  @Field(() => [EvidenceInput], { description: 'At least one verbatim span that states the relation.' })
  evidence!: EvidenceInput[];

  @Field(() => [QualityFlag], { nullable: true })
  qualityFlags?: QualityFlagName[];
}

@InputType({ description: 'A batch in the ingest format; written all or nothing.' })
export class IngestBatchInput {
  @Field({ nullable: true, description: 'Re-sending a batch with the same key changes nothing.' })
  idempotencyKey?: string;

  @Field(() => [SourceInput], { nullable: true })
  sources?: SourceInput[];

  @Field(() => [EntityInput], { nullable: true })
  entities?: EntityInput[];

  @Field(() => [RelationInput], { nullable: true })
  relations?: RelationInput[];
}

@ObjectType({ description: 'One problem with one input item.' })
export class ItemIssue {
  @Field({ description: 'Where in the input, e.g. entities[0].evidence[1].quote.' })
  path!: string;

  @Field({ description: 'A stable code, e.g. QUOTE_NOT_FOUND, UNKNOWN_ENDPOINT, ALIAS_CONFLICT.' })
  code!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'What happened to a write. Batches are all or nothing: REJECTED means nothing changed.' })
export class WriteResult {
  @Field({ description: 'APPLIED, ALREADY_APPLIED (idempotent repeat: nothing changed), REJECTED, or DELETED/MERGED.' })
  status!: string;

  @Field(() => [ID], { description: 'Ids of what was written, deleted or merged.' })
  ids!: string[];

  @Field(() => [ItemIssue])
  issues!: ItemIssue[];

  @Field({ nullable: true })
  idempotencyKey?: string;

  @Field(() => Int)
  sources!: number;

  @Field(() => Int)
  entities!: number;

  @Field(() => Int)
  facts!: number;

  @Field(() => Int)
  relations!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The Neo4j bookmark after this write (also in the x-zonegraph-bookmark response header). Send it back ' +
      'in the x-zonegraph-bookmark request header and your reads see this write, on any replica and any ' +
      'cluster member; without it reads are eventually consistent. Null when no transaction of the request ' +
      'completed and it sent no bookmark.',
  })
  bookmark?: string | null;
}
