import crypto from 'node:crypto';
import { SYMMETRIC_RELATION_TYPES, type RelationTypeName } from '../domain/vocabulary';

/**
 * A short, stable hash: the same input always gives the same id, so re-loading merges. (The
 * one-shot `crypto.hash` gives the digest `createHash` gives, at half the cost: a bulk load
 * hashes every evidence span, fact and relation.)
 */
export function stableHash(...parts: (string | number | null | undefined)[]): string {
  const text = parts.map((part) => (part === null || part === undefined ? '' : String(part))).join('\u001f');
  return sha256Hex(text).slice(0, 20);
}

/** `crypto.hash` came with Node 20.12; earlier Node 20 releases take the longer way. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

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
