import type { GraphQLError } from 'graphql';
import {
  BOOKMARK_HEADER,
  MAX_BOOKMARKS,
  MAX_BOOKMARK_LENGTH,
  formatBookmarks,
  parseBookmarkHeader,
} from '../../src/db/bookmarks';
import { ErrorCode } from '../../src/errors/error-code';

// A real Neo4j 5.26 bookmark, as a mutation returns it.
const REAL = 'FB:kcwQV1DCa2k+SqS+4wjq38W/6MkAxpA=';
const OTHER = 'FB:kcwQV1DCa2k+SqS+4wjq38W/6AWQ';

function refusal(value: string | string[]): GraphQLError {
  try {
    parseBookmarkHeader(value);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error(`"${String(value)}" was accepted`);
}

describe('the x-zonegraph-bookmark header', () => {
  test('absent or blank means no bookmark', () => {
    expect(parseBookmarkHeader(undefined)).toEqual([]);
    expect(parseBookmarkHeader('')).toEqual([]);
    expect(parseBookmarkHeader('   ')).toEqual([]);
  });

  test('holds one or more comma-separated bookmarks, also when a proxy repeated the header', () => {
    expect(parseBookmarkHeader(REAL)).toEqual([REAL]);
    expect(parseBookmarkHeader(` ${REAL} , ${OTHER} `)).toEqual([REAL, OTHER]);
    expect(parseBookmarkHeader([REAL, OTHER, REAL])).toEqual([REAL, OTHER]);
  });

  test.each([
    ['a space inside', 'FB:abc def'],
    ['a quote', 'FB:"abc"'],
    ['a semicolon', 'FB:abc;drop'],
    ['a newline', 'FB:abc\ndef'],
    ['non-ASCII', 'FB:书签'],
    ['an empty element', `${REAL},,${OTHER}`],
    ['a trailing comma', `${REAL},`],
    ['one bookmark too long', `FB:${'A'.repeat(MAX_BOOKMARK_LENGTH)}`],
    ['too many bookmarks', Array.from({ length: MAX_BOOKMARKS + 1 }, (_, i) => `FB:${i}`).join(',')],
    ['a huge header', 'A'.repeat(64 * 1024)],
  ])('is refused with BAD_USER_INPUT when it has %s', (_what, value) => {
    const error = refusal(value);
    expect(error.extensions).toEqual({ code: ErrorCode.BAD_USER_INPUT, header: BOOKMARK_HEADER });
    expect(error.message).toContain(BOOKMARK_HEADER);
    // The refusal never echoes the value: it may be anything a client sent.
    expect(error.message).not.toContain(value.slice(0, 12));
  });

  test('what the server sends back is always accepted as it is', () => {
    const many = Array.from({ length: MAX_BOOKMARKS }, (_, i) => `FB:kcwQ${i}+/=`);
    const header = formatBookmarks(many) as string;
    expect(parseBookmarkHeader(header).sort()).toEqual([...many].sort());
    expect(formatBookmarks([OTHER, REAL, OTHER])).toBe([OTHER, REAL].sort().join(','));
    expect(formatBookmarks([])).toBeNull();
  });
});
