import { Field, Int, ObjectType } from 'type-graphql';
import type { QualityFlagName, RelationStatusName, RelationTypeName } from '../domain/vocabulary';
import { Entity, Node } from '../entities/entity.types';
import { QualityFlag, RelationStatus, RelationType } from '../graphql/enums';
import { KeyValue, Money, PageInfo, PartialDate, Period, Quantity } from './value.types';

@ObjectType({ implements: Node, description: 'A verbatim span of a source that states a fact.' })
export class Evidence extends Node {
  @Field({ description: 'The exact text of the span.' })
  quote!: string;

  @Field(() => Int, { description: '0-based index among the source’s paragraphs (non-blank lines).' })
  paragraph!: number;

  @Field(() => Int, { description: 'Start offset in the source text (UTF-16 code units).' })
  charStart!: number;

  @Field(() => Int, { description: 'End offset, exclusive.' })
  charEnd!: number;
}

@ObjectType({ implements: Node, description: 'An attribute or figure the page states about one entity.' })
export class Fact extends Node {
  @Field({ description: 'What the fact is (fact-keys.json), e.g. plannedArea, annualSales.' })
  key!: string;

  @Field({ description: 'The value as printed.' })
  value!: string;

  @Field(() => Quantity, { nullable: true, description: 'The value parsed, for numeric facts.' })
  quantity!: Quantity | null;

  @Field(() => PartialDate, { nullable: true })
  date!: PartialDate | null;

  @Field(() => Period, { nullable: true })
  period!: Period | null;

  @Field(() => [KeyValue])
  properties!: KeyValue[];

  @Field(() => [QualityFlag])
  qualityFlags!: QualityFlagName[];

  @Field({ description: 'False when a quality flag says the figure must not be taken as true.' })
  presentable!: boolean;
}

@ObjectType({ implements: Node, description: 'A typed link between two entities, with the evidence that states it.' })
export class Relation extends Node {
  @Field(() => RelationType)
  type!: RelationTypeName;

  @Field(() => String, { nullable: true, description: 'Tells apart two relations of one type between one pair.' })
  key!: string | null;

  @Field(() => Money, { nullable: true })
  amount!: Money | null;

  @Field(() => PartialDate, { nullable: true })
  date!: PartialDate | null;

  @Field(() => Period, { nullable: true })
  period!: Period | null;

  @Field(() => RelationStatus, { nullable: true })
  status!: RelationStatusName | null;

  @Field(() => String, { nullable: true, description: 'The part the relation plays, in English.' })
  role!: string | null;

  @Field(() => [KeyValue])
  properties!: KeyValue[];

  @Field(() => [QualityFlag])
  qualityFlags!: QualityFlagName[];
}

@ObjectType()
export class RelationEdge {
  @Field()
  cursor!: string;

  @Field(() => Relation)
  node!: Relation;
}

@ObjectType({ description: 'A page of relations.' })
export class RelationConnection {
  @Field(() => [RelationEdge])
  edges!: RelationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({ description: 'Financing a zone received through one instrument or lender.' })
export class InstrumentFinancing {
  @Field(() => Entity)
  instrument!: Entity;

  @Field(() => Money, { nullable: true, description: 'The exact sum of the amounts stated; null when none is.' })
  total!: Money | null;

  @Field(() => [Relation])
  relations!: Relation[];
}
