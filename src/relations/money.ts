import Decimal from 'decimal.js';
import { formatQuantity } from '../ingest/quantity';
import type { QuantityRecord } from '../entities/records';
import type { Money, MoneySum } from './value.types';

/** Presents a parsed CNY quantity as Money. */
export function toMoney(quantity: QuantityRecord | null): Money | null {
  if (quantity === null || quantity.unit !== 'CNY') return null;
  return {
    amount: quantity.amount,
    currency: 'CNY',
    qualifier: quantity.qualifier,
    lower: quantity.lower,
    upper: quantity.upper,
    raw: quantity.raw,
    formatted: quantity.formatted,
    expected: quantity.expected === true,
  };
}

const add = (values: string[]): string => values.reduce((sum, value) => sum.plus(value), new Decimal(0)).toFixed();

/**
 * Sums amounts exactly (decimal.js) and says how many were exact, approximate or ranges, so a
 * total of 80亿元 + 超30亿元 is reported as what it is rather than as a precise figure.
 */
export function sumMoney(amounts: readonly (QuantityRecord | null)[]): MoneySum {
  const present = amounts.filter((a): a is QuantityRecord => a !== null && a.unit === 'CNY');
  const exactCount = present.filter((a) => a.qualifier === 'EXACT').length;
  const rangeCount = present.filter((a) => a.qualifier === 'RANGE').length;
  const expectedCount = present.filter((a) => a.expected === true).length;
  const result: MoneySum = {
    total: null,
    summedCount: present.length,
    expectedCount,
    exactCount,
    approximateCount: present.length - exactCount - rangeCount,
    rangeCount,
    missingCount: amounts.length - present.length,
  };
  if (present.length === 0) return result;
  const amount = add(present.map((a) => a.amount));
  const lower = present.every((a) => a.lower !== null) ? add(present.map((a) => a.lower as string)) : null;
  const upper = present.every((a) => a.upper !== null) ? add(present.map((a) => a.upper as string)) : null;
  const qualifier = exactCount === present.length ? 'EXACT' : lower !== null && upper !== null ? 'RANGE' : 'APPROX';
  const quantity = { amount, unit: 'CNY' as const, countNoun: null, qualifier, lower, upper, raw: '' } as const;
  return {
    ...result,
    total: {
      amount,
      currency: 'CNY',
      qualifier: qualifier as Money['qualifier'],
      lower,
      upper,
      raw: present.map((a) => a.raw).join(' + '),
      formatted: formatQuantity(quantity),
      expected: expectedCount > 0,
    },
  };
}
