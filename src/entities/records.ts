import type { EntityKindName, QualityFlagName, RelationStatusName, RelationTypeName } from '../domain/vocabulary';
import { formatQuantity, type Quantity as ParsedQuantity } from '../ingest/quantity';
import type { Row } from '../db/executor';

/**
 * Plain records that repositories return: the graph's properties converted at the boundary
 * into the shapes the GraphQL types read. Resolvers never see driver values.
 */
export interface EntityRecord {
  readonly id: string;
  readonly kind: EntityKindName;
  readonly subtype: string | null;
  readonly name: string;
  readonly englishName: string | null;
  readonly aliases: string[];
  readonly industries: string[];
  readonly qualityFlags: QualityFlagName[];
  /** Short forms of zone types derived from the names (上党经开区); see src/search/name-forms.ts. */
  readonly abbreviations: string[];
  readonly traditionalNames: string[];
  readonly pinyinNames: string[];
  readonly initials: string[];
  /** Identifiers a source gives the entity, such as the national catalogue's code G141004. */
  readonly identifiers: string[];
  /** Every other stored property (kind-specific figures, source text and metadata). */
  readonly props: Readonly<Record<string, unknown>>;
}

export interface QuantityRecord {
  readonly amount: string;
  readonly unit: string;
  readonly countNoun: string | null;
  readonly qualifier: ParsedQuantity['qualifier'];
  readonly lower: string | null;
  readonly upper: string | null;
  readonly raw: string;
  readonly formatted: string;
  /** A forecast or plan figure (预计): the fact's properties say qualifier "expected". */
  readonly expected: boolean;
}

export interface DateRecord {
  readonly value: string;
  readonly precision: 'YEAR' | 'MONTH' | 'DAY';
}

export interface PeriodRecord {
  readonly start: DateRecord;
  readonly end: DateRecord | null;
}

export interface KeyValueRecord {
  readonly key: string;
  readonly value: string;
}

export interface RelationRecord {
  readonly id: string;
  readonly type: RelationTypeName;
  readonly fromId: string;
  readonly toId: string;
  readonly key: string | null;
  readonly amount: QuantityRecord | null;
  readonly date: DateRecord | null;
  readonly period: PeriodRecord | null;
  readonly status: RelationStatusName | null;
  readonly role: string | null;
  readonly properties: KeyValueRecord[];
  readonly evidenceIds: string[];
  readonly qualityFlags: QualityFlagName[];
}

export interface EvidenceRecord {
  readonly id: string;
  readonly sourceId: string;
  readonly paragraph: number;
  readonly charStart: number;
  readonly charEnd: number;
  readonly quote: string;
}

export interface FactRecord {
  readonly id: string;
  readonly entityId: string;
  readonly key: string;
  readonly value: string;
  readonly quantity: QuantityRecord | null;
  readonly date: DateRecord | null;
  readonly period: PeriodRecord | null;
  readonly properties: KeyValueRecord[];
  readonly qualityFlags: QualityFlagName[];
  readonly presentable: boolean;
  readonly evidenceIds: string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const stringOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const ENTITY_FIELDS = new Set([
  'id',
  'kind',
  'subtype',
  'name',
  'englishName',
  'aliases',
  'industries',
  'qualityFlags',
  'abbreviations',
  'traditionalNames',
  'pinyinNames',
  'initials',
  'identifiers',
]);

export function toEntityRecord(row: Row): EntityRecord {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!ENTITY_FIELDS.has(key)) props[key] = value;
  return {
    id: String(row.id),
    kind: String(row.kind) as EntityKindName,
    subtype: stringOrNull(row.subtype),
    name: String(row.name),
    englishName: stringOrNull(row.englishName),
    aliases: strings(row.aliases),
    industries: strings(row.industries),
    qualityFlags: strings(row.qualityFlags) as QualityFlagName[],
    abbreviations: strings(row.abbreviations),
    traditionalNames: strings(row.traditionalNames),
    pinyinNames: strings(row.pinyinNames),
    initials: strings(row.initials),
    identifiers: strings(row.identifiers),
    props,
  };
}

/** The stored properties of a quantity written under `prefix` (what toQuantityRecord reads). */
export function quantityProps(prefix: string): string[] {
  return [...quantityKeys(prefix)];
}

/** quantityProps, made once per prefix (a record is read for every relation of a page). */
function quantityKeys(prefix: string): readonly string[] {
  let keys = QUANTITY_KEYS.get(prefix);
  if (keys === undefined) {
    keys = ['Amount', 'Unit', 'CountNoun', 'Qualifier', 'Lower', 'Upper', 'Raw', 'Expected'].map(
      (part) => prefix + part,
    );
    QUANTITY_KEYS.set(prefix, keys);
  }
  return keys;
}

const QUANTITY_KEYS = new Map<string, readonly string[]>();

/**
 * Rebuilds a quantity from the `<prefix>Amount`, `<prefix>Unit`, ... properties the planner wrote.
 * Its English rendering (`formatted`) is made when read: most selections ask for the amount alone.
 */
export function toQuantityRecord(props: Readonly<Record<string, unknown>>, prefix: string): QuantityRecord | null {
  const [
    amountKey = '',
    unitKey = '',
    countNounKey = '',
    qualifierKey = '',
    lowerKey = '',
    upperKey = '',
    rawKey = '',
    expectedKey = '',
  ] = quantityKeys(prefix);
  const amount = props[amountKey];
  if (amount === null || amount === undefined) return null;
  const quantity: ParsedQuantity = {
    amount: String(amount),
    unit: String(props[unitKey]) as ParsedQuantity['unit'],
    countNoun: stringOrNull(props[countNounKey]),
    qualifier: String(props[qualifierKey]) as ParsedQuantity['qualifier'],
    lower: stringOrNull(props[lowerKey]),
    upper: stringOrNull(props[upperKey]),
    raw: String(props[rawKey] ?? ''),
  };
  return {
    ...quantity,
    get formatted(): string {
      return formatQuantity(quantity);
    },
    expected: props[expectedKey] === true,
  };
}

export function toDateRecord(value: unknown): DateRecord | null {
  if (typeof value !== 'string' || value === '') return null;
  const parts = value.split('-').length;
  return { value, precision: parts === 1 ? 'YEAR' : parts === 2 ? 'MONTH' : 'DAY' };
}

function toPeriodRecord(start: unknown, end: unknown): PeriodRecord | null {
  const startDate = toDateRecord(start);
  return startDate === null ? null : { start: startDate, end: toDateRecord(end) };
}

function toKeyValues(json: unknown): KeyValueRecord[] {
  if (typeof json !== 'string' || json === '') return [];
  const parsed = JSON.parse(json) as Record<string, unknown>;
  return Object.entries(parsed).map(([key, value]) => ({ key, value: String(value) }));
}

/** Every relation property toRelationRecord reads from `props` (the rest of a relation's properties are keys and ids). */
export const RELATION_RECORD_PROPS: readonly string[] = [
  'key',
  ...quantityProps('amount'),
  'date',
  'periodStart',
  'periodEnd',
  'status',
  'role',
  'properties',
  'evidenceIds',
  'qualityFlags',
];

/**
 * The properties `names` as a map, from the list of their values a statement returned in the
 * same order (`[k IN $names | n[k]]`: a list of values costs the driver no key strings to
 * decode). A null value is left out, as a map projection of the node leaves out what it lacks.
 */
export function propsFromValues(names: readonly string[], values: readonly unknown[]): Row {
  const props: Row = {};
  for (let index = 0; index < names.length; index += 1) {
    const value = values[index];
    if (value !== null && value !== undefined) props[names[index] as string] = value;
  }
  return props;
}

/**
 * An entity as a page statement returns it: a whole record's map, or, when the page read light
 * records (`light`: the properties, src/graphql/selection.ts), the list of their values.
 */
export function toPageEntity(value: unknown, light: readonly string[] | null | undefined): EntityRecord {
  return toEntityRecord(Array.isArray(value) && light ? propsFromValues(light, value) : (value as Row));
}

/** Reads a relation row shaped as `{id, type, fromId, toId, props}`. */
export function toRelationRecord(row: Row): RelationRecord {
  const props = (row.props ?? {}) as Record<string, unknown>;
  return {
    id: String(row.id),
    type: String(row.type) as RelationTypeName,
    fromId: String(row.fromId),
    toId: String(row.toId),
    key: stringOrNull(props.key),
    amount: toQuantityRecord(props, 'amount'),
    date: toDateRecord(props.date),
    period: toPeriodRecord(props.periodStart, props.periodEnd),
    status: stringOrNull(props.status) as RelationStatusName | null,
    role: stringOrNull(props.role),
    properties: toKeyValues(props.properties),
    evidenceIds: strings(props.evidenceIds),
    qualityFlags: strings(props.qualityFlags) as QualityFlagName[],
  };
}

export function toEvidenceRecord(row: Row): EvidenceRecord {
  return {
    id: String(row.id),
    sourceId: String(row.sourceId),
    paragraph: Number(row.paragraph),
    charStart: Number(row.charStart),
    charEnd: Number(row.charEnd),
    quote: String(row.quote),
  };
}

export function toFactRecord(row: Row): FactRecord {
  return {
    id: String(row.id),
    entityId: String(row.entityId),
    key: String(row.key),
    value: String(row.value),
    quantity: toQuantityRecord(row, 'quantity'),
    date: toDateRecord(row.date),
    period: toPeriodRecord(row.periodStart, row.periodEnd),
    properties: toKeyValues(row.properties),
    qualityFlags: strings(row.qualityFlags) as QualityFlagName[],
    presentable: row.presentable !== false,
    evidenceIds: strings(row.evidenceIds),
  };
}
