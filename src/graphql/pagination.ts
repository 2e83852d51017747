import { createHash } from 'node:crypto';
import { BadUserInputError } from '../errors/errors';

export const MAX_PAGE_SIZE = 100;

export type Bounds = readonly [min: number, max: number];

/** Every `first` and `limit` argument is within these unless ARGUMENT_BOUNDS says otherwise. */
export const PAGE_BOUNDS: Bounds = [1, MAX_PAGE_SIZE];

/**
 * The ranges of the bounded Int arguments that differ from PAGE_BOUNDS, by `Type.field`. The
 * limits plugin checks every bounded argument of a request against this table before any
 * resolver runs (HTTP 400); the resolvers check again from the same table.
 */
export const ARGUMENT_BOUNDS: Readonly<Record<string, Readonly<Record<string, Bounds>>>> = {
  'Query.neighborhood': { depth: [1, 3], limit: PAGE_BOUNDS },
  'Query.paths': { maxHops: [1, 6], first: [1, 10] },
  'Query.partnerSuggestions': { first: [1, 50] },
};

/** The range of an argument of a field, or null when the argument is not bounded. */
export function boundsOf(typeName: string, fieldName: string, argument: string): Bounds | null {
  const own = ARGUMENT_BOUNDS[`${typeName}.${fieldName}`]?.[argument];
  if (own !== undefined) return own;
  return argument === 'first' || argument === 'limit' ? PAGE_BOUNDS : null;
}

/** Checks an integer argument against its range with a clear BAD_USER_INPUT error. */
export function checkBounds(value: number, argument: string, [min, max]: Bounds): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`"${argument}" must be between ${min} and ${max}, got ${value}.`, {
      argument,
      min,
      max,
    });
  }
  return value;
}

/** Checks `first` against 1..100 with a clear error, so no list is unbounded. */
export function checkFirst(first: number, argument = 'first'): number {
  return checkBounds(first, argument, PAGE_BOUNDS);
}

/**
 * What a cursor belongs to: the list (a kind, or an entity's relations), its order and its
 * filter. A cursor carries a short hash of its scope, so one issued for one list, order or
 * filter is refused on another instead of silently answering the wrong page.
 */
export function cursorScope(...parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 10);
}

/** Cursors are opaque to clients; inside they are offsets into a stable order, and their scope. */
export function encodeCursor(offset: number, scope: string): string {
  return Buffer.from(`offset:${offset}:${scope}`, 'utf8').toString('base64url');
}

/**
 * Reads an `after` cursor into the offset of the next item; rejects anything we did not issue,
 * and a cursor of another list, order or filter.
 */
export function offsetAfter(after: string | null | undefined, scope: string): number {
  if (after === null || after === undefined) return 0;
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  const match = /^offset:(\d{1,9}):([A-Za-z0-9_-]{10})$/.exec(decoded);
  if (!match) throw new BadUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
  if (match[2] !== scope) {
    throw new BadUserInputError(
      '"after" is a cursor of another list, order or filter; page with the cursors of this one.',
      { argument: 'after' },
    );
  }
  return Number(match[1]) + 1;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Builds a Relay connection from one page of items starting at `offset`. */
export function toConnection<T>(items: readonly T[], offset: number, totalCount: number, scope: string): Page<T> {
  const edges = items.map((node, index) => ({ cursor: encodeCursor(offset + index, scope), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + items.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
