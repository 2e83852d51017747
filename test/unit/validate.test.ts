import { validateBatch, type GraphLookup } from '../../src/ingest/validate';
import type { IngestBatch } from '../../src/ingest/types';

/** An empty graph: the validator's lookups answer from nothing, so only the batch counts. */
const emptyGraph: GraphLookup = {
  sourceTexts: () => Promise.resolve(new Map()),
  existingIds: () => Promise.resolve(new Set()),
  mergedInto: () => Promise.resolve(new Map()),
  nameOwners: () => Promise.resolve(new Map()),
};

const TEXT = '甲开发区规划面积8.05平方公里。乙公司与甲开发区合作。';
const source = { id: 'source:t', publisher: 'p', kind: 'ARTICLE' as const, text: TEXT };
const ev = (quote: string) => [{ source: 'source:t', quote }];
const zone = { id: 'zone:jia', kind: 'ZONE' as const, name: '甲开发区', evidence: ev('甲开发区规划面积') };
const firm = { id: 'enterprise:yi', kind: 'ENTERPRISE' as const, name: '乙公司', evidence: ev('乙公司与甲开发区合作') };

async function codes(batch: unknown, graph: GraphLookup = emptyGraph): Promise<string[]> {
  return (await validateBatch(batch, graph)).map((issue) => `${issue.path} ${issue.code}`);
}

describe('validateBatch', () => {
  test('a well-formed batch has no issues', async () => {
    const batch: IngestBatch = {
      sources: [source],
      entities: [zone, firm],
      relations: [
        { type: 'PARTNERED_WITH', from: 'enterprise:yi', to: 'zone:jia', evidence: ev('乙公司与甲开发区合作') },
      ],
    };
    expect(await codes(batch)).toEqual([]);
  });

  test.each<[string, unknown, string[]]>([
    ['unknown kind', { sources: [source], entities: [{ ...zone, kind: 'CASTLE' }] }, ['entities[0].kind UNKNOWN_KIND']],
    [
      'unknown relation type',
      {
        sources: [source],
        entities: [zone, firm],
        relations: [{ type: 'LOVES', from: 'zone:jia', to: 'enterprise:yi', evidence: ev('乙公司') }],
      },
      ['relations[0].type UNKNOWN_RELATION_TYPE'],
    ],
    [
      'missing evidence',
      { sources: [source], entities: [{ ...zone, evidence: [] }] },
      ['entities[0].evidence MISSING_EVIDENCE'],
    ],
    [
      'quote not in source',
      { sources: [source], entities: [{ ...zone, evidence: ev('丙开发区') }] },
      ['entities[0].evidence[0].quote QUOTE_NOT_FOUND'],
    ],
    [
      'quote at wrong offsets',
      {
        sources: [source],
        entities: [{ ...zone, evidence: [{ source: 'source:t', quote: '甲开发区', start: 1, end: 5 }] }],
      },
      ['entities[0].evidence[0].quote QUOTE_OFFSET_MISMATCH'],
    ],
    ['unknown source', { entities: [zone] }, ['entities[0].evidence[0].source UNKNOWN_SOURCE']],
    [
      'negative amount',
      {
        sources: [source],
        entities: [{ ...zone, facts: [{ key: 'plannedArea', value: '-8平方公里', evidence: ev('8.05平方公里') }] }],
      },
      ['entities[0].facts[0].value NEGATIVE_AMOUNT'],
    ],
    [
      'unparseable amount',
      {
        sources: [source],
        entities: [{ ...zone, facts: [{ key: 'totalInvestment', value: '很多钱', evidence: ev('8.05平方公里') }] }],
      },
      ['entities[0].facts[0].value INVALID_AMOUNT'],
    ],
    [
      'impossible date',
      {
        sources: [source],
        entities: [
          {
            ...zone,
            facts: [{ key: 'plannedArea', value: '8.05平方公里', date: '2025-02-30', evidence: ev('8.05平方公里') }],
          },
        ],
      },
      ['entities[0].facts[0].date INVALID_DATE'],
    ],
    [
      'self relation',
      {
        sources: [source],
        entities: [zone],
        relations: [{ type: 'PARTNERED_WITH', from: 'zone:jia', to: 'zone:jia', evidence: ev('甲开发区') }],
      },
      ['relations[0] SELF_RELATION'],
    ],
    [
      'endpoint that does not exist',
      {
        sources: [source],
        entities: [zone],
        relations: [{ type: 'HOSTS', from: 'zone:jia', to: 'enterprise:ghost', evidence: ev('甲开发区') }],
      },
      ['relations[0].to UNKNOWN_ENDPOINT'],
    ],
    [
      'same id twice',
      { sources: [source], entities: [zone, { ...zone, name: '甲区' }] },
      ['entities[1].id DUPLICATE_ID'],
    ],
    [
      'a name that is another entity alias',
      {
        sources: [source],
        entities: [
          { ...zone, aliases: ['甲区'] },
          { ...firm, aliases: ['甲区'] },
        ],
      },
      ['entities[1].aliases[0] ALIAS_CONFLICT'],
    ],
    [
      'a name with trailing white space (would dodge the alias check)',
      { sources: [source], entities: [{ ...zone, name: '甲开发区 ' }] },
      ['entities[0].name SCHEMA_VIOLATION'],
    ],
    [
      'a blank alias',
      { sources: [source], entities: [{ ...zone, aliases: ['\u3000'] }] },
      ['entities[0].aliases[0] SCHEMA_VIOLATION'],
    ],
    [
      'a white-space quote',
      { sources: [source], entities: [{ ...zone, evidence: ev(' ') }] },
      ['entities[0].evidence[0].quote SCHEMA_VIOLATION'],
    ],
    [
      'a quote across a paragraph break',
      {
        sources: [{ ...source, text: '甲开发区规划面积8.05平方公里。\n乙公司与甲开发区合作。' }],
        entities: [{ ...zone, evidence: ev('平方公里。\n乙公司') }],
      },
      ['entities[0].evidence[0].quote QUOTE_CROSSES_PARAGRAPH'],
    ],
    [
      'an idempotency key with "#"',
      { idempotencyKey: 'a#1/2', sources: [source] },
      ['idempotencyKey SCHEMA_VIOLATION'],
    ],
    [
      'the same relation twice (same type, ends and key)',
      {
        sources: [source],
        entities: [zone, firm],
        relations: [
          { type: 'FINANCED_BY', from: 'zone:jia', to: 'enterprise:yi', amount: '1亿元', evidence: ev('甲开发区') },
          { type: 'FINANCED_BY', from: 'zone:jia', to: 'enterprise:yi', amount: '2亿元', evidence: ev('乙公司') },
        ],
      },
      ['relations[1] DUPLICATE_ID'],
    ],
    [
      'a symmetric relation once each way',
      {
        sources: [source],
        entities: [zone, firm],
        relations: [
          { type: 'PARTNERED_WITH', from: 'zone:jia', to: 'enterprise:yi', evidence: ev('甲开发区') },
          { type: 'PARTNERED_WITH', from: 'enterprise:yi', to: 'zone:jia', evidence: ev('乙公司') },
        ],
      },
      ['relations[1] DUPLICATE_ID'],
    ],
    [
      'a stated paragraph that does not hold the quote',
      {
        sources: [{ ...source, text: '甲开发区规划面积8.05平方公里。\r\n乙公司与甲开发区合作。' }],
        entities: [
          { ...zone, evidence: [{ source: 'source:t', quote: '乙公司', paragraph: 0 }] },
          { ...firm, evidence: [{ source: 'source:t', quote: '乙公司', paragraph: 1, start: 19, end: 22 }] },
        ],
      },
      ['entities[0].evidence[0].paragraph QUOTE_OFFSET_MISMATCH'],
    ],
    [
      'mergedIds naming an entity of the batch',
      { sources: [source], entities: [{ ...zone, mergedIds: ['enterprise:yi'] }, firm] },
      ['entities[0].mergedIds[0] DUPLICATE_ID'],
    ],
    [
      'a source at the end of anything but AUTHORED',
      {
        sources: [source],
        entities: [zone],
        relations: [{ type: 'FINANCED_BY', from: 'source:t', to: 'zone:jia', evidence: ev('甲开发区') }],
      },
      ['relations[0] ENDPOINT_KIND_MISMATCH'],
    ],
    [
      'AUTHORED from a place (only people and organisations write pieces)',
      {
        sources: [source],
        entities: [{ id: 'region:jia', kind: 'REGION', name: '甲县', evidence: ev('甲开发区') }],
        relations: [{ type: 'AUTHORED', from: 'region:jia', to: 'source:t', evidence: ev('甲开发区') }],
      },
      ['relations[0] ENDPOINT_KIND_MISMATCH'],
    ],
    [
      'ends the wrong way round: a policy that ISSUED the bureau',
      {
        sources: [source],
        entities: [
          { id: 'policy:jia', kind: 'POLICY', name: '甲文件', evidence: ev('甲开发区') },
          { id: 'gov:yi', kind: 'GOVERNMENT_BODY', name: '乙局', evidence: ev('乙公司') },
        ],
        relations: [{ type: 'ISSUED', from: 'policy:jia', to: 'gov:yi', evidence: ev('甲开发区') }],
      },
      ['relations[0] ENDPOINT_KIND_MISMATCH'],
    ],
    [
      'the kind of an end outside the batch is read from its id',
      {
        sources: [source],
        entities: [zone],
        relations: [{ type: 'LOCATED_IN', from: 'region:elsewhere', to: 'zone:jia', evidence: ev('甲开发区') }],
      },
      ['relations[0] ENDPOINT_KIND_MISMATCH', 'relations[0].from UNKNOWN_ENDPOINT'],
    ],
    [
      'the same fact twice on one entity (it would be stored once)',
      {
        sources: [source],
        entities: [
          {
            ...zone,
            facts: [
              { key: 'plannedArea', value: '8.05平方公里', evidence: ev('规划面积8.05平方公里') },
              { key: 'plannedArea', value: '8.05平方公里', evidence: ev('甲开发区规划面积') },
            ],
          },
        ],
      },
      ['entities[0].facts[1] DUPLICATE_ID'],
    ],
    [
      'a name that differs from another entity’s only in script (銀行 is 银行)',
      {
        sources: [source],
        entities: [
          { ...firm, id: 'bank:jia', kind: 'BANK', name: '甲银行' },
          { ...firm, id: 'bank:jia-tw', kind: 'BANK', name: '甲銀行' },
        ],
      },
      ['entities[1].name ALIAS_CONFLICT'],
    ],
    [
      'a date not written YYYY, YYYY-MM or YYYY-MM-DD (caught by the format: still INVALID_DATE)',
      {
        sources: [source],
        entities: [zone, firm],
        relations: [{ type: 'HOSTS', from: 'zone:jia', to: 'enterprise:yi', date: '2025-1-5', evidence: ev('乙公司') }],
      },
      ['relations[0].date INVALID_DATE'],
    ],
    [
      'a subtype of another kind',
      { sources: [source], entities: [{ ...zone, subtype: 'UNIVERSITY' }] },
      ['entities[0].subtype UNKNOWN_SUBTYPE'],
    ],
    [
      'an industry code that is not in industries.json',
      { sources: [source], entities: [{ ...firm, industries: ['quinoa', 'new-materialz'] }] },
      ['entities[0].industries[1] UNKNOWN_INDUSTRY'],
    ],
    [
      'a misspelt fact key (it would also skip the check of its amount)',
      {
        sources: [source],
        entities: [
          { ...zone, facts: [{ key: 'plannedAera', value: '8.05平方公里', evidence: ev('规划面积8.05平方公里') }] },
        ],
      },
      ['entities[0].facts[0].key UNKNOWN_FACT_KEY'],
    ],
    [
      'id prefix that does not match the kind',
      { sources: [source], entities: [{ ...zone, id: 'bank:jia' }] },
      ['entities[0].id ID_PREFIX_MISMATCH'],
    ],
  ])('%s', async (_name, batch, expected) => {
    expect(await codes(batch)).toEqual(expected);
  });

  test('names and endpoints already in the graph count', async () => {
    const graph: GraphLookup = {
      sourceTexts: () => Promise.resolve(new Map([['source:t', TEXT]])),
      existingIds: (ids) => Promise.resolve(new Set(ids.filter((id) => id === 'zone:jia'))),
      mergedInto: () => Promise.resolve(new Map()),
      nameOwners: (names) =>
        Promise.resolve(new Map(names.filter((n) => n === '乙公司').map((n) => [n, 'enterprise:other']))),
    };
    expect(
      await codes(
        {
          entities: [firm],
          relations: [{ type: 'HOSTS', from: 'zone:jia', to: 'enterprise:yi', evidence: ev('乙公司') }],
        },
        graph,
      ),
    ).toEqual(['entities[0].name ALIAS_CONFLICT']);
  });

  test('a name held in the graph in the other script is taken, and the message says which form', async () => {
    const graph: GraphLookup = {
      ...emptyGraph,
      sourceTexts: () => Promise.resolve(new Map([['source:t', TEXT]])),
      nameOwners: (names) =>
        Promise.resolve(new Map(names.filter((n) => n === '中国银行').map((n) => [n, 'bank:bank-of-china']))),
    };
    const issues = await validateBatch(
      { entities: [{ ...firm, id: 'bank:zhongguo-tw', kind: 'BANK', name: '中國銀行' }] },
      graph,
    );
    expect(issues).toEqual([
      {
        path: 'entities[0].name',
        code: 'ALIAS_CONFLICT',
        message: '"中國銀行" is "中国银行" in the other script, which already names "bank:bank-of-china"',
      },
    ]);
  });

  test('an id merged into another entity is not reused, as an entity or as an endpoint', async () => {
    const graph: GraphLookup = {
      ...emptyGraph,
      sourceTexts: () => Promise.resolve(new Map([['source:t', TEXT]])),
      mergedInto: (ids) =>
        Promise.resolve(new Map(ids.filter((id) => id === 'enterprise:old').map((id) => [id, 'enterprise:yi']))),
    };
    expect(
      await codes(
        {
          entities: [{ ...firm, id: 'enterprise:old' }, zone],
          relations: [{ type: 'HOSTS', from: 'zone:jia', to: 'enterprise:old', evidence: ev('乙公司') }],
        },
        graph,
      ),
    ).toEqual(['entities[0].id MERGED_ID']);
    expect(
      await codes(
        {
          entities: [zone],
          relations: [{ type: 'HOSTS', from: 'zone:jia', to: 'enterprise:old', evidence: ev('乙公司') }],
        },
        graph,
      ),
    ).toEqual(['relations[0].to MERGED_ID']);
  });
});
