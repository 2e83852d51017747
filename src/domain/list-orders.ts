import { sortKey } from '../search/name-forms';
import { ENTITY_KINDS, KIND_LABEL, RELATION_TYPES, type EntityKindName } from './vocabulary';

export type EntityOrderName =
  'NAME_ASC' | 'NAME_DESC' | 'TOTAL_INVESTMENT_DESC' | 'TOTAL_INVESTMENT_ASC' | 'RELATION_COUNT_DESC';

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
 *
 * These names are the only identifiers substituted into the list statements' templates.
 */
export const LIST_ORDERS: Readonly<Record<EntityOrderName, { readonly key: string; readonly dir: 'ASC' | 'DESC' }>> = {
  NAME_ASC: { key: 'listKey', dir: 'ASC' },
  NAME_DESC: { key: 'listKey', dir: 'DESC' },
  TOTAL_INVESTMENT_DESC: { key: 'investDescKey', dir: 'ASC' },
  TOTAL_INVESTMENT_ASC: { key: 'investAscKey', dir: 'ASC' },
  RELATION_COUNT_DESC: { key: 'relCountKey', dir: 'ASC' },
};

export const LIST_ORDER_NAMES = Object.keys(LIST_ORDERS) as EntityOrderName[];

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
export function orderVars(order: EntityOrderName): Record<string, string> {
  const { key, dir } = LIST_ORDERS[order];
  return { key, dir, cmp: dir === 'ASC' ? '>' : '<' };
}

/** The `after` of a first page: below every key for ascending orders, above every key for descending ones. */
export function firstPageAfter(order: EntityOrderName): string {
  return LIST_ORDERS[order].dir === 'ASC' ? '' : '\uffff';
}

/** Template variables every statement may use: the allowlists, as lists to repeat a block over. */
export const GLOBAL_TEMPLATE_LISTS: Readonly<Record<string, readonly string[]>> = {
  relationType: RELATION_TYPES,
};

/** Per-kind template variables: the kind's label from the allowlist. */
export function kindVars(kind: EntityKindName): Record<string, string> {
  return { kind, label: KIND_LABEL[kind] };
}

export const KIND_NAMES: readonly EntityKindName[] = ENTITY_KINDS;
