import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Executor } from '../../src/db/executor';
import { loadSeed, readSeed, SEED_DIR } from '../../src/ingest/seed';
import { cypher, openTestDatabase } from '../helpers/db';

/**
 * The seed page as received (shared/seeds/000_c50cec690078727d.txt): its name and sha256. The
 * committed copy in data/seed/sources/ must hash to this, so the comparison with the original
 * needs nothing outside the repository and is never skipped.
 */
const PAGE_FILE = '000_c50cec690078727d.txt';
const PAGE_SHA256 = '35ee742bf95c51ba42070f29d04652f82d55205c219e22ec5af469a8367040d7';

const seed = readSeed();
const entityIds = (seed.entities ?? []).map((e) => e.id);
const sourceIds = (seed.sources ?? []).map((s) => s.id);
const allIds = [...entityIds, ...sourceIds];

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('the seed graph on real Neo4j', () => {
  let driver: Driver;
  let executor: Executor;

  beforeAll(async () => {
    ({ driver, executor } = await openTestDatabase());
    const result = await loadSeed(executor);
    expect(result.issues).toEqual([]);
  });
  afterAll(() => driver.close());

  async function seedCounts(): Promise<Record<string, unknown>> {
    const [row] = await cypher(
      driver,
      `MATCH (n:Entity) WHERE n.id IN $ids
       WITH collect(n) AS nodes
       CALL (nodes) { UNWIND nodes AS n RETURN n.kind AS kind, count(*) AS c ORDER BY kind }
       WITH nodes, collect([kind, c]) AS byKind
       CALL (nodes) { UNWIND nodes AS n MATCH (n)-[r]->(m:Entity) WHERE m IN nodes RETURN type(r) AS t, count(r) AS c ORDER BY t }
       WITH nodes, byKind, collect([t, c]) AS byType
       CALL (nodes) { UNWIND nodes AS n MATCH (n)-[:HAS_FACT]->(f:Fact) RETURN count(f) AS facts }
       CALL (nodes) { UNWIND nodes AS n MATCH (n)-[:HAS_FACT]->(f:Fact) RETURN count(DISTINCT f) AS distinctFacts }
       RETURN size(nodes) AS nodes, byKind, byType, facts, distinctFacts`,
      { ids: allIds },
    );
    return row ?? {};
  }

  test('counts by kind and relation type equal those in the data files', async () => {
    const counts = await seedCounts();
    const expectedKinds = { ...countBy(seed.entities ?? [], (e) => e.kind), SOURCE: sourceIds.length };
    expect(Object.fromEntries(counts.byKind as [string, number][])).toEqual(expectedKinds);
    const mentions = new Set((seed.entities ?? []).flatMap((e) => e.evidence.map((ev) => `${e.id}>${ev.source}`))).size;
    expect(Object.fromEntries(counts.byType as [string, number][])).toEqual({
      ...countBy(seed.relations ?? [], (r) => r.type),
      MENTIONED_IN: mentions,
    });
    expect(counts.facts).toBe((seed.entities ?? []).reduce((sum, e) => sum + (e.facts ?? []).length, 0));
  });

  test('loading twice gives identical node and relation counts (MERGE on stable ids)', async () => {
    const before = await seedCounts();
    const again = await loadSeed(executor, { ignoreLedger: true });
    expect(again.status).toBe('APPLIED');
    expect(await seedCounts()).toEqual(before);
    const [dupes] = await cypher(
      driver,
      'MATCH (n:Entity) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS n',
    );
    expect(dupes?.n).toBe(0);
  });

  test('a second plain load is recognised by the ledger and writes nothing', async () => {
    const again = await loadSeed(executor);
    expect(again.status).toBe('ALREADY_APPLIED');
    expect(again.chunksApplied).toBe(0);
  });

  test('every stored evidence quote is verbatim in its source text at the stated offsets and paragraph', async () => {
    const rows = await cypher(
      driver,
      `MATCH (e:Evidence)-[:IN_SOURCE]->(s:Source) WHERE s.id IN $ids
       RETURN e.quote AS quote, e.charStart AS start, e.charEnd AS end, e.paragraph AS paragraph, s.text AS text`,
      { ids: sourceIds },
    );
    expect(rows.length).toBeGreaterThan(200);
    for (const row of rows) {
      const text = String(row.text);
      expect(text.slice(Number(row.start), Number(row.end))).toBe(row.quote);
      const paragraphs = text.split('\n').filter((line) => line.trim() !== '');
      expect(paragraphs[Number(row.paragraph)]).toContain(String(row.quote));
    }
  });

  test('the committed page is the original, byte for byte, and every source text is its stated slice of it', () => {
    const files = fs.readdirSync(path.join(SEED_DIR, 'sources'));
    expect(files).toEqual([PAGE_FILE]);
    const copy = fs.readFileSync(path.join(SEED_DIR, 'sources', PAGE_FILE));
    expect(createHash('sha256').update(copy).digest('hex')).toBe(PAGE_SHA256);
    const page = copy.toString('utf8');
    expect(seed.sources?.length).toBe(5);
    for (const source of seed.sources ?? []) {
      expect({ id: source.id, file: source.origin?.file, sha256: source.origin?.sha256 }).toEqual({
        id: source.id,
        file: PAGE_FILE,
        sha256: PAGE_SHA256,
      });
      expect(page.slice(source.origin?.start, source.origin?.end)).toBe(source.text);
    }
  });

  test('every source in the graph holds its slice of the committed page and names the page by its sha256', async () => {
    const page = fs.readFileSync(path.join(SEED_DIR, 'sources', PAGE_FILE), 'utf8');
    const rows = await cypher(
      driver,
      `MATCH (s:Source) WHERE s.id IN $ids
       RETURN s.id AS id, s.text AS text, s.originFile AS file, s.originSha256 AS sha256,
              s.originStart AS start, s.originEnd AS end ORDER BY id`,
      { ids: sourceIds },
    );
    expect(rows.map((row) => row.id)).toEqual([...sourceIds].sort());
    for (const row of rows) {
      expect({ id: row.id, file: row.file, sha256: row.sha256 }).toEqual({
        id: row.id,
        file: PAGE_FILE,
        sha256: PAGE_SHA256,
      });
      expect(row.text).toBe(page.slice(Number(row.start), Number(row.end)));
    }
  });

  test('no relation and no fact without evidence, and every evidence id resolves', async () => {
    const [row] = await cypher(
      driver,
      `CALL () { MATCH (a:Entity)-[r]->(:Entity) WHERE a.id IN $ids AND (r.evidenceIds IS NULL OR size(r.evidenceIds) = 0) RETURN count(r) AS bareRelations }
       CALL () { MATCH (f:Fact) WHERE f.entityId IN $ids AND (f.evidenceIds IS NULL OR size(f.evidenceIds) = 0) RETURN count(f) AS bareFacts }
       CALL () { MATCH (a:Entity)-[r]->(:Entity) WHERE a.id IN $ids UNWIND r.evidenceIds AS id
                 OPTIONAL MATCH (e:Evidence {id: id}) WITH e WHERE e IS NULL RETURN count(*) AS dangling }
       RETURN bareRelations, bareFacts, dangling`,
      { ids: allIds },
    );
    expect(row).toEqual({ bareRelations: 0, bareFacts: 0, dangling: 0 });
  });

  test('every entity is reachable from a SOURCE', async () => {
    const rows = await cypher(
      driver,
      `MATCH (n:Entity) WHERE n.id IN $ids AND NOT (n)-[:MENTIONED_IN]->(:Source) RETURN n.id AS id`,
      { ids: entityIds },
    );
    expect(rows).toEqual([]);
  });

  test('quality flags sit on the facts they concern', async () => {
    const rows = await cypher(
      driver,
      `MATCH (f:Fact) WHERE f.entityId IN $ids AND size(f.qualityFlags) > 0
       RETURN f.value AS value, f.qualityFlags AS flags, f.presentable AS presentable`,
      { ids: entityIds },
    );
    const byValue = new Map(rows.map((row) => [String(row.value), row]));
    expect(byValue.get('87万平方千米')).toMatchObject({
      flags: expect.arrayContaining(['IMPLAUSIBLE_MAGNITUDE']),
      presentable: false,
    });
    expect(rows.filter((row) => row.presentable === false).map((row) => row.value)).toEqual(['87万平方千米']);
    const truncated = await cypher(
      driver,
      `MATCH (n:Entity) WHERE n.name STARTS WITH '山西老农贡' RETURN n.qualityFlags AS flags`,
    );
    expect(truncated).toEqual([{ flags: expect.arrayContaining(['TRUNCATED_SOURCE']) }]);
    expect(rows.some((row) => (row.flags as string[]).includes('AMBIGUOUS_SUBJECT'))).toBe(true);
  });

  test('no date without its year in a quote: every dated fact and relation quotes the year it carries', async () => {
    const rows = await cypher(
      driver,
      `CALL () {
         MATCH (n:Entity)-[:HAS_FACT]->(f:Fact) WHERE n.id IN $ids
         RETURN n.id + ' ' + f.key AS what, f.date AS date, f.periodStart AS start, f.periodEnd AS end, f.evidenceIds AS evidenceIds
         UNION ALL
         MATCH (a:Entity)-[r]->(:Entity) WHERE a.id IN $ids AND type(r) <> 'MENTIONED_IN'
         RETURN r.id AS what, r.date AS date, r.periodStart AS start, r.periodEnd AS end, r.evidenceIds AS evidenceIds
       }
       WITH what, [d IN [date, start, end] WHERE d IS NOT NULL | left(d, 4)] AS years, evidenceIds
       WHERE size(years) > 0
       UNWIND evidenceIds AS evidenceId
       MATCH (e:Evidence {id: evidenceId})
       WITH what, years, collect(e.quote) AS quotes
       RETURN what, [y IN years WHERE none(q IN quotes WHERE q CONTAINS y)] AS unquoted`,
      { ids: entityIds },
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((row) => (row.unquoted as string[]).length > 0)).toEqual([]);
  });

  test('a possible duplicate is flagged on both sides of the pair', async () => {
    const rows = await cypher(
      driver,
      `MATCH (n:Entity) WHERE n.id IN $ids
       OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE 'POSSIBLE_DUPLICATE' IN f.qualityFlags
       WITH n, collect(f.key) AS factKeys
       WHERE 'POSSIBLE_DUPLICATE' IN n.qualityFlags OR size(factKeys) > 0
       RETURN n.name AS name, factKeys ORDER BY name`,
      { ids: entityIds },
    );
    expect(rows).toEqual([
      { name: '标准化厂房一期', factKeys: expect.arrayContaining(['floorArea', 'tenantEnterprises']) },
      { name: '污水处理厂、垃圾中转站、净化厂、供热站、水源地等基础设施（站）建设项目', factKeys: [] },
      { name: '洞子头核心区污水处理厂', factKeys: [] },
      { name: '静乐现代农业产业示范区平台公司', factKeys: expect.arrayContaining(['floorArea', 'tenantEnterprises']) },
    ]);
  });

  test('nothing is invented: 晋能光伏 has no zone and no region, and exact money survives', async () => {
    const rows = await cypher(
      driver,
      `MATCH (n:Entity) WHERE n.name = '晋能光伏技术有限责任公司'
       OPTIONAL MATCH (n)-[r:LOCATED_IN|PART_OF]-(m) OPTIONAL MATCH (z:Zone)-[h]-(n)
       RETURN count(r) AS located, count(h) AS zoneLinks`,
    );
    expect(rows).toEqual([{ located: 0, zoneLinks: 0 }]);
    const [money] = await cypher(
      driver,
      `MATCH ()-[r:FINANCED_BY]->() WHERE r.amountRaw = '4033万元' RETURN r.amountAmount AS amount, r.amountUnit AS unit, r.date AS date`,
    );
    expect(money).toEqual({ amount: '40330000', unit: 'CNY', date: '2024' });
  });

  test('every name is a name, never an id: the untitled 神池 piece is named by publisher and byline', async () => {
    const named = await cypher(
      driver,
      `MATCH (n:Entity) WHERE n.name = n.id OR n.name STARTS WITH 'source:' RETURN n.id AS id`,
    );
    expect(named).toEqual([]);
    const [shenchi] = await cypher(
      driver,
      `MATCH (s:Source {id: 'source:kxdb-shenchi-modern-agriculture'}) RETURN s.name AS name, s.title AS title, s.qualityFlags AS flags`,
    );
    expect(shenchi).toEqual({
      name: '科学导报 李阳（无标题）',
      title: null,
      flags: expect.arrayContaining(['MISSING_TITLE']),
    });
  });

  test('name forms are derived and stored: pinyin, initials and traditional characters', async () => {
    const [zone] = await cypher(
      driver,
      `MATCH (z:Zone {id: 'zone:shangdang-etdz'}) RETURN z.pinyinNames AS pinyin, z.initials AS initials, z.traditionalNames AS traditional`,
    );
    expect(zone?.pinyin).toEqual(expect.arrayContaining(['shangdangjingkaiqu', 'shang dang jing kai qu']));
    expect(zone?.initials).toEqual(expect.arrayContaining(['sdjkq']));
    expect(zone?.traditional).toEqual(expect.arrayContaining(['上黨經濟技術開發區']));
  });
});
