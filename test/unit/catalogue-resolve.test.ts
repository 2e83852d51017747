import fs from 'node:fs';
import path from 'node:path';
import { compare, parseZoneName, resolveRows, type GraphZone } from '../../src/catalogue/resolve';
import { parseCatalogue, type CatalogueRow } from '../../src/catalogue/rows';

const ROOT = path.resolve(__dirname, '..', '..');
const catalogue = parseCatalogue(fs.readFileSync(path.join(ROOT, 'data', 'china-zones-2018', 'catalogue.csv'), 'utf8'));

function row(code: string): CatalogueRow {
  const found = catalogue.rows.find((r) => r.code === code);
  if (found === undefined) throw new Error(`no row ${code}`);
  return found;
}

const SHANXI = { id: 'region:shanxi', name: '山西省', subtype: 'PROVINCE' };

function zone(id: string, name: string, extra: Partial<GraphZone> = {}): GraphZone {
  return { id, name, aliases: [], subtype: null, identifiers: [], regions: [], ...extra };
}

/** The seed's zones as the graph holds them: names, subtypes and the regions they lie in. */
const SEED_ZONES: GraphZone[] = [
  zone('zone:shangdang-etdz', '上党经济技术开发区', {
    aliases: ['上党经开区', '经开区'],
    subtype: 'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
    regions: [
      { id: 'region:shangdang-district', name: '上党区', subtype: 'DISTRICT' },
      { id: 'region:changzhi', name: '长治市', subtype: 'CITY' },
      SHANXI,
    ],
  }),
  zone('zone:pingyao-etdz', '平遥经济技术开发区', {
    subtype: 'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
    regions: [{ id: 'region:pingyao-county', name: '平遥县', subtype: 'COUNTY' }],
  }),
  zone('zone:shenchi-modern-agriculture', '神池现代农业产业示范区', {
    subtype: 'MODERN_AGRICULTURE_DEMONSTRATION_ZONE',
    regions: [{ id: 'region:xinzhou', name: '忻州市', subtype: 'CITY' }, SHANXI],
  }),
  zone('zone:jingle-modern-agriculture', '静乐现代农业产业示范区', {
    subtype: 'MODERN_AGRICULTURE_DEMONSTRATION_ZONE',
    regions: [{ id: 'region:jingle-county', name: '静乐县', subtype: 'COUNTY' }],
  }),
];

describe('zone names split into province, place and type family', () => {
  test.each([
    ['山西阳泉经济开发区', { province: '山西', stem: '阳泉', family: 'ECONOMIC_DEVELOPMENT' }],
    ['太原经济技术开发区', { province: null, stem: '太原', family: 'ECONOMIC_DEVELOPMENT' }],
    ['太原经开区', { province: null, stem: '太原', family: 'ECONOMIC_DEVELOPMENT' }],
    ['长治市高新区', { province: null, stem: '长治', family: 'HIGH_TECH' }],
    ['吉林经济技术开发区', { province: null, stem: '吉林', family: 'ECONOMIC_DEVELOPMENT' }],
    ['湽博高新技术产业开发区', { province: null, stem: '淄博', family: 'HIGH_TECH' }],
    ['太原武宿综合保税区', { province: null, stem: '太原武宿', family: 'CUSTOMS' }],
  ])('%s', (name, parts) => {
    expect(parseZoneName(name)).toMatchObject(parts);
  });
});

describe('entity resolution of catalogue rows against the graph', () => {
  test('a true pair: the short name of the same zone in the same province is a MATCH', () => {
    const graphZone = zone('zone:taiyuan-etdz', '太原经开区', {
      regions: [{ id: 'region:taiyuan', name: '太原', subtype: 'CITY' }, SHANXI],
    });
    expect(compare(row('G141004'), graphZone)).toMatchObject({ verdict: 'MATCHED' });
    const [resolution] = resolveRows([row('G141004')], [graphZone]);
    expect(resolution).toMatchObject({ outcome: 'MATCHED', target: 'zone:taiyuan-etdz' });
  });

  test('a false pair: a 高新区 and an 经开区 of one city are two zones (KEPT APART, never matched)', () => {
    const graphZone = zone('zone:taiyuan-htz', '太原高新区', { regions: [SHANXI] });
    expect(compare(row('G141004'), graphZone)).toMatchObject({ verdict: 'KEPT_APART' });
    expect(compare(row('G142005'), graphZone)).toMatchObject({ verdict: 'MATCHED' });
    const [resolution] = resolveRows([row('G141004')], [graphZone]);
    expect(resolution).toMatchObject({ outcome: 'NEW', target: null });
  });

  test('a weak match is AMBIGUOUS, never merged: same place and type, but the graph does not say the province', () => {
    const graphZone = zone('zone:taiyuan-x', '太原经开区');
    expect(resolveRows([row('G141004')], [graphZone])[0]).toMatchObject({ outcome: 'AMBIGUOUS', target: null });
  });

  test('the same name in another province is AMBIGUOUS; a zone two rows match, or a row two zones match, too', () => {
    const elsewhere = zone('zone:x', '太原经济技术开发区', {
      regions: [{ id: 'region:hebei', name: '河北省', subtype: 'PROVINCE' }],
    });
    expect(resolveRows([row('G141004')], [elsewhere])[0]?.outcome).toBe('AMBIGUOUS');
    const twice = [
      zone('zone:a', '太原经开区', { regions: [SHANXI] }),
      zone('zone:b', '太原经济技术开发区', { regions: [SHANXI] }),
    ];
    expect(resolveRows([row('G141004')], twice)[0]?.outcome).toBe('AMBIGUOUS');
  });

  test('a zone carrying the row’s code is that row’s zone; a row an editor merged goes where it was merged', () => {
    const linked = zone('zone:y', '某区', { identifiers: ['G141004'] });
    expect(resolveRows([row('G141004')], [linked])[0]).toMatchObject({ outcome: 'MATCHED', target: 'zone:y' });
    const merged = new Map([['zone:cn-g141004', 'zone:kept']]);
    expect(resolveRows([row('G141004')], [], merged)[0]).toMatchObject({ outcome: 'MATCHED', target: 'zone:kept' });
  });

  test("the seed's four zones are not in the 2018 catalogue: nothing matches, nothing is ambiguous, 上党 and 长治高新区 stay apart", () => {
    const resolutions = resolveRows(catalogue.rows, SEED_ZONES);
    expect(resolutions.filter((r) => r.outcome !== 'NEW')).toEqual([]);
    const apart = resolutions.flatMap((r) =>
      r.candidates.filter((c) => c.verdict === 'KEPT_APART').map((c) => `${r.row.name} ≠ ${c.zone.name}`),
    );
    expect(apart).toEqual([
      '长治高新技术产业开发区 ≠ 上党经济技术开发区',
      '山西忻州经济开发区 ≠ 神池现代农业产业示范区',
    ]);
  });
});
