import { registerEnumType } from 'type-graphql';
import {
  ENTITY_KINDS,
  QUALITY_FLAGS,
  RELATION_STATUSES,
  RELATION_TYPES,
  SUBTYPES,
  type EntityKindName,
  type QualityFlagName,
  type RelationStatusName,
  type RelationTypeName,
} from '../domain/vocabulary';
import type { Qualifier as QualifierName } from '../ingest/quantity';

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

/** GraphQL enums built from the vocabulary allowlists, so the API and the graph share one list. */
export const EntityKind = enumObject<EntityKindName>(ENTITY_KINDS);
export const RelationType = enumObject<RelationTypeName>(RELATION_TYPES);
export const RelationStatus = enumObject<RelationStatusName>(RELATION_STATUSES);
export const QualityFlag = enumObject<QualityFlagName>(QUALITY_FLAGS);
export const ZoneSubtype = enumObject<string>(SUBTYPES.ZONE ?? []);

export enum Direction {
  OUT = 'OUT',
  IN = 'IN',
  BOTH = 'BOTH',
}

export const Qualifier = enumObject<QualifierName>([
  'EXACT',
  'APPROX',
  'OVER',
  'UNDER',
  'AT_LEAST',
  'AT_MOST',
  'RANGE',
]);

export enum DatePrecision {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  DAY = 'DAY',
}

export enum NameScript {
  HAN_SIMPLIFIED = 'HAN_SIMPLIFIED',
  HAN_TRADITIONAL = 'HAN_TRADITIONAL',
  LATIN = 'LATIN',
}

export enum NameVariantKind {
  CANONICAL = 'CANONICAL',
  ALIAS = 'ALIAS',
  ENGLISH = 'ENGLISH',
  TRADITIONAL = 'TRADITIONAL',
  PINYIN = 'PINYIN',
  INITIALS = 'INITIALS',
  /** A standard short form of a zone type, derived from a name (经济技术开发区 → 经开区). */
  ABBREVIATION = 'ABBREVIATION',
  /** An identifier a source gives the entity, such as a catalogue code (G141004). */
  IDENTIFIER = 'IDENTIFIER',
}

/** Who approved a zone (批准级别 in the national catalogue). */
export enum ApprovalLevel {
  STATE_COUNCIL = 'STATE_COUNCIL',
  PROVINCIAL = 'PROVINCIAL',
}

export enum EntityOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  TOTAL_INVESTMENT_DESC = 'TOTAL_INVESTMENT_DESC',
  TOTAL_INVESTMENT_ASC = 'TOTAL_INVESTMENT_ASC',
  RELATION_COUNT_DESC = 'RELATION_COUNT_DESC',
  /** Zones only: by approval date, oldest or newest first; by approved area, largest or smallest first. */
  APPROVAL_DATE_ASC = 'APPROVAL_DATE_ASC',
  APPROVAL_DATE_DESC = 'APPROVAL_DATE_DESC',
  APPROVED_AREA_DESC = 'APPROVED_AREA_DESC',
  APPROVED_AREA_ASC = 'APPROVED_AREA_ASC',
}

registerEnumType(ZoneSubtype, {
  name: 'ZoneSubtype',
  description:
    'What kind of zone: the 开发区类型 of the national catalogue (ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE 经济技术开发区, HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE 高新技术产业开发区, SPECIAL_CUSTOMS_SUPERVISION_AREA 海关特殊监管区域, BORDER_ECONOMIC_COOPERATION_ZONE 边境/跨境经济合作区, OTHER_DEVELOPMENT_ZONE 其他类型开发区, ECONOMIC_DEVELOPMENT_ZONE 经济开发区, INDUSTRIAL_PARK 工业园区) and MODERN_AGRICULTURE_DEMONSTRATION_ZONE.',
});
registerEnumType(EntityKind, { name: 'EntityKind', description: 'What an entity is.' });
registerEnumType(RelationType, { name: 'RelationType', description: 'How two entities are linked.' });
registerEnumType(RelationStatus, {
  name: 'RelationStatus',
  description: 'The stage a relation or project has reached.',
});
registerEnumType(QualityFlag, {
  name: 'QualityFlag',
  description: 'A defect or caveat of a fact, relation, entity or source (see README, "Quality flags").',
});
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Which way a relation points from the entity asked about.',
});
registerEnumType(Qualifier, {
  name: 'Qualifier',
  description: 'How exact a figure is: 4000余万元 is OVER, 300-400万元 a RANGE.',
});
registerEnumType(DatePrecision, { name: 'DatePrecision' });
registerEnumType(NameScript, { name: 'NameScript' });
registerEnumType(NameVariantKind, {
  name: 'NameVariantKind',
  valuesConfig: {
    ABBREVIATION: {
      description: 'A standard short form of a zone type, derived from a name: 经济技术开发区 → 经开区.',
    },
    IDENTIFIER: { description: 'An identifier a source gives the entity, such as a catalogue code (G141004).' },
  },
});
registerEnumType(ApprovalLevel, {
  name: 'ApprovalLevel',
  description: 'Who approved a zone: the State Council (国务院, national zones) or a provincial government (省政府).',
});
registerEnumType(EntityOrder, {
  name: 'EntityOrder',
  description:
    'Sort orders for entity lists. TOTAL_INVESTMENT sorts projects by their own and zones by their projects’ total. APPROVAL_DATE_* and APPROVED_AREA_* order zones only (BAD_USER_INPUT on other lists); zones without a date or area come last either way.',
});
