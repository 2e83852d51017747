import type { EntityInput, EvidenceInput, IngestBatch, RelationInput, SourceInput } from '../src/ingest/types';

/**
 * A small graph shaped like the national one, for the bench's equivalence test and for trying
 * the harness before a generated graph is at hand. It is NOT the national generator
 * (`npm run bench:data`): a few hundred records, with each feature the cases touch once:
 * provinces > cities > zones with skewed sizes, members through a park (PART_OF) and through
 * HOSTS, a hub bank that finances half of the firms, partnerships, universities, projects with
 * investment figures, and a common and a rare search term. Every record carries verbatim
 * evidence in one source article, in the ingest format.
 *
 * Every id contains `prefix`, so a test can write it next to other data and delete exactly it.
 */
export interface Fixture {
  readonly batch: Required<Pick<IngestBatch, 'sources' | 'entities' | 'relations'>>;
  /** What the bench cases are asked about, chosen by construction (see bench/targets.ts). */
  readonly targets: {
    readonly biggestZone: string;
    readonly hubBank: string;
    readonly hubFirm: string;
    readonly pathTo: string;
    readonly commonTerm: string;
    readonly rareTerm: string;
    readonly deepPage: number;
  };
}

// Two characters per firm from these lists make distinct names (24 × 24 firms at most).
const FIRST = [...'华泰恒远瑞丰宏博金鼎盛安中天永康嘉禾新源广隆'];
const SECOND = [...'明达通利信和光辉德润昌茂兴旺卓越祥云春秋松柏'];
const CITIES = ['东江市', '西岭市', '南湖市', '北原市'];
const PROVINCES = ['东山省', '西川省'];

/** A fixture of `firms` enterprises (at most 500). */
export function benchFixture(prefix: string, firms = 240): Fixture {
  if (firms < 40 || firms > 500) throw new Error('benchFixture: firms must be 40..500');
  const sourceId = `source:${prefix}-news`;
  const lines: string[] = [];
  let offset = 0;
  /** Adds a line to the article and returns the evidence for a quote inside it. */
  const say = (line: string, quote = line.slice(0, -1)): EvidenceInput[] => {
    const start = offset + line.indexOf(quote);
    const evidence = { source: sourceId, paragraph: lines.length, start, end: start + quote.length, quote };
    lines.push(line);
    offset += line.length + 1;
    return [evidence];
  };
  const entities: EntityInput[] = [];
  const relations: RelationInput[] = [];
  const entity = (
    id: string,
    kind: EntityInput['kind'],
    subtype: string,
    name: string,
    extra: Partial<EntityInput> = {},
  ) => {
    entities.push({ id, kind, subtype, name, evidence: say(`${name}见于本报道。`, name), ...extra });
    return id;
  };
  let key = 0;
  const relate = (
    type: RelationInput['type'],
    from: string,
    to: string,
    line: string,
    extra: Partial<RelationInput> = {},
  ) => {
    key += 1;
    relations.push({ type, from, to, key: `k${key}`, evidence: say(line), ...extra });
  };
  const name = (id: string): string => entities.find((e) => e.id === id)?.name ?? id;

  const provinces = PROVINCES.map((p, i) => entity(`region:${prefix}-p${i}`, 'REGION', 'PROVINCE', `${prefix}${p}`));
  const cities = CITIES.map((c, i) => {
    const id = entity(`region:${prefix}-c${i}`, 'REGION', 'CITY', `${prefix}${c}`);
    relate('PART_OF', id, provinces[i % 2] as string, `${name(id)}隶属${name(provinces[i % 2] as string)}。`);
    return id;
  });
  // Zone sizes fall off as 1/(rank + 1), the biggest first.
  const zoneCount = 8;
  const weights = Array.from({ length: zoneCount }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const zones = weights.map((_, i) => {
    const id = entity(
      `zone:${prefix}-z${i}`,
      'ZONE',
      'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
      `${prefix}第${i + 1}经济技术开发区`,
    );
    relate(
      'LOCATED_IN',
      id,
      cities[i % cities.length] as string,
      `${name(id)}位于${name(cities[i % cities.length] as string)}。`,
    );
    return id;
  });
  // The second zone has a park PART_OF it, the third one it OPERATES: members through parks.
  const parkA = entity(`park:${prefix}-pa`, 'PARK', 'INDUSTRIAL_PARK', `${prefix}甲产业园`);
  relate('PART_OF', parkA, zones[1] as string, `${name(parkA)}是${name(zones[1] as string)}的组成部分。`);
  const parkB = entity(`park:${prefix}-pb`, 'PARK', 'INDUSTRIAL_PARK', `${prefix}乙产业园`);
  relate('OPERATES', zones[2] as string, parkB, `${name(zones[2] as string)}运营${name(parkB)}。`);

  const banks = ['中兴', '华夏', '东方', '西部'].map((b, i) =>
    entity(`bank:${prefix}-b${i}`, 'BANK', 'COMMERCIAL_BANK', `${prefix}${b}商业银行`),
  );
  const universities = ['理工', '农业', '师范'].map((u, i) =>
    entity(`university:${prefix}-u${i}`, 'UNIVERSITY', 'UNIVERSITY', `${prefix}${u}大学`),
  );

  // Every 2nd firm is a 科技 firm (the common term); every 6th a longer name, so that how much
  // of a name the term covers orders the hits.
  const firm = (i: number): string =>
    `${prefix}${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}` +
    `${i % 2 === 0 ? '科技' : '制造'}${i % 6 === 0 ? '发展' : ''}有限公司`;
  const firmIds: string[] = [];
  let zoneOf = 0;
  let filled = 0;
  for (let i = 0; i < firms; i += 1) {
    // Firms fill the zones in order of size.
    while (zoneOf < zoneCount - 1 && filled >= Math.round((firms * (weights[zoneOf] as number)) / total)) {
      zoneOf += 1;
      filled = 0;
    }
    filled += 1;
    const firmName = firm(i);
    const id = entity(`enterprise:${prefix}-f${i}`, 'ENTERPRISE', 'COMPANY', firmName, {
      industries: [i % 3 === 0 ? 'artificial-intelligence' : 'equipment-manufacturing'],
    });
    firmIds.push(id);
    const zone = zones[zoneOf] as string;
    if (zoneOf === 1 && i % 2 === 0) relate('LOCATED_IN', id, parkA, `${firmName}入驻${name(parkA)}。`);
    else if (zoneOf === 2 && i % 2 === 0) relate('LOCATED_IN', id, parkB, `${firmName}入驻${name(parkB)}。`);
    else if ((zoneOf === 3 && i % 2 === 0) || (zoneOf === 0 && i % 3 === 0))
      relate('HOSTS', zone, id, `${name(zone)}引进${firmName}。`);
    else relate('LOCATED_IN', id, zone, `${firmName}落户${name(zone)}。`);
    // The hub bank finances every other firm; the others a few each.
    if (i % 2 === 1)
      relate(
        'FINANCED_BY',
        id,
        banks[0] as string,
        `${name(banks[0] as string)}向${firmName}发放贷款${i + 1}00万元。`,
        { amount: `${i + 1}00万元` },
      );
    else if (i % 7 === 0)
      relate(
        'FINANCED_BY',
        id,
        banks[1 + (i % 3)] as string,
        `${name(banks[1 + (i % 3)] as string)}支持${firmName}融资。`,
      );
    if (i % 5 === 0)
      relate(
        'PARTNERED_WITH',
        id,
        universities[i % 3] as string,
        `${firmName}与${name(universities[i % 3] as string)}合作。`,
      );
    if (i % 4 === 1 && i + 2 < firms) {
      relate('PARTNERED_WITH', id, `enterprise:${prefix}-f${i + 2}`, `${firmName}与${firm(i + 2)}签约合作。`);
    }
  }

  const projectCount = 16;
  for (let i = 0; i < projectCount; i += 1) {
    const investment = `${(i % 5) + 1}.${i % 10}亿元`;
    const id = `project:${prefix}-j${i}`;
    const projectName = `${prefix}第${i + 1}号产业项目`;
    entities.push({
      id,
      kind: 'PROJECT',
      subtype: 'INDUSTRIAL',
      name: projectName,
      evidence: say(`${projectName}总投资${investment}。`, projectName),
      facts: [
        {
          key: 'totalInvestment',
          value: investment,
          evidence: say(`${projectName}计划投资${investment}。`, investment),
        },
      ],
    });
    const zone = zones[i % 5] as string;
    if (i % 5 === 1 && i % 2 === 1) relate('HOSTS', parkA, id, `${name(parkA)}承载${projectName}。`);
    else relate('DEVELOPS', zone, id, `${name(zone)}建设${projectName}。`);
    // The hub bank finances some projects too: its relation page mixes firms and projects.
    if (i % 3 === 0)
      relate('FINANCED_BY', id, banks[0] as string, `${name(banks[0] as string)}为${projectName}提供贷款。`);
  }

  const source: SourceInput = {
    id: sourceId,
    title: `${prefix}开发区报道`,
    publisher: 'zonegraph bench fixture',
    kind: 'ARTICLE',
    text: lines.join('\n'),
  };
  return {
    batch: { sources: [source], entities, relations },
    targets: {
      biggestZone: zones[0] as string,
      hubBank: banks[0] as string,
      hubFirm: firmIds[1] as string,
      pathTo: firmIds[firms - 2] as string,
      commonTerm: '科技',
      rareTerm: name(firmIds[3] as string),
      // The fixture alone has 12 pages of firms.
      deepPage: 5,
    },
  };
}
