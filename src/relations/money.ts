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
    // Made when read (toQuantityRecord).
    get formatted(): string {
      return quantity.formatted;
    },
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

/**
 * A zone's project investment sum as the write path keeps it on the zone
 * (`projectInvestmentSum`, src/ingest/derived.ts): the whole MoneySum but `total.raw`, the
 * printed amounts joined, whose length grows with the zone's projects (every read of the zone
 * would carry it). A request that selects `raw` sums the projects instead.
 */
export type StoredMoneySum = Omit<MoneySum, 'total'> & { readonly total: Omit<Money, 'raw'> | null };

/** The JSON kept on a zone for a sum. */
export function storeMoneySum(sum: MoneySum): string {
  const { total, ...counts } = sum;
  if (total === null) return JSON.stringify({ ...counts, total: null });
  const { raw: _raw, ...kept } = total;
  return JSON.stringify({ ...counts, total: kept });
}

const COUNT_FIELDS = [
  'summedCount',
  'expectedCount',
  'exactCount',
  'approximateCount',
  'rangeCount',
  'missingCount',
] as const;

/** The sum kept on a zone, or null when there is none (or it is not one storeMoneySum wrote). */
export function restoreMoneySum(stored: unknown): StoredMoneySum | null {
  if (typeof stored !== 'string') return null;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(stored) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || COUNT_FIELDS.some((field) => typeof value[field] !== 'number'))
    return null;
  const total = value.total as Record<string, unknown> | null;
  if (total !== null && (typeof total !== 'object' || typeof total.amount !== 'string')) return null;
  return value as unknown as StoredMoneySum;
}
