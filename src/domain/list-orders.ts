import { DEFAULT_FOLLOWED_TYPES } from '../analytics/link-types';
import { sortKey } from '../search/name-forms';
import { APPROVAL_LEVELS, ENTITY_KINDS, KIND_LABEL, RELATION_TYPES, SUBTYPES, type EntityKindName } from './vocabulary';

export type EntityOrderName =
  'NAME_ASC' | 'NAME_DESC' | 'TOTAL_INVESTMENT_DESC' | 'TOTAL_INVESTMENT_ASC' | 'RELATION_COUNT_DESC';

/** The orders of zone lists only: by approval date and by approved area (the national catalogue's). */
export type ZoneOnlyOrderName = 'APPROVAL_DATE_ASC' | 'APPROVAL_DATE_DESC' | 'APPROVED_AREA_DESC' | 'APPROVED_AREA_ASC';

/** Every list order: the entity orders of every kind and the zone-only ones. */
export type ListOrderName = EntityOrderName | ZoneOnlyOrderName;

/**
 * How each list order is served: the maintained node property that is its key and the way the
 * key is read. Every key is a string that ends with the entity's `listKey` (its pinyin sort name
 * and id), so keys are unique and a keyset cursor is just the last key seen. The keys are kept
 * by the write path (src/ingest/derived.ts) and indexed together with `kind` (migration 0007), so
 * a page is one index seek from the cursor: its cost follows the page, not the graph.
 *
 * - `listKey`: the pinyin sort name, then the id.
 * - `investAscKey` / `investDescKey`: the total investment (a project's own, a zone's projects'
 *   sum) as zero-padded yuan, plainly or complemented so that ascending key order is descending
 *   investment; entities without an amount get "~", which sorts after every digit: last both ways.
 * - `relCountKey`: the number of relations (but MENTIONED_IN), complemented: most first.
 * - `dateAscKey` / `dateDescKey` (zones only): the approval date as an 8-digit number yyyymmdd
 *   (a month's day is 00), plainly or complemented; zones without a date get "~": last both ways.
 * - `areaAscKey` / `areaDescKey` (zones only): the approved area in whole m², 15 digits, plainly
 *   or complemented; "~" without an area.
 *
 * These names are the only identifiers substituted into the list statements' templates.
 */
export const LIST_ORDERS: Readonly<Record<ListOrderName, { readonly key: string; readonly dir: 'ASC' | 'DESC' }>> = {
  NAME_ASC: { key: 'listKey', dir: 'ASC' },
  NAME_DESC: { key: 'listKey', dir: 'DESC' },
  TOTAL_INVESTMENT_DESC: { key: 'investDescKey', dir: 'ASC' },
  TOTAL_INVESTMENT_ASC: { key: 'investAscKey', dir: 'ASC' },
  RELATION_COUNT_DESC: { key: 'relCountKey', dir: 'ASC' },
  APPROVAL_DATE_ASC: { key: 'dateAscKey', dir: 'ASC' },
  APPROVAL_DATE_DESC: { key: 'dateDescKey', dir: 'ASC' },
  APPROVED_AREA_DESC: { key: 'areaDescKey', dir: 'ASC' },
  APPROVED_AREA_ASC: { key: 'areaAscKey', dir: 'ASC' },
};

/** The orders of every kind's lists (EntityOrder). */
export const LIST_ORDER_NAMES: readonly EntityOrderName[] = [
  'NAME_ASC',
  'NAME_DESC',
  'TOTAL_INVESTMENT_DESC',
  'TOTAL_INVESTMENT_ASC',
  'RELATION_COUNT_DESC',
];

/** The orders of zone lists: every kind's and the zone-only ones (EntityOrder's APPROVAL_DATE_*, APPROVED_AREA_*). */
export const ZONE_ORDER_NAMES: readonly ListOrderName[] = Object.keys(LIST_ORDERS) as ListOrderName[];

/** The digits of the numeric part of the zone-only keys, and the number they are complemented from. */
export const DATE_KEY_DIGITS = 8;
export const AREA_KEY_DIGITS = 15;

/**
 * Bounds on the keys of a zone-only order that hold every zone whose number (yyyymmdd, or whole
 * m²) lies in [lo, hi] (either side open when null), and no zone without one: the page then
 * starts at the range's start in the order's index instead of passing over what lies before it.
 * A superset of the range (the filter itself still applies); `after` and `before` are exclusive.
 */
export function numericKeyRange(
  digits: number,
  complemented: boolean,
  lo: number | null,
  hi: number | null,
): { after: string; before: string } {
  const max = 10 ** digits - 1;
  const pad = (value: number): string => String(value).padStart(digits, '0');
  // Keys are "<digits>\u0000<listKey>": "<n>\uffff" lies after every key of n, before n + 1's.
  const above = (value: number): string => (value < 0 ? '' : `${pad(value)}\uffff`);
  const upTo = (value: number): string => (value >= max ? '~' : `${pad(Math.max(value, 0))}\uffff`);
  const [from, to] = complemented ? [hi === null ? null : max - hi, lo === null ? null : max - lo] : [lo, hi];
  return { after: from === null ? '' : above(from - 1), before: to === null ? '~' : upTo(to) };
}

/** The bounds of a zone list's approval years and approved area (m², as decimal strings). */
export interface ZoneRanges {
  readonly yearFrom?: number | null;
  readonly yearTo?: number | null;
  readonly areaMin?: string | null;
  readonly areaMax?: string | null;
}

const OPEN = { after: '', before: '\uffff' } as const;

/**
 * The window of keys a zone list in `order` reads: the keys of the zones inside the ranges when
 * the order is by approval date (year bounds) or by area (area bounds), else every key.
 */
export function zoneKeyRange(order: ListOrderName, ranges: ZoneRanges): { after: string; before: string } {
  const given = (value: number | string | null | undefined): value is number | string =>
    value !== null && value !== undefined;
  const { yearFrom, yearTo, areaMin, areaMax } = ranges;
  if ((order === 'APPROVAL_DATE_ASC' || order === 'APPROVAL_DATE_DESC') && (given(yearFrom) || given(yearTo))) {
    return numericKeyRange(
      DATE_KEY_DIGITS,
      order === 'APPROVAL_DATE_DESC',
      given(yearFrom) ? yearFrom * 10000 : null,
      given(yearTo) ? yearTo * 10000 + 9999 : null,
    );
  }
  if ((order === 'APPROVED_AREA_ASC' || order === 'APPROVED_AREA_DESC') && (given(areaMin) || given(areaMax))) {
    // Keys hold the area rounded to whole m²: floor and ceiling keep every zone of the range.
    return numericKeyRange(
      AREA_KEY_DIGITS,
      order === 'APPROVED_AREA_DESC',
      given(areaMin) ? Math.floor(Number(areaMin)) : null,
      given(areaMax) ? Math.ceil(Number(areaMax)) : null,
    );
  }
  return OPEN;
}

/**
 * The zone classes (`zoneClass`: subtype/approvalLevel, "-" for none; kept by the write path,
 * ingest/refresh-derived) a subtype or level filter covers, or null when neither is given.
 */
export function zoneClasses(subtype: string | null, level: string | null): string[] | null {
  if (subtype === null && level === null) return null;
  const subtypes = subtype === null ? [...(SUBTYPES.ZONE ?? []), '-'] : [subtype];
  const levels = level === null ? [...Object.keys(APPROVAL_LEVELS), '-'] : [level];
  return subtypes.flatMap((s) => levels.map((l) => `${s}/${l}`));
}

/**
 * The key of the name order, stored on every entity: its sort name (pinyin, then the name
 * itself: src/search/name-forms.ts `sortKey`) and its id, so that keys are unique. The keys of
 * the other orders end with it (ingest/refresh-derived.cypher), and migration 0007 computes it
 * the same way for older graphs.
 */
export function listKey(name: string, id: string): string {
  return `${sortKey(name)}\u0000${id}`;
}

/** The template variables of one order: the key property, the direction and its comparison. */
export function orderVars(order: ListOrderName): Record<string, string> {
  const { key, dir } = LIST_ORDERS[order];
  return { key, dir, cmp: dir === 'ASC' ? '>' : '<' };
}

/** The `after` of a first page: below every key for ascending orders, above every key for descending ones. */
export function firstPageAfter(order: ListOrderName): string {
  return LIST_ORDERS[order].dir === 'ASC' ? '' : '\uffff';
}

/** Template variables every statement may use: the allowlists, as lists to repeat a block over. */
export const GLOBAL_TEMPLATE_LISTS: Readonly<Record<string, readonly string[]>> = {
  relationType: RELATION_TYPES,
  /** The types analytics follow by default (every type but MENTIONED_IN and AUTHORED). */
  followedType: DEFAULT_FOLLOWED_TYPES,
  /** The label of every kind (KIND_LABEL), e.g. to count a kind from the count store by its label. */
  entityLabel: ENTITY_KINDS.map((kind) => KIND_LABEL[kind]),
};

/** Per-kind template variables: the kind's label from the allowlist. */
export function kindVars(kind: EntityKindName): Record<string, string> {
  return { kind, label: KIND_LABEL[kind] };
}

export const KIND_NAMES: readonly EntityKindName[] = ENTITY_KINDS;
