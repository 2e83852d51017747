import { BadUserInputError } from '../errors/errors';

export const MAX_PAGE_SIZE = 100;

/** Checks `first` against 1..100 with a clear error, so no list is unbounded. */
export function checkFirst(first: number, argument = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, {
      argument,
      min: 1,
      max: MAX_PAGE_SIZE,
    });
  }
  return first;
}

/** Cursors are opaque to clients; inside they are offsets into a stable order. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

/** Reads an `after` cursor into the offset of the next item; rejects anything we did not issue. */
export function offsetAfter(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  const match = /^offset:(\d{1,9})$/.exec(decoded);
  if (!match) throw new BadUserInputError('"after" is not a cursor this API issued.', { argument: 'after' });
  return Number(match[1]) + 1;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Builds a Relay connection from one page of items starting at `offset`. */
export function toConnection<T>(items: readonly T[], offset: number, totalCount: number): Page<T> {
  const edges = items.map((node, index) => ({ cursor: encodeCursor(offset + index), node }));
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
