/*
 * The shortcuts the bulk load takes in Node must answer exactly as the plain versions did: a
 * content hash that differed would turn a re-sent batch into IDEMPOTENCY_KEY_REUSED against the
 * ledger rows already recorded, and a wrong paragraph would be a wrong evidence offset.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { relationId, stableHash } from '../../src/ingest/ids';
import { paragraphOf, paragraphStarts } from '../../src/ingest/paragraphs';
import { contentKey } from '../../src/ingest/writer';
import { deriveNameForms, pinyinSyllables, scriptForms, scriptKey, sortKey } from '../../src/search/name-forms';

/** The content hash as it was first written (a canonical object tree, then JSON.stringify). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => [key, canonical(inner)]),
  );
}
const plainContentKey = (batch: unknown): string =>
  `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(batch)))
    .digest('hex')}`;

/** The first paragraph lookup: every paragraph, in order, for every quote. */
const plainParagraphOf = (text: string, start: number, end: number): number =>
  paragraphStarts(text).findIndex((span) => start >= span.start && end <= span.end);

/** JSON-like values with absent (undefined) fields and unicode keys, as batches can hold. */
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 4 }),
    // Keys that look like array indexes ("0", "17", "4294967295") too: objects order those first.
    fc.dictionary(
      fc.oneof(
        fc.string({ unit: 'grapheme' }),
        fc.nat().map(String),
        fc.constantFrom('4294967294', '4294967295', '01'),
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

describe('ingest speedups answer as the plain versions did', () => {
  test('the content hash is the one recorded before (keys sorted, absent fields dropped, null kept)', () => {
    fc.assert(
      // A batch is a value parsed from JSON or GraphQL: never undefined as a whole.
      fc.property(
        value.filter((batch) => batch !== undefined),
        (batch) => {
          expect(contentKey(batch)).toBe(plainContentKey(batch));
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.record({
          idempotencyKey: fc.option(fc.string(), { nil: undefined }),
          sources: fc.array(value, { maxLength: 5 }),
          entities: fc.option(fc.array(value, { maxLength: 5 }), { nil: undefined }),
          relations: fc.array(value, { maxLength: 5 }),
        }),
        (batch) => {
          expect(contentKey(batch)).toBe(plainContentKey(batch));
        },
      ),
      { numRuns: 1000 },
    );
    // Array-index keys come first in numeric order, as they did in the object the hash was made of.
    const indexed = { b: 1, '10': 2, '': {}, '2': 3, '0': 0, '4294967295': 4, '01': 5 };
    expect(contentKey(indexed)).toBe(plainContentKey(indexed));
    expect(contentKey({ entities: [{ '0': 0, '': {} }] })).toBe(plainContentKey({ entities: [{ '0': 0, '': {} }] }));
    // A value recorded in a ledger row before this change: the seed-format example of the docs.
    expect(contentKey({ b: [1, { d: null, c: undefined, a: 'x' }], a: '上党' })).toBe(
      plainContentKey({ a: '上党', b: [1, { a: 'x', d: null }] }),
    );
  });

  test('paragraphOf finds the paragraph the full scan finds, for any text and span', () => {
    const text = fc
      .array(fc.constantFrom('甲', 'a', ' ', '\n', '\r\n', '\n\n', '乙丙'), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (body, a, b) => {
        const start = a % (body.length + 1);
        const end = start + (b % (body.length - start + 1));
        expect(paragraphOf(body, start, end)).toBe(plainParagraphOf(body, start, end));
      }),
      { numRuns: 5000 },
    );
    // Many texts in turn (more than it remembers), and the same text again.
    const texts = Array.from({ length: 40 }, (_, i) => `第${i}段\n\n第${i}段之二\n第${i}段之三`);
    for (const body of [...texts, ...texts]) {
      const at = body.indexOf('之三');
      expect(paragraphOf(body, at, at + 2)).toBe(2);
    }
  });

  test('remembered script conversions and pinyin answer as before, in any order of calls', () => {
    expect(scriptKey('中國銀行')).toBe('中国银行');
    expect(scriptForms('中国银行')).toEqual(['中国银行', '中國銀行']);
    expect(sortKey('上党经开区')).toBe('shang dang jing kai qu\u0000上党经开区');
    expect(deriveNameForms(['上党经开区']).pinyinNames).toEqual(['shang dang jing kai qu', 'shangdangjingkaiqu']);
    // The same name twice must not hand out one shared array that a caller could change.
    for (let i = 0; i < 2; i += 1) pinyinSyllables('上党').push('changed');
    expect(pinyinSyllables('上党')).toEqual(['shang', 'dang']);
    expect(sortKey('上党经开区')).toBe('shang dang jing kai qu\u0000上党经开区');
  });

  test('ids hash as they always did (stored ids must not change)', () => {
    const plain = (...parts: (string | number | null | undefined)[]): string =>
      createHash('sha256')
        .update(parts.map((part) => (part === null || part === undefined ? '' : String(part))).join('\u001f'))
        .digest('hex')
        .slice(0, 20);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null), fc.constant(undefined))),
        (parts) => {
          expect(stableHash(...parts)).toBe(plain(...parts));
        },
      ),
      { numRuns: 2000 },
    );
    // A relation of the seed graph, as stored since it was first loaded.
    expect(
      relationId('FINANCED_BY', 'zone:shangdang-etdz', 'instrument:local-government-special-bond', '2025').id,
    ).toBe(
      `rel:financed_by:${plain('FINANCED_BY', 'zone:shangdang-etdz', 'instrument:local-government-special-bond', '2025')}`,
    );
  });
});
