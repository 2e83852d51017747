import fs from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import {
  formatQuantity,
  parseMoney,
  parseQuantity,
  QuantityParseError,
  tryParseQuantity,
} from '../../src/ingest/quantity';
import type { Quantity } from '../../src/ingest/quantity';
import { readSeed, SEED_DIR } from '../../src/ingest/seed';

type Expected = Omit<Quantity, 'raw' | 'countNoun'> & { countNoun?: string | null };

/** EXACT: lower = upper = amount. */
function exact(amount: string, unit: Quantity['unit'], countNoun: string | null = null): Expected {
  return { amount, unit, countNoun, qualifier: 'EXACT', lower: amount, upper: amount };
}

function over(amount: string, unit: Quantity['unit'], countNoun: string | null = null): Expected {
  return { amount, unit, countNoun, qualifier: 'OVER', lower: amount, upper: null };
}

function atLeast(amount: string, unit: Quantity['unit'], countNoun: string | null = null): Expected {
  return { amount, unit, countNoun, qualifier: 'AT_LEAST', lower: amount, upper: null };
}

function under(amount: string, unit: Quantity['unit'], countNoun: string | null = null): Expected {
  return { amount, unit, countNoun, qualifier: 'UNDER', lower: null, upper: amount };
}

function atMost(amount: string, unit: Quantity['unit'], countNoun: string | null = null): Expected {
  return { amount, unit, countNoun, qualifier: 'AT_MOST', lower: null, upper: amount };
}

function approx(amount: string, unit: Quantity['unit'], countNoun: string | null = null): Expected {
  return { amount, unit, countNoun, qualifier: 'APPROX', lower: null, upper: null };
}

function range(
  lower: string,
  upper: string,
  amount: string,
  unit: Quantity['unit'],
  countNoun: string | null = null,
): Expected {
  return { amount, unit, countNoun, qualifier: 'RANGE', lower, upper };
}

function check(raw: string, expected: Expected): void {
  expect(parseQuantity(raw)).toEqual({ countNoun: null, ...expected, raw });
}

function codeOf(raw: string): string {
  try {
    parseQuantity(raw);
  } catch (error) {
    if (error instanceof QuantityParseError) return error.code;
    throw error;
  }
  return 'NO_ERROR';
}

/**
 * Every figure data/seed carries, with where it is: the value of each fact whose key
 * fact-keys.json marks as a quantity, and the amount of each relation. Read from the files,
 * so a figure added to the seed has no expected parse below until someone writes one.
 */
function seedFigures(): { raw: string; where: string; quotes: string[]; money: boolean }[] {
  const quantityKeys = new Set(
    (JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'fact-keys.json'), 'utf8')) as { key: string; quantity: boolean }[])
      .filter((key) => key.quantity)
      .map((key) => key.key),
  );
  const seed = readSeed();
  return [
    ...(seed.entities ?? []).flatMap((entity) =>
      (entity.facts ?? [])
        .filter((fact) => quantityKeys.has(fact.key))
        .map((fact) => ({
          raw: fact.value,
          where: `${entity.id} ${fact.key}`,
          quotes: fact.evidence.map((evidence) => evidence.quote),
          money: false,
        })),
    ),
    ...(seed.relations ?? [])
      .filter((relation) => relation.amount !== undefined)
      .map((relation) => ({
        raw: relation.amount ?? '',
        where: `${relation.type} ${relation.from} -> ${relation.to}`,
        quotes: relation.evidence.map((evidence) => evidence.quote),
        money: true,
      })),
  ];
}

/** The expected parse of every figure in data/seed, written by hand. */
const SEED_FIGURES: Record<string, Expected> = {
  // Money.
  '1.07亿元': exact('107000000', 'CNY'),
  '1.784亿元': exact('178400000', 'CNY'),
  '1.87亿元': exact('187000000', 'CNY'),
  '1.9亿元': exact('190000000', 'CNY'),
  '2亿元': exact('200000000', 'CNY'),
  '2.74亿元': exact('274000000', 'CNY'),
  '3.2亿元': exact('320000000', 'CNY'),
  '5亿元': exact('500000000', 'CNY'),
  '5.7亿元': exact('570000000', 'CNY'),
  '11亿元': exact('1100000000', 'CNY'),
  '16.5亿元': exact('1650000000', 'CNY'),
  '19.37亿元': exact('1937000000', 'CNY'),
  '80亿元': exact('8000000000', 'CNY'),
  超30亿元: over('3000000000', 'CNY'),
  '50万元': exact('500000', 'CNY'),
  '100万元': exact('1000000', 'CNY'),
  '3300万元': exact('33000000', 'CNY'),
  '4033万元': exact('40330000', 'CNY'),
  超2322万元: over('23220000', 'CNY'),
  '4000余万元': over('40000000', 'CNY'),
  '300-400万元': range('3000000', '4000000', '3500000', 'CNY'),
  '2万元以上': atLeast('20000', 'CNY'),
  // Mass (tonnes).
  '150吨': exact('150', 't'),
  '200吨': exact('200', 't'),
  '350吨': exact('350', 't'),
  '1000吨': exact('1000', 't'),
  '7000吨': exact('7000', 't'),
  '2.4万吨': exact('24000', 't'),
  '3万吨': exact('30000', 't'),
  '5万吨': exact('50000', 't'),
  '15万吨': exact('150000', 't'),
  '36-51万吨': range('360000', '510000', '435000', 't'),
  '25万公斤': exact('250', 't'),
  '100万公斤': exact('1000', 't'),
  // Area (square metres).
  '1200平方米': exact('1200', 'm2'),
  '4500平方米': exact('4500', 'm2'),
  '6464平方米': exact('6464', 'm2'),
  '超1.9万平方米': over('19000', 'm2'),
  '2.4万平米': exact('24000', 'm2'),
  '16.33万平米': exact('163300', 'm2'),
  '4052万平米': exact('40520000', 'm2'),
  '8.05平方公里': exact('8050000', 'm2'),
  约20平方千米: approx('20000000', 'm2'),
  '200平方千米左右': approx('200000000', 'm2'),
  '87万平方千米': exact('870000000000', 'm2'),
  // Energy, length, temperature, time, pieces, shares.
  '6000万千瓦时': exact('60000000', 'kWh'),
  '1509米': exact('1509', 'm'),
  '19摄氏度': exact('19', 'degC'),
  '24小时': exact('24', 'hour'),
  '2180万块': exact('21800000', 'piece'),
  '近2.2亿块': under('220000000', 'piece'),
  '71%': exact('71', 'percent'),
  '超96%': over('96', 'percent'),
  '10%以上': atLeast('10', 'percent'),
  // Counts, with their measure word as written.
  '3个': exact('3', 'count', '个'),
  '6个': exact('6', 'count', '个'),
  '7个': exact('7', 'count', '个'),
  '10个': exact('10', 'count', '个'),
  '20个': exact('20', 'count', '个'),
  '56个': exact('56', 'count', '个'),
  '10个月': exact('10', 'count', '个月'),
  '50多个国家': over('50', 'count', '个国家'),
  '4家': exact('4', 'count', '家'),
  '21家': exact('21', 'count', '家'),
  '30家': exact('30', 'count', '家'),
  '185家': exact('185', 'count', '家'),
  '100余户': over('100', 'count', '户'),
  '2000余户': over('2000', 'count', '户'),
  约10000户: approx('10000', 'count', '户'),
  '31人': exact('31', 'count', '人'),
  '1000人': exact('1000', 'count', '人'),
  约650人: approx('650', 'count', '人'),
  '4名': exact('4', 'count', '名'),
  '27名': exact('27', 'count', '名'),
  '6支': exact('6', 'count', '支'),
};

describe('parseQuantity: every figure in data/seed', () => {
  const figures = seedFigures();
  const distinct = [...new Set(figures.map((figure) => figure.raw))].sort();

  test('the seed carries its figures, among them those once missed here', () => {
    expect(figures.length).toBeGreaterThanOrEqual(80);
    expect(distinct).toEqual(
      expect.arrayContaining(['1.9亿元', '2.74亿元', '1.87亿元', '11亿元', '3300万元', '150吨', '5万吨']),
    );
  });

  // A figure of the seed without an expected parse fails here: write one in SEED_FIGURES.
  test.each(distinct)('%s', (raw) => {
    expect({ raw, listed: raw in SEED_FIGURES }).toEqual({ raw, listed: true });
    check(raw, SEED_FIGURES[raw] as Expected);
  });

  test('every expected figure is one the seed carries (no stale entry)', () => {
    expect(Object.keys(SEED_FIGURES).filter((raw) => !distinct.includes(raw))).toEqual([]);
  });

  test('every figure is written as its evidence quotes it, and every relation amount is money', () => {
    expect(figures.filter((figure) => !figure.quotes.some((quote) => quote.includes(figure.raw)))).toEqual([]);
    for (const figure of figures.filter((f) => f.money)) {
      expect({ where: figure.where, unit: parseMoney(figure.raw).unit }).toEqual({ where: figure.where, unit: 'CNY' });
    }
  });
});

describe('parseQuantity: figures the page prints inside text facts', () => {
  test.each<[string, Expected]>([
    ['20平方千米', exact('20000000', 'm2')],
    ['1600-1800米', range('1600', '1800', '1700', 'm')],
    ['8宗', exact('8', 'count', '宗')],
  ])('%s', (raw, expected) => check(raw, expected));

  test('2016年 is a year, not a quantity', () => {
    expect(codeOf('2016年')).toBe('YEAR_NOT_QUANTITY');
    expect(tryParseQuantity('2016年')).toBeNull();
  });
});

describe('parseQuantity: digits and numerals', () => {
  test.each<[string, Expected]>([
    ['１．０７亿元', exact('107000000', 'CNY')],
    ['４０３３万元', exact('40330000', 'CNY')],
    ['３００－４００万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['３００～４００万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['９６％', exact('96', 'percent')],
    ['1,200平方米', exact('1200', 'm2')],
    ['1，200平方米', exact('1200', 'm2')],
    ['12,345,678.5元', exact('12345678.5', 'CNY')],
    ['１，２００吨', exact('1200', 't')],
    ['  1.07亿元  ', exact('107000000', 'CNY')],
    ['\u30001.07亿元\u3000', exact('107000000', 'CNY')],
    ['\t约 20 平方千米\n', approx('20000000', 'm2')],
    ['300 - 400 万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['三万吨', exact('30000', 't')],
    ['两万元', exact('20000', 'CNY')],
    ['十五万吨', exact('150000', 't')],
    ['二十三亿元', exact('2300000000', 'CNY')],
    ['一亿三千万元', exact('130000000', 'CNY')],
    ['一千零五吨', exact('1005', 't')],
    ['一千零十吨', exact('1010', 't')],
    ['三万五千吨', exact('35000', 't')],
    ['三万五吨', exact('35000', 't')],
    ['壹佰万元', exact('1000000', 'CNY')],
    ['三万亿元', exact('3000000000000', 'CNY')],
    ['三千瓦时', exact('3', 'kWh')],
    ['三千千瓦时', exact('3000', 'kWh')],
    ['十多万元', over('100000', 'CNY')],
    ['三千余万元', over('30000000', 'CNY')],
    ['百分之三十', exact('30', 'percent')],
    ['超过百分之九十', over('90', 'percent')],
    ['0.5吨', exact('0.5', 't')],
    ['007吨', exact('7', 't')],
    ['1.500吨', exact('1.5', 't')],
    ['0吨', exact('0', 't')],
  ])('%s', (raw, expected) => check(raw, expected));
});

describe('parseQuantity: multipliers', () => {
  test.each<[string, Expected]>([
    ['1.5万亿元', exact('1500000000000', 'CNY')],
    ['2万亿元', exact('2000000000000', 'CNY')],
    ['3千万元', exact('30000000', 'CNY')],
    ['1.2千万元', exact('12000000', 'CNY')],
    ['5百万元', exact('5000000', 'CNY')],
    ['3十万元', exact('300000', 'CNY')],
    ['2千元', exact('2000', 'CNY')],
    ['5百亿元', exact('50000000000', 'CNY')],
    ['3千亿元', exact('300000000000', 'CNY')],
    ['1.1万人次', exact('11000', 'count', '人次')],
    ['1千多万元', over('10000000', 'CNY')],
    ['1万余元', over('10000', 'CNY')],
    ['3亿千瓦时', exact('300000000', 'kWh')],
    ['200万度', exact('2000000', 'kWh')],
    ['5千米', exact('5000', 'm')],
    ['5万千米', exact('50000000', 'm')],
    ['3千克', exact('0.003', 't')],
    ['2.5公里', exact('2500', 'm')],
    ['12公顷', exact('120000', 'm2')],
    ['30㎡', exact('30', 'm2')],
    ['19℃', exact('19', 'degC')],
    ['5亿元人民币', exact('500000000', 'CNY')],
    ['5亿人民币', exact('500000000', 'CNY')],
    ['2个小时', exact('2', 'hour')],
    ['3个村', exact('3', 'count', '个村')],
    ['12家企业', exact('12', 'count', '家企业')],
    ['6名', exact('6', 'count', '名')],
    ['4支', exact('4', 'count', '支')],
    ['7项', exact('7', 'count', '项')],
  ])('%s', (raw, expected) => check(raw, expected));
});

describe('parseQuantity: qualifiers', () => {
  test.each<[string, Expected]>([
    // OVER: strictly more than the figure.
    ['超30亿元', over('3000000000', 'CNY')],
    ['超过30亿元', over('3000000000', 'CNY')],
    ['超出30亿元', over('3000000000', 'CNY')],
    ['逾30亿元', over('3000000000', 'CNY')],
    ['多于30家', over('30', 'count', '家')],
    ['高于30%', over('30', 'percent')],
    ['大于30米', over('30', 'm')],
    ['4000余万元', over('40000000', 'CNY')],
    ['50多个国家', over('50', 'count', '个国家')],
    // AT_LEAST / AT_MOST: inclusive bounds (Civil Code art. 1259).
    ['2万元以上', atLeast('20000', 'CNY')],
    ['2万元及以上', atLeast('20000', 'CNY')],
    ['至少3家', atLeast('3', 'count', '家')],
    ['最少3家', atLeast('3', 'count', '家')],
    ['不少于3家', atLeast('3', 'count', '家')],
    ['不低于3%', atLeast('3', 'percent')],
    ['50万元以下', atMost('500000', 'CNY')],
    ['50万元及以下', atMost('500000', 'CNY')],
    ['24小时以内', atMost('24', 'hour')],
    ['至多5家', atMost('5', 'count', '家')],
    ['最多5家', atMost('5', 'count', '家')],
    ['最高500万元', atMost('5000000', 'CNY')],
    ['最低3%', atLeast('3', 'percent')],
    ['不超过50万元', atMost('500000', 'CNY')],
    ['不多于5家', atMost('5', 'count', '家')],
    ['不高于5%', atMost('5', 'percent')],
    // UNDER: strictly less than the figure.
    ['近2.2亿块', under('220000000', 'piece')],
    ['将近2.2亿块', under('220000000', 'piece')],
    ['接近2.2亿块', under('220000000', 'piece')],
    ['不到100人', under('100', 'count', '人')],
    ['不足100人', under('100', 'count', '人')],
    ['不满100人', under('100', 'count', '人')],
    ['少于100人', under('100', 'count', '人')],
    ['低于5%', under('5', 'percent')],
    ['小于5米', under('5', 'm')],
    ['100人不到', under('100', 'count', '人')],
    ['100人不足', under('100', 'count', '人')],
    // APPROX: no bounds.
    ['约650人', approx('650', 'count', '人')],
    ['大约650人', approx('650', 'count', '人')],
    ['近似20平方千米', approx('20000000', 'm2')],
    ['大概650人', approx('650', 'count', '人')],
    ['200平方千米左右', approx('200000000', 'm2')],
    ['200平方千米上下', approx('200000000', 'm2')],
    ['约200平方千米左右', approx('200000000', 'm2')],
    // Stacked qualifiers.
    ['超4000余万元', over('40000000', 'CNY')],
    ['约4000余万元', over('40000000', 'CNY')],
    ['超100万元以上', over('1000000', 'CNY')],
    ['约2万元以上', atLeast('20000', 'CNY')],
    ['不到100人以下', under('100', 'count', '人')],
  ])('%s', (raw, expected) => check(raw, expected));
});

describe('parseQuantity: ranges', () => {
  test.each<[string, Expected]>([
    ['300-400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300–400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300—400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300——400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300~400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300〜400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300至400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300到400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['36-51万吨', range('360000', '510000', '435000', 't')],
    ['1600-1800米', range('1600', '1800', '1700', 'm')],
    ['3万-5万吨', range('30000', '50000', '40000', 't')],
    ['3万吨-5万吨', range('30000', '50000', '40000', 't')],
    ['3万吨-5万', range('30000', '50000', '40000', 't')],
    ['5000元-1万元', range('5000', '10000', '7500', 'CNY')],
    ['5千-1万元', range('5000', '10000', '7500', 'CNY')],
    ['1千-2千万元', range('10000000', '20000000', '15000000', 'CNY')],
    ['1百-2百万元', range('1000000', '2000000', '1500000', 'CNY')],
    ['1-2千万元', range('10000000', '20000000', '15000000', 'CNY')],
    ['一千至两千万元', range('10000000', '20000000', '15000000', 'CNY')],
    ['三-四万元', range('30000', '40000', '35000', 'CNY')],
    ['1.5亿-2亿元', range('150000000', '200000000', '175000000', 'CNY')],
    ['百分之三十至百分之四十', range('30', '40', '35', 'percent')],
    ['500公斤-2吨', range('0.5', '2', '1.25', 't')],
    ['1-2亿元', range('100000000', '200000000', '150000000', 'CNY')],
    ['1.5-2.5亿元', range('150000000', '250000000', '200000000', 'CNY')],
    ['3-4个', range('3', '4', '3.5', 'count', '个')],
    ['三至五万吨', range('30000', '50000', '40000', 't')],
    ['10%-20%', range('10', '20', '15', 'percent')],
    ['10-20%', range('10', '20', '15', 'percent')],
    ['约300-400万元', range('3000000', '4000000', '3500000', 'CNY')],
    ['300-400万元左右', range('3000000', '4000000', '3500000', 'CNY')],
    ['400-400万元', range('4000000', '4000000', '4000000', 'CNY')],
    ['1-2元', range('1', '2', '1.5', 'CNY')],
  ])('%s', (raw, expected) => check(raw, expected));
});

describe('parseQuantity: exactness', () => {
  test('1.784亿元 is exactly 178400000', () => {
    expect(parseQuantity('1.784亿元').amount).toBe('178400000');
  });

  test('0.3亿元 and 0.1亿元 are exact, unlike 0.3 * 1e8 in floats', () => {
    // Floats get these wrong: 0.07 * 1e8 is 7000000.000000001 and 1.005 * 1e4 is 10049.999...
    expect(parseQuantity('0.3亿元').amount).toBe('30000000');
    expect(parseQuantity('0.1亿元').amount).toBe('10000000');
    expect(parseQuantity('0.07亿元').amount).toBe('7000000');
    expect(parseQuantity('1.005万元').amount).toBe('10050');
  });

  test('a 20-digit amount stays exact', () => {
    expect(parseQuantity('12345678901234567890元').amount).toBe('12345678901234567890');
    expect(parseQuantity('12345678901234567890.123456789亿元').amount).toBe('1234567890123456789012345678.9');
    expect(parseQuantity('98765432109876543210万亿元').amount).toBe('98765432109876543210000000000000');
  });

  test('amounts never use exponent notation or trailing zeros', () => {
    expect(parseQuantity('0.0000001公斤').amount).toBe('0.0000000001');
    expect(parseQuantity('1.50万元').amount).toBe('15000');
    expect(parseQuantity('10000000000000000000000000亿元').amount).toBe('1000000000000000000000000000000000');
    expect(parseQuantity('1.3-1.4元').amount).toBe('1.35');
  });

  test('a midpoint of an odd sum is exact', () => {
    expect(parseQuantity('1-2吨')).toMatchObject({ amount: '1.5', lower: '1', upper: '2' });
    expect(parseQuantity('0.001-0.002吨').amount).toBe('0.0015');
  });

  test('a decimal of any length times any multiplier is exact (property)', () => {
    // The oracle needs its own precision: the global Decimal default (20 digits) would round.
    const Exact = Decimal.clone({ precision: 1000 });
    const multipliers: Array<[string, string]> = [
      ['', '1'],
      ['十', '10'],
      ['百', '100'],
      ['千', '1000'],
      ['万', '10000'],
      ['十万', '100000'],
      ['百万', '1000000'],
      ['千万', '10000000'],
      ['亿', '100000000'],
      ['万亿', '1000000000000'],
    ];
    fc.assert(
      fc.property(
        fc.stringMatching(/^(0|[1-9][0-9]{0,25})(\.[0-9]{1,12})?$/),
        fc.constantFrom(...multipliers),
        (digits, [word, factor]) => {
          const expected = new Exact(digits).times(factor).toFixed();
          expect(parseQuantity(`${digits}${word}元`).amount).toBe(expected);
        },
      ),
    );
  });
});

describe('parseQuantity: errors', () => {
  test.each<[string, string]>([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['\u3000\t\n', 'EMPTY'],
    ['-5吨', 'NEGATIVE'],
    ['－5吨', 'NEGATIVE'],
    ['−5吨', 'NEGATIVE'],
    ['负5%', 'NEGATIVE'],
    ['零下5摄氏度', 'NEGATIVE'],
    ['约-5吨', 'NEGATIVE'],
    ['-300-400万元', 'NEGATIVE'],
    ['300~-400万元', 'NEGATIVE'],
    ['元', 'NOT_A_NUMBER'],
    ['万元', 'NOT_A_NUMBER'],
    ['约', 'NOT_A_NUMBER'],
    ['以上', 'NOT_A_NUMBER'],
    ['AA', 'NOT_A_NUMBER'],
    ['.5万元', 'NOT_A_NUMBER'],
    ['1.2.3万元', 'NOT_A_NUMBER'],
    ['1 200吨', 'NOT_A_NUMBER'],
    ['1,20吨', 'NOT_A_NUMBER'],
    ['1,2000吨', 'NOT_A_NUMBER'],
    ['1234,567吨', 'NOT_A_NUMBER'],
    ['1.234,567吨', 'NOT_A_NUMBER'],
    ['三四万元', 'NOT_A_NUMBER'],
    ['千瓦时', 'NOT_A_NUMBER'],
    ['一百十吨', 'NOT_A_NUMBER'],
    ['一〇吨', 'NOT_A_NUMBER'],
    ['5万5千元', 'NOT_A_NUMBER'],
    ['300-', 'NOT_A_NUMBER'],
    ['5美元', 'UNKNOWN_UNIT'],
    ['5亿美元', 'UNKNOWN_UNIT'],
    ['5亿台币', 'UNKNOWN_UNIT'],
    ['5立方米', 'UNKNOWN_UNIT'],
    ['5千瓦', 'UNKNOWN_UNIT'],
    ['1200', 'UNKNOWN_UNIT'],
    ['1.07亿', 'UNKNOWN_UNIT'],
    ['300-400万', 'UNKNOWN_UNIT'],
    ['100亩', 'UNKNOWN_UNIT'],
    ['1.5万亩', 'UNKNOWN_UNIT'],
    ['3年', 'UNKNOWN_UNIT'],
    ['2000多年', 'UNKNOWN_UNIT'],
    ['5abc', 'UNKNOWN_UNIT'],
    ['400-300万元', 'BAD_RANGE'],
    ['2万-5千元', 'BAD_RANGE'],
    ['1-2-3万元', 'BAD_RANGE'],
    ['3吨-5米', 'BAD_RANGE'],
    ['3家-5个', 'BAD_RANGE'],
    ['超300-400万元', 'BAD_RANGE'],
    ['300-400万元以上', 'BAD_RANGE'],
    ['300余-400万元', 'BAD_RANGE'],
    ['超30亿元以下', 'BAD_RANGE'],
    ['近4000余万元', 'BAD_RANGE'],
    ['2016年', 'YEAR_NOT_QUANTITY'],
    ['２０１６年', 'YEAR_NOT_QUANTITY'],
    ['二〇一六年', 'YEAR_NOT_QUANTITY'],
    ['2016-2020年', 'YEAR_NOT_QUANTITY'],
    ['2016年-2020年', 'YEAR_NOT_QUANTITY'],
    ['2016年5月', 'YEAR_NOT_QUANTITY'],
  ])('%j throws %s', (raw, code) => {
    expect(codeOf(raw)).toBe(code);
    expect(tryParseQuantity(raw)).toBeNull();
  });

  test('errors are QuantityParseError with an English message naming the input', () => {
    let caught: unknown;
    try {
      parseQuantity('5亿美元');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QuantityParseError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as QuantityParseError;
    expect(error.code).toBe('UNKNOWN_UNIT');
    expect(error.name).toBe('QuantityParseError');
    expect(error.input).toBe('5亿美元');
    expect(error.message).toContain('"5亿美元"');
    expect(error.message).toMatch(/unknown unit/);
  });

  test('亩 is refused because it has no exact decimal conversion', () => {
    expect(() => parseQuantity('100亩')).toThrow(/exact decimal/);
  });
});

describe('parseMoney', () => {
  test('accepts amounts of money', () => {
    expect(parseMoney('1.07亿元')).toMatchObject({ amount: '107000000', unit: 'CNY' });
    expect(parseMoney('300-400万元')).toMatchObject({ qualifier: 'RANGE', unit: 'CNY' });
  });

  test.each(['15万吨', '2.4万平米', '21家', '71%', '近2.2亿块'])('rejects %s', (raw) => {
    let caught: unknown;
    try {
      parseMoney(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QuantityParseError);
    expect((caught as QuantityParseError).code).toBe('UNKNOWN_UNIT');
    expect((caught as QuantityParseError).message).toContain(JSON.stringify(raw));
  });

  test('passes other errors through unchanged', () => {
    expect(() => parseMoney('')).toThrow(expect.objectContaining({ code: 'EMPTY' }));
    expect(() => parseMoney('2016年')).toThrow(expect.objectContaining({ code: 'YEAR_NOT_QUANTITY' }));
  });
});

describe('tryParseQuantity', () => {
  test('returns the Quantity on success and null on a parse error', () => {
    expect(tryParseQuantity('15万吨')?.amount).toBe('150000');
    expect(tryParseQuantity('AA')).toBeNull();
    expect(tryParseQuantity('')).toBeNull();
  });
});

describe('formatQuantity', () => {
  test.each<[string, string]>([
    ['4000余万元', 'over 40,000,000 CNY'],
    ['300-400万元', '3,000,000–4,000,000 CNY'],
    ['1.07亿元', '107,000,000 CNY'],
    ['近2.2亿块', 'under 220,000,000 pieces'],
    ['约20平方千米', 'about 20,000,000 m²'],
    ['2万元以上', 'at least 20,000 CNY'],
    ['50万元以下', 'at most 500,000 CNY'],
    ['超96%', 'over 96%'],
    ['19摄氏度', '19 °C'],
    ['50多个国家', 'over 50 个国家'],
    ['25万公斤', '250 t'],
    ['24小时', '24 h'],
    ['6000万千瓦时', '60,000,000 kWh'],
    ['1600-1800米', '1,600–1,800 m'],
    ['12345.5元', '12,345.5 CNY'],
    ['0.0015吨', '0.0015 t'],
  ])('%s -> %s', (raw, text) => {
    expect(formatQuantity(parseQuantity(raw))).toBe(text);
  });
});
