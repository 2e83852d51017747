import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { KIND_LABEL, type EntityKindName } from '../domain/vocabulary';
import { EntityKind, NameScript, NameVariantKind, QualityFlag } from '../graphql/enums';
import type { EntityRecord } from './records';
import { PartialDate } from '../relations/value.types';

/**
 * GraphQL object type name per entity kind: the node label doubles as the type name, so the
 * two can never disagree.
 */
export const KIND_TYPE_NAME: Readonly<Record<EntityKindName, string>> = KIND_LABEL;

/** The concrete type of any Node, read from the record it resolves to. */
export function nodeTypeName(value: { id: string; kind?: EntityKindName }): string {
  if (value.id.startsWith('rel:')) return 'Relation';
  if (value.id.startsWith('ev:')) return 'Evidence';
  if (value.id.startsWith('fact:')) return 'Fact';
  return KIND_TYPE_NAME[value.kind ?? 'SOURCE'];
}

@InterfaceType({
  description: 'Relay global object identification: anything with a stable, globally unique id.',
  resolveType: (value: { id: string; kind?: EntityKindName }) => nodeTypeName(value),
})
export abstract class Node {
  @Field(() => ID, { description: 'A stable id such as zone:shangdang-etdz; never reused.' })
  id!: string;
}

@ObjectType({ description: 'One written form of a name: canonical, alias, English, traditional, pinyin or initials.' })
export class NameVariant {
  @Field()
  text!: string;

  @Field(() => NameScript)
  script!: NameScript;

  @Field(() => NameVariantKind)
  kind!: NameVariantKind;
}

@InterfaceType({
  implements: Node,
  description: 'Anything the graph knows by name: zones, firms, banks, universities, projects, regions, sources, ...',
  resolveType: (value: EntityRecord) => KIND_TYPE_NAME[value.kind],
})
export abstract class Entity extends Node {
  @Field(() => EntityKind)
  kind!: EntityKindName;

  @Field(() => String, { nullable: true, description: 'A finer kind, e.g. ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE.' })
  subtype!: string | null;

  @Field({ description: 'The canonical name as the source writes it.' })
  name!: string;

  @Field(() => String, { nullable: true })
  englishName!: string | null;

  @Field(() => [String], { description: 'Other forms the source uses, e.g. 上党经开区.' })
  aliases!: string[];

  @Field(() => [String], { description: 'Industry codes (data/seed/industries.json).' })
  industries!: string[];

  @Field(() => [QualityFlag], { description: 'Caveats about this entity (see README, "Quality flags").' })
  qualityFlags!: string[];
}

function kindType(name: string, description: string) {
  @ObjectType(name, { implements: [Node, Entity], description })
  class KindType extends Entity {}
  return KindType;
}

export const Zone = kindType('Zone', 'A development or demonstration zone (开发区, 示范区).');
export const Park = kindType('Park', 'A park, core area, enclave (飞地), incubator or service point of a zone.');
export const Enterprise = kindType('Enterprise', 'A company or group.');
export const Bank = kindType('Bank', 'A bank.');
export const University = kindType('University', 'A university, research institute, group or centre (see subtype).');
export const Project = kindType('Project', 'An investment, infrastructure, industrial or research project.');
export const Region = kindType('Region', 'A province, city, district, county, town or township.');
export const GovernmentBody = kindType('GovernmentBody', 'A government, department, committee or service centre.');
export const FundingInstrument = kindType('FundingInstrument', 'A bond, subsidy or loan programme.');
export const Policy = kindType('Policy', 'A policy document such as 静政办发〔2025〕6号.');
export const Person = kindType('Person', 'A named person: author, photographer, advisor.');

@ObjectType('Source', {
  implements: [Node, Entity],
  description: 'One newspaper piece: every fact traces back to one.',
})
export class Source extends Entity {
  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'The page section, e.g. 上党经济技术开发区.' })
  section!: string | null;

  @Field()
  publisher!: string;

  @Field(() => String, { nullable: true })
  byline!: string | null;

  @Field(() => PartialDate, {
    nullable: true,
    description:
      'When the source was published, as precisely as it says (the 2018 catalogue: 2018); null when it gives no date.',
  })
  date!: PartialDate | null;

  @Field({ description: 'ARTICLE, PHOTO_CAPTION or CATALOGUE (a register such as the national zone catalogue).' })
  sourceKind!: string;

  @Field({ description: 'The full text; evidence offsets index into it.' })
  text!: string;

  @Field(() => [String], { description: 'The paragraphs (non-blank lines) that evidence.paragraph counts.' })
  paragraphs!: string[];
}

/** Every entity object type, for the schema's orphanedTypes. */
export const ENTITY_TYPES = [
  Zone,
  Park,
  Enterprise,
  Bank,
  University,
  Project,
  Region,
  GovernmentBody,
  FundingInstrument,
  Policy,
  Person,
  Source,
];
