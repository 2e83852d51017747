import Decimal from 'decimal.js';
import fc from 'fast-check';
import { parseQuantity, QuantityParseError, type Quantity } from '../../src/ingest/quantity';
import { escapeLucene, normalise, searchQueries } from '../../src/search/search';
import { isRealDate } from '../../src/ingest/validate';

/** Lucene's query-syntax characters (the classic query parser's list). */
const SPECIALS = ['+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '\\', '/'];
const SPECIAL = new Set(SPECIALS);

/** Text that often holds what a query builder must not pass through: syntax, Han, marks, spaces. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...SPECIALS),
    fc.constantFrom('上', '党', '經', '区', '银', '行', '〇'),
    fc.constantFrom('a', 'Z', 'ā', 'ǎ', 'ü', 'e\u0301', '1', '９', 'Ａ', 'ß'),
    fc.constantFrom(' ', '\u3000', '\t', '\n', '&&', '||', 'AND', 'OR', 'NOT'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});

/** Splits escaped Lucene text into units: an escaped pair (`\*`) or one character. */
function units(text: string): string[] {
  return text.match(/\\[\s\S]|[\s\S]/gu) ?? [];
}

function unescapeLucene(text: string): string {
  return units(text)
    .map((unit) => (unit.length === 2 && unit.startsWith('\\') ? unit.slice(1) : unit))
    .join('');
}

/** The characters of `text` that are query syntax, not text: specials that are not escaped. */
function unescapedSpecials(text: string): string[] {
  return units(text).filter((unit) => SPECIAL.has(unit));
}

describe('property: escapeLucene', () => {
  test('leaves no special character unescaped, and unescaping gives the text back', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeLucene(text);
        expect(unescapedSpecials(escaped)).toEqual([]);
        expect(unescapeLucene(escaped)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('property: searchQueries (what search sends to the full-text indexes)', () => {
  const term = '[\\p{L}\\p{N}]+';

  test('the prefix query is the normalised text, escaped, with one wildcard at its end and no other syntax', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const queries = searchQueries(text);
        if (queries === null) return;
        expect(queries.normalised).toBe(normalise(text));
        expect(unescapedSpecials(queries.prefix)).toEqual(['*']);
        expect(queries.prefix.endsWith('*')).toBe(true);
        expect(unescapeLucene(queries.prefix.slice(0, -1))).toBe(queries.normalised);
      }),
      { numRuns: 2000 },
    );
  });

  test('Han or long text: the contains query is the escaped text between two wildcards, on the name-forms index, or for Chinese characters alone the phrase of their bigrams', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('上党', '經', '区'), hostileText, (before, han, after) => {
        const text = `${before}${han}${after}`;
        const queries = searchQueries(text);
        expect(queries).not.toBeNull();
        if (/^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$/u.test(normalise(text))) {
          // Two or more Chinese characters and nothing else: no syntax but the phrase's quotes.
          expect(queries?.contains).toEqual({
            index: 'entity_search_cells',
            query: `searchKeys:"${normalise(text)}"`,
            scored: false,
          });
          return;
        }
        expect(queries?.contains.index).toBe('entity_search_keys');
        const query = queries?.contains.query ?? '';
        expect(unescapedSpecials(query)).toEqual(['*', '*']);
        expect([query[0], query[query.length - 1]]).toEqual(['*', '*']);
        expect(unescapeLucene(query.slice(1, -1))).toBe(normalise(text));
      }),
      { numRuns: 1000 },
    );
  });

  test('short other text: every wildcard ends a term, and the terms are the normalised words', () => {
    const shape = new RegExp(`^(?:\\((\\+${term}\\*(?: \\+${term}\\*)+)\\) )?(${term})\\*$`, 'u');
    fc.assert(
      fc.property(
        hostileText.filter((text) => !/\p{Script=Han}/u.test(text.normalize('NFKC'))),
        (text) => {
          const queries = searchQueries(text);
          const words = text
            .normalize('NFKC')
            .split(/\s+/u)
            .map((part) => normalise(part).replace(/[^\p{L}\p{N}]/gu, ''))
            .filter((word) => word !== '');
          if (queries === null) {
            expect(words).toEqual([]);
            return;
          }
          if (queries.contains.index === 'entity_search_keys') return; // long text: the case above
          const match = shape.exec(queries.contains.query);
          expect({ query: queries.contains.query, shaped: match !== null }).toEqual({
            query: queries.contains.query,
            shaped: true,
          });
          const [, every, joined] = match ?? [];
          expect(joined).toBe(words.join(''));
          if (words.length > 1) expect(every?.split(' ')).toEqual(words.map((word) => `+${word}*`));
          else expect(every).toBeUndefined();
        },
      ),
      // 가 once came back as its decomposed jamo (ᄀ + ᅡ), which no stored form holds.
      { numRuns: 2000, examples: [['가'], ['가 나'], ['e\u0301 가']] },
    );
  });

  test('text with nothing searchable (only syntax, punctuation and spaces) builds no query', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...SPECIALS, ' ', '\u3000', '。', '、', '·') }), (text) => {
        expect(searchQueries(text)).toBeNull();
      }),
    );
  });
});

describe('property: normalise (the form search compares names in)', () => {
  test('is idempotent, and equal for full-width and half-width, tone marks or not, any case and spacing', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9 ]{1,20}$/), fc.array(fc.boolean(), { maxLength: 20 }), (ascii, flips) => {
        const variant = [...ascii]
          .map((char, i) => {
            if (!flips[i]) return char;
            if (char === ' ') return '\u3000 ';
            if (/[a-z]/.test(char)) return char === 'a' ? 'Ā' : char.toUpperCase();
            return String.fromCharCode(char.charCodeAt(0) + 0xfee0); // full-width digit
          })
          .join('');
        const form = normalise(ascii);
        expect(normalise(variant)).toBe(form);
        expect(normalise(form)).toBe(form);
        expect(form).toBe(ascii.replace(/ /g, ''));
      }),
    );
  });

  test('keeps what is not a mark, a space or a case difference: different words stay different', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/), (a, b) => {
        fc.pre(a !== b);
        expect(normalise(a)).not.toBe(normalise(b));
      }),
    );
  });
});

describe('property: parseQuantity', () => {
  test('on any text it either parses or throws a QuantityParseError with a code', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        try {
          const q = parseQuantity(text);
          expect(q.amount).toMatch(/^\d+(\.\d+)?$/);
          expect(q.raw).toBe(text);
        } catch (error) {
          expect(error).toBeInstanceOf(QuantityParseError);
          expect((error as QuantityParseError).input).toBe(text);
        }
      }),
      { numRuns: 2000 },
    );
  });

  /** Figures as the page writes them: one qualifier at most, a number or a range, a multiplier, a unit. */
  const number = fc.stringMatching(/^(0|[1-9][0-9]{0,6})(\.[0-9]{1,3})?$/);
  const figure = fc
    .tuple(
      fc.oneof(
        number.map((n) => ({ number: n, range: false })),
        fc.tuple(number, number).map(([low, delta]) => ({
          number: `${low}-${new Decimal(low).plus(delta).toFixed()}`,
          range: true,
        })),
      ),
      fc.constantFrom('', '', '', '约', '超', '近', '不到', '至少', '最高', '以上', '以下', '左右', '余', '多'),
      fc.constantFrom('', '十', '百', '千', '万', '亿'),
      fc.constantFrom('元', '吨', '平方米', '千瓦时', '家', '人', '%', '米'),
    )
    .map(([{ number: n, range }, qualifier, multiplier, unit]) => {
      const scaled =
        unit === '%' ? n : `${n}${['余', '多'].includes(qualifier) && !range ? qualifier : ''}${multiplier}`;
      if (['以上', '以下', '左右'].includes(qualifier)) return `${scaled}${unit}${qualifier}`;
      if (['余', '多'].includes(qualifier)) return `${scaled}${unit}`;
      return `${range ? '' : qualifier}${scaled}${unit}`;
    });

  test('a parsed figure has bounds that fit its qualifier, and an exact amount within them', () => {
    const parsedAny = { count: 0 };
    fc.assert(
      fc.property(figure, (text) => {
        let q: Quantity;
        try {
          q = parseQuantity(text);
        } catch (error) {
          expect(error).toBeInstanceOf(QuantityParseError);
          return;
        }
        parsedAny.count += 1;
        const amount = new Decimal(q.amount);
        const bounds = { lower: q.lower === null ? null : 'set', upper: q.upper === null ? null : 'set' };
        const expected = {
          EXACT: { lower: 'set', upper: 'set' },
          RANGE: { lower: 'set', upper: 'set' },
          OVER: { lower: 'set', upper: null },
          AT_LEAST: { lower: 'set', upper: null },
          UNDER: { lower: null, upper: 'set' },
          AT_MOST: { lower: null, upper: 'set' },
          APPROX: { lower: null, upper: null },
        }[q.qualifier];
        expect({ text, bounds }).toEqual({ text, bounds: expected });
        if (q.lower !== null) expect(amount.gte(q.lower)).toBe(true);
        if (q.upper !== null) expect(amount.lte(q.upper)).toBe(true);
        if (q.qualifier === 'EXACT') expect([q.lower, q.upper]).toEqual([q.amount, q.amount]);
        if (q.qualifier === 'RANGE') {
          expect(amount.equals(new Decimal(q.lower ?? 0).plus(q.upper ?? 0).div(2))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    // The generator is worth something only if most figures parse.
    expect(parsedAny.count).toBeGreaterThan(1500);
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
});

describe('property: isRealDate', () => {
  test('accepts YYYY-MM-DD exactly when it is a calendar date between 1800 and 2200', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1700, max: 2300 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          // The oracle: a date that the UTC calendar does not roll over into another one.
          const date = new Date(Date.UTC(year, month - 1, day));
          const real =
            month >= 1 &&
            date.getUTCFullYear() === year &&
            date.getUTCMonth() === month - 1 &&
            date.getUTCDate() === day;
          expect({ text, accepted: isRealDate(text) }).toEqual({
            text,
            accepted: real && year >= 1800 && year <= 2200,
          });
        },
      ),
      { numRuns: 5000 },
    );
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('2025-13')).toBe(false);
    expect(isRealDate('2025')).toBe(true);
  });
});
