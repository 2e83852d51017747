/*
 * The sum a zone keeps (src/relations/money.ts, storeMoneySum / restoreMoneySum): what is
 * restored is the sum sumMoney made, every field but total.raw, for any mix of amounts; and a
 * kept value that is not such a sum restores as none, so the API sums the projects instead.
 */
import fc from 'fast-check';
import type { QuantityRecord } from '../../src/entities/records';
import { restoreMoneySum, storeMoneySum, sumMoney } from '../../src/relations/money';

const decimal = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 4 }))
  .map(([digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  });

const quantity: fc.Arbitrary<QuantityRecord | null> = fc.option(
  fc
    .record({
      amount: decimal,
      unit: fc.constantFrom('CNY', 'CNY', 'CNY', 't'),
      qualifier: fc.constantFrom('EXACT', 'APPROX', 'OVER', 'RANGE'),
      bounds: fc.option(fc.tuple(decimal, decimal)),
      raw: fc.string({ minLength: 1, maxLength: 8 }),
      expected: fc.boolean(),
    })
    .map(({ bounds, ...q }) => ({
      ...q,
      countNoun: null,
      lower: bounds?.[0] ?? null,
      upper: bounds?.[1] ?? null,
      formatted: `${q.amount} ${q.unit}`,
    })),
  { freq: 4 },
);

describe('a kept investment sum', () => {
  test('restores as the sum it was made from, but for total.raw', () => {
    fc.assert(
      fc.property(fc.array(quantity, { maxLength: 12 }), (amounts) => {
        const sum = sumMoney(amounts);
        const restored = restoreMoneySum(storeMoneySum(sum));
        const { raw: _raw, ...total } = sum.total ?? { raw: '' };
        expect(restored).toEqual({ ...sum, total: sum.total === null ? null : total });
      }),
    );
  });

  test('keeps no printed amounts, whose length grows with the projects', () => {
    const many = Array.from({ length: 500 }, (_, i): QuantityRecord => ({
      amount: String(i + 1),
      unit: 'CNY',
      countNoun: null,
      qualifier: 'EXACT',
      lower: null,
      upper: null,
      raw: `${i + 1}元`,
      formatted: `${i + 1} CNY`,
      expected: false,
    }));
    const stored = storeMoneySum(sumMoney(many));
    expect(sumMoney(many).total?.raw.length).toBeGreaterThan(3000);
    expect(stored.length).toBeLessThan(400);
    expect(restoreMoneySum(stored)?.total?.amount).toBe('125250');
  });

  test.each([
    [undefined],
    [null],
    [42],
    ['marker'],
    ['{}'],
    ['null'],
    ['{"summedCount":1}'],
    [
      '{"summedCount":1,"expectedCount":0,"exactCount":1,"approximateCount":0,"rangeCount":0,"missingCount":0,"total":{"amount":5}}',
    ],
  ])('%p is not a kept sum', (stored) => {
    expect(restoreMoneySum(stored)).toBeNull();
  });
});
