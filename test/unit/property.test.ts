import fc from 'fast-check';
import { parseQuantity, QuantityParseError } from '../../src/ingest/quantity';
import { escapeLucene, normalise, searchQueries } from '../../src/search/search';
import { isRealDate } from '../../src/ingest/validate';

describe('property: normalisers never fail in unplanned ways', () => {
  test('parseQuantity either parses or throws a QuantityParseError with a code', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        try {
          const q = parseQuantity(text);
          expect(q.amount).toMatch(/^\d+(\.\d+)?$/);
        } catch (error) {
          expect(error).toBeInstanceOf(QuantityParseError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('a decimal of 万 yuan parses to exactly 10,000 times its value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, '0')}`;
        const q = parseQuantity(`${text}万元`);
        expect(BigInt(q.amount)).toBe(BigInt(whole) * 10000n + BigInt(cents) * 100n);
      }),
    );
  });

  test('escaped Lucene text keeps no unescaped special character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const escaped = escapeLucene(text);
        expect(escaped.replace(/\\./g, '')).not.toMatch(/[+\-&|!(){}[\]^"~*?:\\/]/);
      }),
    );
  });

  test('every search query is one term: no whitespace, and its only bare wildcards are the ones it adds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const queries = searchQueries(text);
        if (queries === null) return;
        expect(queries.normalised).toBe(normalise(text));
        const bare = (query: string): string => query.replace(/\\./g, '');
        expect(queries.prefix).not.toMatch(/\s/);
        expect(bare(queries.prefix)).toBe(`${bare(escapeLucene(queries.normalised))}*`);
        expect(bare(queries.prefix).slice(0, -1)).not.toMatch(/[*?"]/);
        if (queries.contains.index === 'entity_search_keys') {
          expect(bare(queries.contains.query)).toBe(`*${bare(queries.prefix)}`);
        } else {
          expect(bare(queries.contains.query)).not.toMatch(/"/);
        }
      }),
    );
  });

  test('isRealDate accepts exactly the real calendar dates', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (date) => {
          expect(isRealDate(date.toISOString().slice(0, 10))).toBe(true);
        },
      ),
    );
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-13')).toBe(false);
  });
});
