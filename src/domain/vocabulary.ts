/**
 * The closed vocabularies of the graph. They are the allowlists for everything that cannot be
 * a Cypher parameter value (labels, relationship types) and the enums of the GraphQL API and
 * of schema/ingest.schema.json (a unit test keeps the three in step).
 */

export const ENTITY_KINDS = [
  'ZONE',
  'PARK',
  'ENTERPRISE',
  'BANK',
  'UNIVERSITY',
  'PROJECT',
  'REGION',
  'GOVERNMENT_BODY',
  'FUNDING_INSTRUMENT',
  'POLICY',
  'PERSON',
  'SOURCE',
] as const;
export type EntityKindName = (typeof ENTITY_KINDS)[number];

/** Node label per kind, so that a kind can never inject an arbitrary label. */
export const KIND_LABEL: Readonly<Record<EntityKindName, string>> = {
  ZONE: 'Zone',
  PARK: 'Park',
  ENTERPRISE: 'Enterprise',
  BANK: 'Bank',
  UNIVERSITY: 'University',
  PROJECT: 'Project',
  REGION: 'Region',
  GOVERNMENT_BODY: 'GovernmentBody',
  FUNDING_INSTRUMENT: 'FundingInstrument',
  POLICY: 'Policy',
  PERSON: 'Person',
  SOURCE: 'Source',
};

/** The id prefix of each kind: ids are `<prefix>:<ascii-slug>`. */
export const KIND_ID_PREFIX: Readonly<Record<EntityKindName, string>> = {
  ZONE: 'zone',
  PARK: 'park',
  ENTERPRISE: 'enterprise',
  BANK: 'bank',
  UNIVERSITY: 'university',
  PROJECT: 'project',
  REGION: 'region',
  GOVERNMENT_BODY: 'gov',
  FUNDING_INSTRUMENT: 'instrument',
  POLICY: 'policy',
  PERSON: 'person',
  SOURCE: 'source',
};

export const RELATION_TYPES = [
  'LOCATED_IN',
  'PART_OF',
  'FINANCED_BY',
  'PARTNERED_WITH',
  'HOSTS',
  'DEVELOPS',
  'OPERATES',
  'SUBSIDIZED_UNDER',
  'ISSUED',
  'COURTS',
  'INVESTS_IN',
  'SUPPORTS',
  'APPLIED_FOR',
  'AWARDED',
  'ADVISES',
  'AUTHORED',
  'MENTIONED_IN',
] as const;
export type RelationTypeName = (typeof RELATION_TYPES)[number];

/** Relation types that ingest input may name; MENTIONED_IN is derived from entity evidence. */
export const WRITABLE_RELATION_TYPES = RELATION_TYPES.filter(
  (type): type is Exclude<RelationTypeName, 'MENTIONED_IN'> => type !== 'MENTIONED_IN',
);

/** Relations that read the same both ways; stored once, returned from either end. */
export const SYMMETRIC_RELATION_TYPES: ReadonlySet<RelationTypeName> = new Set(['PARTNERED_WITH']);

export const RELATION_STATUSES = [
  'ANNOUNCED',
  'PLANNED',
  'UNDER_CONSTRUCTION',
  'COMPLETED',
  'ONGOING',
  'TRIAL_OPERATION',
  'IN_OPERATION',
] as const;
export type RelationStatusName = (typeof RELATION_STATUSES)[number];

export const QUALITY_FLAGS = [
  'IMPLAUSIBLE_MAGNITUDE',
  'TRUNCATED_SOURCE',
  'AMBIGUOUS_SUBJECT',
  'BROKEN_PARAGRAPH',
  'MISSING_YEAR',
  'MISSING_TITLE',
  'INFERRED',
  'AGGREGATE_FIGURE',
  'SUSPECTED_TYPO',
  'INCONSISTENT_FIGURE',
  'POSSIBLE_DUPLICATE',
  'DUPLICATE_IDENTIFIER',
  'MULTIPLE_VALUES',
  'UNPARSEABLE_VALUE',
  'UNMAPPED_TERM',
] as const;
export type QualityFlagName = (typeof QUALITY_FLAGS)[number];

/** Flags that mean a fact must not be presented as true (it is kept, with its quote, for review). */
export const NOT_PRESENTABLE_FLAGS: ReadonlySet<QualityFlagName> = new Set(['IMPLAUSIBLE_MAGNITUDE']);

export const SOURCE_KINDS = ['ARTICLE', 'PHOTO_CAPTION', 'CATALOGUE'] as const;

/**
 * Who approved a zone, as the national catalogue's 批准级别 prints it: the State Council
 * (national zones) or a provincial government. A zone's `approvalLevel` fact holds the printed
 * form; the node and the API carry the code.
 */
export const APPROVAL_LEVELS = { STATE_COUNCIL: '国务院', PROVINCIAL: '省政府' } as const;
export type ApprovalLevelName = keyof typeof APPROVAL_LEVELS;

/** The approval level a printed 批准级别 (or a level code) stands for, or null. */
export function approvalLevelOf(value: string): ApprovalLevelName | null {
  const entry = Object.entries(APPROVAL_LEVELS).find(([code, printed]) => value === printed || value === code);
  return entry === undefined ? null : (entry[0] as ApprovalLevelName);
}

/** The subtypes each kind may carry (data/seed/README.md); a kind not listed takes none. */
export const SUBTYPES: Readonly<Partial<Record<EntityKindName, readonly string[]>>> = {
  ZONE: [
    'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
    'MODERN_AGRICULTURE_DEMONSTRATION_ZONE',
    // The 开发区类型 of the national catalogue (data/china-zones-2018): 高新技术产业开发区 (both
    // levels), 海关特殊监管区域, 边境/跨境经济合作区 and 其他类型开发区 (national), 经济开发区 and
    // 工业园区 (provincial); its 经济技术开发区 are ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE.
    'HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE',
    'SPECIAL_CUSTOMS_SUPERVISION_AREA',
    'BORDER_ECONOMIC_COOPERATION_ZONE',
    'OTHER_DEVELOPMENT_ZONE',
    'ECONOMIC_DEVELOPMENT_ZONE',
    'INDUSTRIAL_PARK',
  ],
  PARK: ['INDUSTRIAL_PARK', 'CORE_AREA', 'ENCLAVE', 'INCUBATOR', 'SERVICE_POINT', 'BASE'],
  ENTERPRISE: ['GROUP', 'COMPANY', 'PLATFORM_COMPANY', 'WORKSHOP'],
  BANK: ['COMMERCIAL_BANK', 'POLICY_BANK', 'BRANCH'],
  UNIVERSITY: ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'RESEARCH_CENTER', 'RESEARCH_GROUP'],
  REGION: ['COUNTRY', 'PROVINCE', 'CITY', 'DISTRICT', 'COUNTY', 'TOWN', 'TOWNSHIP'],
  GOVERNMENT_BODY: ['ADMINISTRATIVE_COMMITTEE', 'GOVERNMENT', 'DEPARTMENT', 'PARTY_COMMITTEE', 'SERVICE_CENTER'],
  FUNDING_INSTRUMENT: ['SPECIAL_TREASURY_BOND', 'LOCAL_GOVERNMENT_SPECIAL_BOND', 'SUBSIDY', 'LOAN'],
  POLICY: ['NOTICE', 'PLAN'],
  PROJECT: ['INFRASTRUCTURE', 'INDUSTRIAL', 'RESEARCH', 'PLATFORM'],
  PERSON: ['AUTHOR', 'PHOTOGRAPHER', 'ADVISOR'],
};
