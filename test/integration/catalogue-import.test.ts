import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { importCatalogue, type CatalogueImportReport } from '../../src/catalogue/import';
import { CATALOGUE_COLUMNS } from '../../src/catalogue/rows';
import type { Executor } from '../../src/db/executor';
import type { IngestBatch } from '../../src/ingest/types';
import { ingestBatch } from '../../src/ingest/writer';
import { cypher, openTestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';
import { runCli, tempDir } from '../helpers/ingest-fixtures';
import { ROOT } from '../helpers/wrapper';

/**
 * The catalogue loader on a small catalogue of its own (青海省, codes G6399xx that the real one
 * does not use), in the shared test database next to whatever other files wrote: entity
 * resolution (a true pair, a false pair, an ambiguous one, a catalogue zone merged into a zone
 * that arrived later), idempotency, flagged bad input, search and the zone fields. The real
 * catalogue is loaded in catalogue-national.test.ts, on a database of its own.
 */

const RUN = `cat${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const SOURCE = `source:test-${RUN}`;
const NEWS = `source:test-${RUN}-news`;
const LATER = `source:test-${RUN}-later`;
const CLI = path.join(ROOT, 'dist', 'src', 'tools', 'import-catalogue.js');
const HEADER = CATALOGUE_COLUMNS.join(',');

const ROWS = [
  '1,G639901,青海测甲经济技术开发区,青海省,测甲,国务院,经济技术开发区,2010.06,500.0,新材料、在建',
  '2,G639902,青海测乙经济技术开发区,青海省,测乙,国务院,经济技术开发区,2011.07,300.0,装备制造',
  '3,G639903,青海测丙经济技术开发区,青海省,测丙,国务院,经济技术开发区,2012年8月,200.0,食品',
  '4,G639904,青海测丁经济技术开发区,青海省,测丁,国务院,经济技术开发区,2013.09,100.0,化工',
  '1,S639905,青海西宁测戊工业园区,青海省,西宁测戊,省政府,工业园区,2014.10,约80,医药',
];
const CATALOGUE_TEXT = `${HEADER}\n${ROWS.join('\n')}\n`;

const NEWS_TEXT = '测甲经开区位于青海省，规划面积9平方公里。测乙高新区也在青海。测丙经开区正在招商。';
const LATER_TEXT = '测丁经开区位于青海省。';

function id(name: string): string {
  return `zone:test-${RUN}-${name}`;
}

/** What another source says before the catalogue arrives: three zones, one of them in 青海省. */
function newsBatch(): IngestBatch {
  const ev = (quote: string) => [{ source: NEWS, quote }];
  return {
    sources: [{ id: NEWS, publisher: '测试报', kind: 'ARTICLE', title: `测试 ${RUN}`, text: NEWS_TEXT }],
    entities: [
      { id: 'region:qinghai', kind: 'REGION', subtype: 'PROVINCE', name: '青海省', evidence: ev('青海省') },
      {
        id: id('ceja'),
        kind: 'ZONE',
        subtype: 'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
        name: '测甲经开区',
        evidence: ev('测甲经开区'),
        facts: [{ key: 'plannedArea', value: '9平方公里', evidence: ev('9平方公里') }],
      },
      { id: id('ceyi'), kind: 'ZONE', name: '测乙高新区', evidence: ev('测乙高新区') },
      { id: id('cebing'), kind: 'ZONE', name: '测丙经开区', evidence: ev('测丙经开区') },
    ],
    relations: [
      { type: 'LOCATED_IN', from: id('ceja'), to: 'region:qinghai', evidence: ev('测甲经开区位于青海省') },
      { type: 'LOCATED_IN', from: id('ceyi'), to: 'region:qinghai', evidence: ev('测乙高新区也在青海') },
    ],
  };
}

describe('the catalogue loader: resolution, idempotency, bad input (shared database)', () => {
  let driver: Driver;
  let executor: Executor;
  let app: App;
  let dir: string;
  let file: string;
  const keys: string[] = [];

  async function load(options: { dryRun?: boolean; force?: boolean } = {}): Promise<CatalogueImportReport> {
    const report = await importCatalogue(executor, { file, sourceId: SOURCE, ...options });
    if (report.result !== null) keys.push(report.result.idempotencyKey);
    return report;
  }

  /** Everything this file's ids hold, properties and links, without timestamps. */
  async function snapshot(): Promise<unknown> {
    return cypher(
      driver,
      `MATCH (n:Entity) WHERE n.id STARTS WITH 'zone:cn-' AND n.id CONTAINS '6399' OR n.id CONTAINS $run
         OR n.id IN ['region:qinghai', 'region:xining']
       OPTIONAL MATCH (n)-[r]->(m)
       WITH n, r, m ORDER BY type(r), r.id, m.id
       WITH n, collect([type(r), r.id, m.id, r {.*, updatedAt: null, createdAt: null}]) AS links
       OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact)
       WITH n, links, f ORDER BY f.id
       RETURN n.id AS id, n {.*, updatedAt: null, createdAt: null} AS props, links, collect(f {.*}) AS facts
       ORDER BY id`,
      { run: RUN },
    );
  }

  async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const { body } = await postGraphQL(app.url, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data ?? {};
  }

  beforeAll(async () => {
    ({ driver, executor } = await openTestDatabase());
    app = await createApp(testConfig(), { log: () => undefined });
    dir = tempDir('catalogue');
    file = path.join(dir, 'catalogue.csv');
    fs.writeFileSync(file, CATALOGUE_TEXT);
    const news = await ingestBatch(executor, newsBatch(), { origin: 'test' });
    expect(news.issues).toEqual([]);
    keys.push(news.idempotencyKey);
  });

  afterAll(async () => {
    await cypher(
      driver,
      `MATCH (n:Entity) WHERE (n.id STARTS WITH 'zone:cn-' AND n.id CONTAINS '6399') OR n.id CONTAINS $run
         OR n.id IN ['region:qinghai', 'region:xining']
       DETACH DELETE n`,
      { run: RUN },
    );
    await cypher(
      driver,
      `MATCH (f:Fact) WHERE f.entityId CONTAINS $run OR f.entityId CONTAINS '6399' OR f.entityId IN ['region:qinghai', 'region:xining'] DETACH DELETE f`,
      { run: RUN },
    );
    await cypher(driver, 'MATCH (e:Evidence) WHERE e.sourceId CONTAINS $run DETACH DELETE e', { run: RUN });
    await cypher(
      driver,
      `MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run OR c.entityId CONTAINS '6399' OR c.entityId IN ['region:qinghai', 'region:xining'] DELETE c`,
      { run: RUN },
    );
    await cypher(driver, 'MATCH (m:MergeRecord) WHERE m.keep CONTAINS $run DELETE m', { run: RUN });
    await cypher(driver, 'MATCH (l:IngestLedger) WHERE any(k IN $keys WHERE l.key STARTS WITH k) DELETE l', { keys });
    await app.stop();
    await driver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a dry run resolves and validates, writes nothing, and says which rows matched, which are ambiguous, which are new', async () => {
    const report = await load({ dryRun: true });
    expect(report.status).toBe('VALIDATED');
    const outcome = Object.fromEntries(report.resolutions.map((r) => [r.row.code, [r.outcome, r.target]]));
    expect(outcome).toEqual({
      G639901: ['MATCHED', id('ceja')],
      G639902: ['NEW', null],
      G639903: ['AMBIGUOUS', null],
      G639904: ['NEW', null],
      S639905: ['NEW', null],
    });
    const apart = report.resolutions.flatMap((r) => r.candidates.filter((c) => c.verdict === 'KEPT_APART'));
    expect(apart.map((c) => c.zone.id)).toEqual([id('ceyi')]);
    expect(report.defects.map((d) => [d.line, d.code, d.defect, d.rule])).toEqual([
      [2, 'G639901', 'UNMAPPED_INDUSTRY', 'FLAG'],
      [4, 'G639903', 'MALFORMED_DATE', 'FLAG'],
      [6, 'S639905', 'NON_NUMERIC_AREA', 'FLAG'],
    ]);
    const [row] = await cypher(driver, 'MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n) AS n', {
      ids: [SOURCE, 'zone:cn-g639902', 'region:xining'],
    });
    expect(row?.n).toBe(0);
  });

  test('npm run import:catalogue -- --dry-run prints the defects and the matched, ambiguous, kept-apart and new rows, and writes nothing', async () => {
    const run = await runCli(CLI, ['--file', file, '--dry-run'], process.env.NEO4J_URI ?? '');
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('dry run: nothing is written')]);
    const lines = run.stdout.split('\n');
    const section = (title: string): string[] => {
      const at = lines.findIndex((line) => line.startsWith(title));
      expect(at).toBeGreaterThanOrEqual(0);
      const end = lines.findIndex((line, i) => i > at && !line.startsWith('  '));
      return lines.slice(at, end < 0 ? undefined : end);
    };
    expect(section('defects loaded with a quality flag (3)')).toEqual([
      'defects loaded with a quality flag (3):',
      expect.stringMatching(/^ {2}line 2 G639901: UNMAPPED_INDUSTRY \(FLAG\) .*在建/),
      expect.stringMatching(/^ {2}line 4 G639903: MALFORMED_DATE \(FLAG\) .*2012年8月/),
      expect.stringMatching(/^ {2}line 6 S639905: NON_NUMERIC_AREA \(FLAG\) .*约80/),
    ]);
    expect(section('matched (1)')).toEqual([
      "matched (1): written onto the graph's zone",
      `  line 2 G639901 青海测甲经济技术开发区 (青海省, 经济技术开发区) = ${id('ceja')}: the same place (测甲), type and province`,
    ]);
    expect(section('ambiguous (1)')).toEqual([
      expect.stringMatching(/^ambiguous \(1\): loaded as a zone of their own, for review/),
      expect.stringMatching(
        /^ {2}line 4 G639903 青海测丙经济技术开发区 \(青海省, 经济技术开发区\) as zone:cn-g639903: /,
      ),
      expect.stringMatching(new RegExp(`^ {4}\\? ${id('cebing')} 测丙经开区: AMBIGUOUS `)),
    ]);
    expect(section('kept apart (1)')).toEqual([
      'kept apart (1): similar names, different zones',
      expect.stringMatching(new RegExp(`^ {2}line 3 G639902 青海测乙经济技术开发区 .* ≠ ${id('ceyi')} 测乙高新区: `)),
    ]);
    expect(section('new (3)')).toEqual([
      'new (3): zones the graph does not hold yet',
      '  line 3 G639902 青海测乙经济技术开发区 (青海省, 经济技术开发区) as zone:cn-g639902',
      '  line 5 G639904 青海测丁经济技术开发区 (青海省, 经济技术开发区) as zone:cn-g639904',
      '  line 6 S639905 青海西宁测戊工业园区 (青海省, 工业园区) as zone:cn-s639905',
    ]);
    expect(run.stdout).toMatch(/status: VALIDATED; .*matched 1, ambiguous 1, new 3;/);
    const [row] = await cypher(driver, 'MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n) AS n', {
      ids: ['source:cn-zone-catalogue-2018', 'zone:cn-g639902', 'region:xining'],
    });
    expect(row?.n).toBe(0);
  });

  test('the load: a true match is written onto the graph zone, a false pair and an ambiguous one stay apart', async () => {
    const report = await load();
    expect(report.status).toBe('APPLIED');
    const [counts] = await cypher(
      driver,
      `OPTIONAL MATCH (own:Entity {id: 'zone:cn-g639901'})
       MATCH (ceja:Entity {id: $ceja})
       RETURN count(own) AS own, ceja.aliases AS aliases, ceja.name AS name, ceja.catalogueCode AS code,
              ceja.approvalLevel AS level, ceja.approvalDate AS date, ceja.approvedAreaAmount AS area,
              ceja.plannedAreaAmount AS planned, ceja.identifiers AS identifiers,
              COUNT { (ceja)-[:MENTIONED_IN]->(:Source) } AS sources,
              COUNT { (ceja)-[:LOCATED_IN]->(:Region {id: 'region:qinghai'}) } AS inQinghai`,
      { ceja: id('ceja') },
    );
    expect(counts).toEqual({
      own: 0,
      name: '测甲经开区',
      aliases: ['青海测甲经济技术开发区'],
      code: 'G639901',
      level: 'STATE_COUNCIL',
      date: '2010-06',
      area: '5000000',
      planned: '9000000',
      identifiers: ['G639901'],
      sources: 2,
      // The news stated it first: one relation, with the news' evidence, not a second one.
      inQinghai: 1,
    });
    expect(report.skippedRelations.map((s) => [s.from, s.to])).toEqual([[id('ceja'), 'region:qinghai']]);
    const zones = await cypher(
      driver,
      "MATCH (z:Zone) WHERE z.id STARTS WITH 'zone:cn-' AND z.id CONTAINS '6399' RETURN z.id AS id, z.name AS name ORDER BY id",
    );
    expect(zones).toEqual([
      { id: 'zone:cn-g639902', name: '青海测乙经济技术开发区' },
      { id: 'zone:cn-g639903', name: '青海测丙经济技术开发区' },
      { id: 'zone:cn-g639904', name: '青海测丁经济技术开发区' },
      { id: 'zone:cn-s639905', name: '青海西宁测戊工业园区' },
    ]);
    // The news' province is the catalogue's province: one region, its name as the news gave it.
    const [qinghai] = await cypher(
      driver,
      `MATCH (r:Region {id: 'region:qinghai'}) RETURN r.name AS name, r.subtype AS subtype,
         COUNT { (:Zone)-[:LOCATED_IN]->(r) } AS zones, COUNT { (x:Region) WHERE x.name = '青海省' } AS named`,
    );
    expect(qinghai).toEqual({ name: '青海省', subtype: 'PROVINCE', zones: 6, named: 1 });
  });

  test('bad input loaded with a flag: a non-numeric area and a malformed date are kept as printed; the city the name states is INFERRED', async () => {
    const [row] = await cypher(
      driver,
      `MATCH (z:Entity {id: 'zone:cn-s639905'})
       OPTIONAL MATCH (z)-[:HAS_FACT]->(f:Fact) WHERE f.key STARTS WITH 'approvedArea'
       OPTIONAL MATCH (z)-[l:LOCATED_IN]->(c:Region {id: 'region:xining'})
       RETURN f.key AS key, f.value AS value, f.qualityFlags AS flags, z.approvedAreaAmount AS amount,
              c.name AS city, l.qualityFlags AS placeFlags`,
    );
    expect(row).toEqual({
      key: 'approvedAreaAsPrinted',
      value: '约80',
      flags: ['UNPARSEABLE_VALUE'],
      amount: null,
      city: '西宁市',
      placeFlags: ['INFERRED'],
    });
    const [unmapped] = await cypher(
      driver,
      "MATCH (:Entity {id: $ceja})-[:HAS_FACT]->(f:Fact {key: 'leadingIndustry', value: '在建'}) RETURN f.qualityFlags AS flags",
      { ceja: id('ceja') },
    );
    expect(unmapped?.flags).toEqual(['UNMAPPED_TERM']);
    const [date] = await cypher(
      driver,
      `MATCH (z:Entity {id: 'zone:cn-g639903'})-[:HAS_FACT]->(f:Fact {key: 'approvalDate'})
       RETURN f.value AS value, f.date AS date, f.qualityFlags AS flags, z.approvalDate AS zoneDate`,
    );
    expect(date).toEqual({ value: '2012年8月', date: null, flags: ['UNPARSEABLE_VALUE'], zoneDate: null });
  });

  test('search finds a zone by its catalogue code and by the short form of its type; the API shows the catalogue fields', async () => {
    const hits = async (q: string): Promise<{ matched: { text: string; kind: string }; entity: { id: string } }[]> =>
      (await gql('query ($q: String!) { search(query: $q) { matched { text kind } entity { id } } }', { q }))
        .search as never;
    expect((await hits('G639901'))[0]).toEqual({
      matched: { text: 'G639901', kind: 'IDENTIFIER' },
      entity: { id: id('ceja') },
    });
    expect((await hits('青海测乙经开区'))[0]).toEqual({
      matched: { text: '青海测乙经开区', kind: 'ABBREVIATION' },
      entity: { id: 'zone:cn-g639902' },
    });
    expect((await hits('青海西宁测戊工业园'))[0]?.entity.id).toBe('zone:cn-s639905');
    const zone = (
      await gql(`{ node(id: "zone:cn-g639902") { ... on Zone {
        subtype approvalLevel catalogueCode approvalDate { value precision } approvedArea { amount unit raw }
        industries nameVariants { text kind } } } }`)
    ).node;
    expect(zone).toEqual({
      subtype: 'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
      approvalLevel: 'STATE_COUNCIL',
      catalogueCode: 'G639902',
      approvalDate: { value: '2011-07', precision: 'MONTH' },
      approvedArea: { amount: '3000000', unit: 'm2', raw: '300.0公顷' },
      industries: ['equipment-manufacturing'],
      nameVariants: expect.arrayContaining([
        { text: '青海测乙经开区', kind: 'ABBREVIATION' },
        { text: 'G639902', kind: 'IDENTIFIER' },
      ]) as unknown,
    });
  });

  test('loading again changes nothing: the ledger knows the batch, and even a forced rewrite leaves the graph as it was', async () => {
    const before = await snapshot();
    const again = await load();
    expect(again.status).toBe('ALREADY_APPLIED');
    expect(await snapshot()).toEqual(before);
    const forced = await load({ force: true });
    expect(forced.status).toBe('APPLIED');
    expect(forced.result?.chunksApplied).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  test('a zone of another source arriving after the catalogue: the next load merges the catalogue zone into it', async () => {
    const later = await ingestBatch(
      executor,
      {
        sources: [{ id: LATER, publisher: '测试报', kind: 'ARTICLE', title: `测试续 ${RUN}`, text: LATER_TEXT }],
        entities: [
          { id: id('ceding'), kind: 'ZONE', name: '测丁经开区', evidence: [{ source: LATER, quote: '测丁经开区' }] },
        ],
        relations: [
          {
            type: 'LOCATED_IN',
            from: id('ceding'),
            to: 'region:qinghai',
            evidence: [{ source: LATER, quote: '测丁经开区位于青海省' }],
          },
        ],
      },
      { origin: 'test' },
    );
    expect(later.issues).toEqual([]);
    keys.push(later.idempotencyKey);
    const report = await load();
    expect(report.status).toBe('APPLIED');
    expect(report.merges).toEqual([{ keep: id('ceding'), merge: 'zone:cn-g639904' }]);
    const [row] = await cypher(
      driver,
      `OPTIONAL MATCH (gone:Entity {id: 'zone:cn-g639904'})
       MATCH (kept:Entity {id: $ceding})
       OPTIONAL MATCH (m:MergeRecord {merged: 'zone:cn-g639904'})
       RETURN count(gone) AS gone, kept.aliases AS aliases, kept.catalogueCode AS code, m.keep AS mergedInto,
              COUNT { (kept)-[:HAS_FACT]->(:Fact {key: 'catalogueCode'}) } AS codeFacts`,
      { ceding: id('ceding') },
    );
    expect(row).toEqual({
      gone: 0,
      aliases: ['青海测丁经济技术开发区'],
      code: 'G639904',
      mergedInto: id('ceding'),
      codeFacts: 1,
    });
    expect((await load()).status).toBe('ALREADY_APPLIED');
  });

  describe('the CLI', () => {
    test('a file with an unknown type is refused with its line and code, and nothing is written (exit 1)', async () => {
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, `${HEADER}\n${ROWS[0]}\n${(ROWS[1] ?? '').replace(',经济技术开发区,', ',保税区,')}\n`);
      const run = await runCli(CLI, ['--file', bad], process.env.NEO4J_URI ?? '');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('line 3 G639902: UNKNOWN_TYPE (REJECT)');
      expect(run.stdout).toContain('status: DEFECTIVE');
      const [row] = await cypher(driver, "MATCH (s:Entity {id: 'source:cn-zone-catalogue-2018'}) RETURN count(s) AS n");
      expect(row?.n).toBe(0);
    });

    test.each([
      [['--batch-size', '0'], '--batch-size'],
      [['--nope'], 'unknown argument --nope'],
      [['--file', '/no/such/file.csv'], 'cannot read'],
    ])('bad options %p are a usage error (exit 2)', async (args, message) => {
      const run = await runCli(CLI, args, process.env.NEO4J_URI ?? '');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('usage: npm run import:catalogue');
    });
  });
});
