import { BadUserInputError } from '../errors/errors';

/**
 * The HTTP header that carries Neo4j bookmarks between a client and any API replica. A
 * mutation's response sets it (and `WriteResult.bookmark`); a client that sends it back gets
 * reads that wait until the database member serving them has caught up with that write.
 */
export const BOOKMARK_HEADER = 'x-zonegraph-bookmark';

/** A request may name this many bookmarks (one per write it wants to see); more is refused. */
export const MAX_BOOKMARKS = 16;

/** The longest single bookmark accepted; Neo4j 5's are about 35 characters. */
export const MAX_BOOKMARK_LENGTH = 256;

/**
 * The characters of a bookmark: Neo4j's are opaque strings such as `FB:kcwQV1DCa2k+SqS+4wjq…`
 * (a prefix and base64). Nothing else is accepted, so a header can never smuggle separators,
 * quotes or control characters into a session or a log line.
 */
const BOOKMARK = /^[A-Za-z0-9+/=:_-]+$/;

/**
 * The bookmarks a request carries in `x-zonegraph-bookmark`: none when the header is absent or
 * empty, otherwise one or more comma-separated bookmarks (a header repeated by a proxy arrives
 * joined by commas too). A malformed value is refused with BAD_USER_INPUT, never passed on.
 */
export function parseBookmarkHeader(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const raw = typeof value === 'string' ? value : value.join(',');
  if (raw.trim() === '') return [];
  if (raw.length > MAX_BOOKMARKS * (MAX_BOOKMARK_LENGTH + 2)) refuseWith('too long');
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length > MAX_BOOKMARKS) refuseWith(`more than ${MAX_BOOKMARKS} bookmarks`);
  for (const part of parts) {
    if (part === '') refuseWith('an empty bookmark');
    if (part.length > MAX_BOOKMARK_LENGTH) refuseWith(`a bookmark longer than ${MAX_BOOKMARK_LENGTH} characters`);
    if (!BOOKMARK.test(part)) refuseWith('a character a bookmark never has');
  }
  return [...new Set(parts)];
}

function refuseWith(reason: string): never {
  throw new BadUserInputError(
    `The ${BOOKMARK_HEADER} header is malformed (${reason}): send back, unchanged, the value of the ` +
      `${BOOKMARK_HEADER} response header or of WriteResult.bookmark.`,
    { header: BOOKMARK_HEADER },
  );
}

/** The header value for a set of bookmarks, or null when there is none. */
export function formatBookmarks(bookmarks: Iterable<string>): string | null {
  const list = [...new Set(bookmarks)].sort();
  return list.length === 0 ? null : list.join(',');
}
