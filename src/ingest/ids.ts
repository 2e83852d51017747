import { createHash } from 'node:crypto';
import { SYMMETRIC_RELATION_TYPES, type RelationTypeName } from '../domain/vocabulary';

/** A short, stable hash: the same input always gives the same id, so re-loading merges. */
export function stableHash(...parts: (string | number | null | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((part) => (part === null || part === undefined ? '' : String(part))).join('\u001f'))
    .digest('hex')
    .slice(0, 20);
}

/**
 * Relation ids name the type and hash the ends and the key (`rel:financed_by:…`), so a relation
 * can be found through its type's id index; symmetric types sort their ends first.
 */
export function relationId(
  type: RelationTypeName,
  from: string,
  to: string,
  key?: string,
): { id: string; from: string; to: string } {
  const [a, b] = SYMMETRIC_RELATION_TYPES.has(type) && to < from ? [to, from] : [from, to];
  return { id: `rel:${type.toLowerCase()}:${stableHash(type, a, b, key)}`, from: a, to: b };
}

/**
 * A fact's id: its entity, key, value, date or period and, when it has any, its properties
 * (sorted), so two facts that differ only in a property (one per recipient group, one per
 * product) are two facts, and a fact re-sent unchanged is the same one.
 */
export function factId(
  entityId: string,
  fact: {
    key: string;
    value: string;
    date?: string | null;
    period?: { start: string; end?: string | null } | null;
    properties?: Record<string, string> | null;
  },
): string {
  const properties = Object.entries(fact.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = [entityId, fact.key, fact.value, fact.date, fact.period?.start, fact.period?.end];
  return `fact:${stableHash(...parts, ...(properties.length === 0 ? [] : [JSON.stringify(properties)]))}`;
}
