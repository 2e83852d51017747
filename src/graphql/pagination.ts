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

/**
 * Cursors are opaque to clients. Inside, a cursor is the sort key of the last item of a page
 * (keyset pagination: the next page starts strictly after it, whatever was written meanwhile),
 * with the scope of its list. Cursors of API version 1 were offsets (`offset:N:scope`).
 */
export function encodeCursor(key: string, scope: string): string {
  return Buffer.from(`key:${scope}:${key}`, 'utf8').toString('base64url');
}

/**
 * Reads an `after` cursor into the key the next page starts after (null: the first page);
 * rejects anything we did not issue, an offset cursor of API version 1, and a cursor of another
 * list, order or filter.
 */
export function keyAfter(after: string | null | undefined, scope: string): string | null {
  if (after === null || after === undefined) return null;
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  if (/^offset:\d{1,9}:[A-Za-z0-9_-]{10}$/.test(decoded)) {
    throw new BadUserInputError(
      '"after" is an offset cursor of API version 1; lists now page with keyset cursors: start again without "after" and page with the cursors of the new answers.',
      { argument: 'after' },
    );
  }
  const match = /^key:([A-Za-z0-9_-]{10}):([\s\S]{1,2000})$/u.exec(decoded);
  if (!match || Buffer.from(match[0], 'utf8').toString('base64url') !== after) {
    throw new BadUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
  }
  if (match[1] !== scope) {
    throw new BadUserInputError(
      '"after" is a cursor of another list, order or filter; page with the cursors of this one.',
      { argument: 'after' },
    );
  }
  return match[2] as string;
}

/** One page read with one row more than asked for, which says whether there is a next page. */
export interface KeyedPage<T> {
  readonly items: readonly { readonly node: T; readonly key: string }[];
  readonly hasNextPage: boolean;
}

/** Cuts the rows of a page query (at most first + 1) to the page and says whether more follow. */
export function keyedPage<T>(rows: readonly { node: T; key: string }[], first: number): KeyedPage<T> {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Computed only when the client selects it (a getter), and at most once. */
  readonly totalCount: Promise<number>;
}

/**
 * Builds a Relay connection from one keyed page. `count` runs only if the client selects
 * `totalCount`, so a page that does not ask for it never counts. `hasPreviousPage` is true
 * when the page was asked for with a cursor (the Relay spec lets a forward page say so).
 */
export function toConnection<T>(
  page: KeyedPage<T>,
  scope: string,
  hadCursor: boolean,
  count: () => Promise<number>,
): Page<T> {
  const edges = page.items.map(({ node, key }) => ({ cursor: encodeCursor(key, scope), node }));
  let counted: Promise<number> | null = null;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount(): Promise<number> {
      counted ??= count();
      return counted;
    },
  };
}
