import fs from 'node:fs';
import path from 'node:path';
import { buildCatalogueBatch, CATALOGUE_SOURCE_ID, type CatalogueContext } from '../../src/catalogue/batch';
import { parseCatalogue } from '../../src/catalogue/rows';
import type { EntityInput, IngestBatch } from '../../src/ingest/types';
import { validateBatch, type GraphLookup } from '../../src/ingest/validate';

const ROOT = path.resolve(__dirname, '..', '..');
const text = fs.readFileSync(path.join(ROOT, 'data', 'china-zones-2018', 'catalogue.csv'), 'utf8');
const parsed = parseCatalogue(text);
const SHA = 'd52657857c172e05cac80874c50f472dccb41a01ef78726220cab7c996cbe7bf';
const EMPTY: CatalogueContext = { linkedZones: new Map(), existingRegions: new Map() };

/** A graph that holds nothing: the validator's lookups all answer empty. */
const emptyGraph: GraphLookup = {
  sourceTexts: () => Promise.resolve(new Map()),
  existingIds: () => Promise.resolve(new Set()),
  mergedInto: () => Promise.resolve(new Map()),
  nameOwners: () => Promise.resolve(new Map()),
};

function entity(batch: IngestBatch, id: string): EntityInput {
  const found = batch.entities?.find((e) => e.id === id);
  if (found === undefined) throw new Error(`no entity ${id}`);
  return found;
}

describe('the catalogue as one ingest batch (pure: no database)', () => {
  const { batch, summary } = buildCatalogueBatch(parsed, SHA, EMPTY);

  test('one source whose text is the file, 31 provinces, the cities names state, 2,543 zones', () => {
    expect(batch.sources).toHaveLength(1);
    expect(batch.sources?.[0]).toMatchObject({
      id: CATALOGUE_SOURCE_ID,
      title: '中国开发区审核公告目录（2018年版）',
      publisher: '国家发展改革委、科技部、国土资源部、住房城乡建设部、商务部、海关总署',
      kind: 'CATALOGUE',
      date: '2018',
      origin: { file: 'data/china-zones-2018/catalogue.csv', sha256: SHA, start: 0, end: text.length },
    });
    expect(batch.sources?.[0]?.text).toBe(text);
    expect(summary).toMatchObject({ zones: 2543, linked: 0, provinces: 31 });
    expect(summary.cities).toBeGreaterThan(250);
    const zones = (batch.entities ?? []).filter((e) => e.kind === 'ZONE');
    expect(zones).toHaveLength(2543);
    expect(new Set(zones.map((z) => z.id)).size).toBe(2543);
  });

  test('the write path’s validator accepts the whole batch', async () => {
    expect(await validateBatch(batch, emptyGraph)).toEqual([]);
  });

  test('every entity, fact and relation cites its row: the quote is the text at its offsets, in the row’s paragraph', () => {
    const lines = text.split('\n');
    const cited = [
      ...(batch.entities ?? []).flatMap((e) => [
        ...e.evidence.map((ev) => ({ ev, row: e.id })),
        ...(e.facts ?? []).flatMap((f) => f.evidence.map((ev) => ({ ev, row: e.id }))),
      ]),
      ...(batch.relations ?? []).flatMap((r) => r.evidence.map((ev) => ({ ev, row: r.from }))),
    ];
    expect(cited.length).toBeGreaterThan(20_000);
    for (const { ev } of cited) {
      expect(ev.source).toBe(CATALOGUE_SOURCE_ID);
      expect(text.slice(ev.start, ev.end)).toBe(ev.quote);
      expect(lines[ev.paragraph ?? -1]).toContain(ev.quote);
      expect(ev.paragraph).toBeGreaterThan(0);
    }
    // A zone's facts and its LOCATED_IN relations all cite the zone's own row.
    for (const zone of (batch.entities ?? []).filter((e) => e.kind === 'ZONE')) {
      const paragraph = zone.evidence[0]?.paragraph;
      for (const fact of zone.facts ?? []) for (const ev of fact.evidence) expect(ev.paragraph).toBe(paragraph);
    }
    for (const relation of (batch.relations ?? []).filter((r) => r.from.startsWith('zone:'))) {
      const paragraph = entity(batch, relation.from).evidence[0]?.paragraph;
      for (const ev of relation.evidence) expect(ev.paragraph).toBe(paragraph);
    }
  });

  test('a zone: subtype, code, level, type, month-precision date, area in 公顷 and one fact per industry term', () => {
    const taiyuan = entity(batch, 'zone:cn-g141004');
    expect(taiyuan).toMatchObject({
      kind: 'ZONE',
      subtype: 'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
      name: '太原经济技术开发区',
      industries: ['electronic-information', 'equipment-manufacturing', 'new-energy'],
    });
    expect(taiyuan.facts?.map((f) => [f.key, f.value, f.date ?? null, f.properties?.industries ?? null])).toEqual([
      ['catalogueCode', 'G141004', null, null],
      ['approvalLevel', '国务院', null, null],
      ['zoneType', '经济技术开发区', null, null],
      ['approvalDate', '2001.06', '2001-06', null],
      ['approvedArea', '960.0公顷', null, null],
      ['leadingIndustry', '电子信息', null, 'electronic-information'],
      ['leadingIndustry', '装备制造', null, 'equipment-manufacturing'],
      ['leadingIndustry', '新能源', null, 'new-energy'],
    ]);
    expect(taiyuan.facts?.find((f) => f.key === 'approvedArea')?.evidence[0]?.quote).toBe('960.0');
  });

  test('source defects stay visible: S377018 twice, 湽博, the double dates, 食品., unmapped terms', () => {
    for (const id of ['zone:cn-s377018-929', 'zone:cn-s377018-932']) {
      expect(entity(batch, id).qualityFlags).toEqual(['DUPLICATE_IDENTIFIER']);
    }
    expect(entity(batch, 'zone:cn-g372026')).toMatchObject({
      name: '湽博高新技术产业开发区',
      aliases: ['淄博高新技术产业开发区'],
      qualityFlags: ['SUSPECTED_TYPO'],
    });
    const dates = entity(batch, 'zone:cn-g313031').facts?.filter((f) => f.key === 'approvalDate');
    expect(dates?.map((f) => [f.value, f.date, f.qualityFlags])).toEqual([
      ['2000.04', '2000-04', ['MULTIPLE_VALUES']],
      ['2002.12', '2002-12', ['MULTIPLE_VALUES']],
    ]);
    const food = entity(batch, 'zone:cn-s237008').facts?.find((f) => f.value === '食品.');
    expect(food).toMatchObject({ properties: { industries: 'food-and-beverages' }, qualityFlags: ['SUSPECTED_TYPO'] });
    const unmapped = (batch.entities ?? []).flatMap((e) =>
      (e.facts ?? []).filter((f) => f.qualityFlags?.includes('UNMAPPED_TERM')),
    );
    expect(unmapped.length).toBeGreaterThan(0);
    expect(unmapped.every((f) => f.key === 'leadingIndustry' && f.properties === undefined)).toBe(true);
  });

  test('LOCATED_IN the province always; the city only where the name states it, INFERRED; never from 城市区县', () => {
    const located = (id: string): [string, string[]][] =>
      (batch.relations ?? [])
        .filter((r) => r.from === id && r.type === 'LOCATED_IN')
        .map((r) => [r.to, r.qualityFlags ?? []]);
    expect(located('zone:cn-s147007')).toEqual([
      ['region:shanxi', []],
      ['region:yangquan', ['INFERRED']],
    ]);
    // 城市区县 says 清徐, but a county is not a city: the zone is placed in its province only.
    expect(located('zone:cn-s147003')).toEqual([['region:shanxi', []]]);
    // 湽博 is read as 淄博 for the place, and the relation says both caveats.
    expect(located('zone:cn-g372026')).toEqual([
      ['region:shandong', []],
      ['region:zibo', ['INFERRED', 'SUSPECTED_TYPO']],
    ]);
    expect(entity(batch, 'region:yangquan')).toMatchObject({
      kind: 'REGION',
      subtype: 'CITY',
      name: '阳泉市',
      qualityFlags: ['INFERRED'],
    });
    expect(entity(batch, 'region:shanxi')).toMatchObject({
      subtype: 'PROVINCE',
      name: '山西省',
      englishName: 'Shanxi',
    });
  });

  test('regions the graph holds keep their own name, subtype and placement; the catalogue adds its name as an alias', () => {
    const existing = new Map([
      ['region:shanxi', { name: '山西省', aliases: [] }],
      ['region:shanghai', { name: '上海', aliases: [] }],
      ['region:yangquan', { name: '阳泉', aliases: [] }],
    ]);
    const { batch: linked } = buildCatalogueBatch(parsed, SHA, { ...EMPTY, existingRegions: existing });
    expect(entity(linked, 'region:shanghai')).toEqual({
      id: 'region:shanghai',
      kind: 'REGION',
      name: '上海',
      aliases: ['上海市'],
      evidence: [expect.objectContaining({ quote: '上海市' })],
    });
    expect(entity(linked, 'region:shanxi')).not.toHaveProperty('subtype');
    expect((linked.relations ?? []).some((r) => r.type === 'PART_OF' && r.from === 'region:yangquan')).toBe(false);
    expect((batch.relations ?? []).some((r) => r.type === 'PART_OF' && r.from === 'region:yangquan')).toBe(true);
  });

  test('a row matched to a graph zone is written onto it: what is stored stays, the catalogue adds; twice is the same', () => {
    const stored: EntityInput = {
      id: 'zone:taiyuan-etdz',
      kind: 'ZONE',
      subtype: null,
      name: '太原经开区',
      englishName: 'Taiyuan ETDZ',
      aliases: [],
      industries: ['artificial-intelligence'],
      evidence: [{ source: 'source:news', paragraph: 0, start: 0, end: 5, quote: '太原经开区' }],
      facts: [
        {
          key: 'plannedArea',
          value: '9平方公里',
          evidence: [{ source: 'source:news', paragraph: 0, start: 6, end: 11, quote: '9平方公里' }],
        },
      ],
      qualityFlags: [],
    };
    const build = (zone: EntityInput): EntityInput =>
      entity(
        buildCatalogueBatch(parsed, SHA, { ...EMPTY, linkedZones: new Map([['zone:cn-g141004', zone]]) }).batch,
        zone.id,
      );
    const once = build(stored);
    expect(once).toMatchObject({
      id: 'zone:taiyuan-etdz',
      name: '太原经开区',
      englishName: 'Taiyuan ETDZ',
      subtype: 'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
      aliases: ['太原经济技术开发区'],
      industries: ['artificial-intelligence', 'electronic-information', 'equipment-manufacturing', 'new-energy'],
    });
    expect(once.facts?.map((f) => f.key)).toEqual([
      'plannedArea',
      'catalogueCode',
      'approvalLevel',
      'zoneType',
      'approvalDate',
      'approvedArea',
      'leadingIndustry',
      'leadingIndustry',
      'leadingIndustry',
    ]);
    expect(once.evidence.map((ev) => ev.source)).toEqual([CATALOGUE_SOURCE_ID, 'source:news']);
    // Run again on what the first run stored: the same entity, so the ledger sees the same batch.
    expect(build(once)).toEqual(once);
  });
});
