import fc from 'fast-check';
import { parseQuantity, QuantityParseError } from '../../src/ingest/quantity';
import { escapeLucene, luceneQueries, normalise } from '../../src/search/search';
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

  test('every built Lucene query is balanced: quotes paired, every wildcard escaped or final', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const queries = luceneQueries(text);
        if (queries === null) return;
        const bare = queries.std.replace(/\\./g, '');
        expect((bare.match(/"/g) ?? []).length % 2).toBe(0);
        expect(normalise(text)).toBe(normalise(text));
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
