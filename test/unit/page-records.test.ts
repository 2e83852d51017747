/*
 * What a page statement reads of a relation or an entity, and how the record is rebuilt from the
 * list of values it returns (src/entities/records.ts, src/graphql/selection.ts).
 */
import {
  propsFromValues,
  quantityProps,
  RELATION_RECORD_PROPS,
  toEntityRecord,
  toPageEntity,
  toQuantityRecord,
  toRelationRecord,
  type QuantityRecord,
} from '../../src/entities/records';
import * as quantityModule from '../../src/ingest/quantity';
import { toMoney } from '../../src/relations/money';
import { LIGHT_BASE_PROPS, LIGHT_ENTITY_FIELDS, LIGHT_ENTITY_PROPS } from '../../src/graphql/selection';

/** The stored properties of an amount of 2,390万元, as the planner writes them. */
const AMOUNT = {
  amountAmount: '23900000',
  amountUnit: 'CNY',
  amountQualifier: 'EXACT',
  amountLower: '23900000',
  amountUpper: '23900000',
  amountRaw: '2390万元',
  amountExpected: false,
};

/** The properties `read` asks of the object it is given. */
function propsRead(read: (props: Record<string, unknown>) => unknown): string[] {
  const asked = new Set<string>();
  const props = new Proxy<Record<string, unknown>>(
    {},
    {
      get: (_target, key) => {
        if (typeof key === 'string') asked.add(key);
        return undefined;
      },
    },
  );
  read(props);
  return [...asked];
}

describe('the properties a page statement reads', () => {
  test('RELATION_RECORD_PROPS are exactly the properties a relation record is built from', () => {
    const build = (props: Record<string, unknown>) =>
      toRelationRecord({ id: 'rel:x', type: 'FINANCED_BY', fromId: 'a', toId: 'b', props });
    // Without an amount, its other parts are not read; with one, they all are.
    const plain = propsRead(build);
    const withAmount = propsRead((props) =>
      build(new Proxy(props, { get: (target, key) => (key === 'amountAmount' ? '1' : target[key as string]) })),
    );
    expect(plain).not.toContain('amountUnit');
    expect(withAmount).toEqual(
      expect.arrayContaining(quantityProps('amount').filter((prop) => prop !== 'amountAmount')),
    );
    expect([...new Set([...plain, ...withAmount, 'amountAmount'])].sort()).toEqual([...RELATION_RECORD_PROPS].sort());
  });

  test('a relation rebuilt from the values of all its properties is the one built from its map', () => {
    const props = {
      key: 'k1',
      ...AMOUNT,
      date: '2016-05',
      periodStart: '2015',
      periodEnd: '2020',
      status: 'ACTIVE',
      role: 'lender',
      properties: '{"term":"5 years"}',
      evidenceIds: ['ev:1', 'ev:2'],
      qualityFlags: ['ESTIMATED'],
    };
    const values = RELATION_RECORD_PROPS.map((prop) => (props as Record<string, unknown>)[prop] ?? null);
    const ends = { id: 'rel:x', type: 'FINANCED_BY', fromId: 'a', toId: 'b' };
    expect(toRelationRecord({ ...ends, props: propsFromValues(RELATION_RECORD_PROPS, values) })).toEqual(
      toRelationRecord({ ...ends, props }),
    );
    expect(toRelationRecord({ ...ends, props: propsFromValues(RELATION_RECORD_PROPS, values) }).amount?.formatted).toBe(
      toRelationRecord({ ...ends, props }).amount?.formatted,
    );
  });

  test('null values are left out, as a projection of the node leaves out what it lacks', () => {
    expect(propsFromValues(['a', 'b', 'c'], [1, null, 'x'])).toEqual({ a: 1, c: 'x' });
    expect(propsFromValues(['a', 'b'], [])).toEqual({});
  });

  test('a light entity is rebuilt from the values of the properties asked, a whole one from its map', () => {
    const row = {
      id: 'zone:z',
      kind: 'ZONE',
      name: '上党经开区',
      subtype: 'ETDZ',
      industries: ['steel'],
      enterpriseCount: 12,
    };
    const light = LIGHT_ENTITY_PROPS;
    expect(
      toPageEntity(
        light.map((prop) => (row as Record<string, unknown>)[prop] ?? null),
        light,
      ),
    ).toEqual(toEntityRecord(row));
    expect(toPageEntity(row, null)).toEqual(toEntityRecord(row));
    const named = toPageEntity(['zone:z', 'ZONE', '上党经开区'], LIGHT_BASE_PROPS);
    expect(named).toEqual({ ...toEntityRecord({ id: 'zone:z', kind: 'ZONE', name: '上党经开区' }) });
    expect(named.industries).toEqual([]);
  });

  test('every light property belongs to a light field, and the base comes first', () => {
    expect(LIGHT_ENTITY_PROPS.slice(0, 3)).toEqual(LIGHT_BASE_PROPS);
    expect(new Set(LIGHT_ENTITY_PROPS).size).toBe(LIGHT_ENTITY_PROPS.length);
    for (const field of ['subtype', 'englishName', 'aliases', 'industries', 'qualityFlags', 'stats']) {
      expect(LIGHT_ENTITY_FIELDS.has(field)).toBe(true);
    }
    expect(LIGHT_ENTITY_PROPS).toEqual(
      expect.arrayContaining(['enterpriseCount', 'projectCount', 'projectInvestmentSum']),
    );
  });
});

describe('a quantity read from its properties', () => {
  const props = AMOUNT;

  test('is rendered in English only when its rendering is read, as it was rendered before', () => {
    const format = jest.spyOn(quantityModule, 'formatQuantity');
    try {
      const record = toQuantityRecord(props, 'amount');
      const money = toMoney(record);
      expect(record?.amount).toBe('23900000');
      expect(money?.amount).toBe('23900000');
      expect(format).not.toHaveBeenCalled();
      const rendered = money?.formatted;
      expect(format).toHaveBeenCalledTimes(1);
      const { formatted: _formatted, expected, ...parsed } = record as QuantityRecord;
      expect(rendered).toBe(quantityModule.formatQuantity(parsed as quantityModule.Quantity));
      expect(record?.formatted).toBe(money?.formatted);
      expect(record?.formatted).toMatch(/23,900,000/);
      expect(expected).toBe(false);
    } finally {
      format.mockRestore();
    }
  });

  test('reads the properties of its prefix, and none when there is no amount', () => {
    expect(toQuantityRecord({}, 'amount')).toBeNull();
    expect(toQuantityRecord(props, 'investment')).toBeNull();
    const renamed = Object.fromEntries(
      Object.entries(props).map(([key, value]) => [key.replace('amount', 'investment'), value]),
    );
    expect({ ...toQuantityRecord(renamed, 'investment') }).toEqual({ ...toQuantityRecord(props, 'amount') });
  });
});
