/*
 * Analytics and search at a hub cost what the caps and `first` allow, not what the hub holds.
 * The hub fixture (bench/hub-fixture.ts: one bank financing every firm, one zone hosting them)
 * is written twice through the ingest path, with 200 and with 2,000 clients, and each statement
 * is PROFILEd on both (inside a transaction that is rolled back). A statement may read each
 * relation of a hub it ranks once, at a few database hits a relation (PER_RELATION); nothing else
 * may grow with the hub. Before these statements were rewritten, suggestions grew by about 105
 * hits per client and a neighborhood of depth 2 by 14 to 20 per hub relation.
 */
import type { Driver } from 'neo4j-driver';
import { hanTag, hubBatch } from '../../bench/hub-fixture';
import {
  AnalyticsRepository,
  graphParameters,
  READ_WHOLE,
  suggestionParameters,
} from '../../src/analytics/analytics.repository';
import { SUGGESTION_DRAW_CAP } from '../../src/analytics/suggestions';
import { DEFAULT_FOLLOWED_TYPES } from '../../src/analytics/link-types';
import { CypherRegistry } from '../../src/db/cypher';
import type { Executor } from '../../src/db/executor';
import type { QueryName } from '../../src/db/queries';
import type { EntityKindName } from '../../src/domain/vocabulary';
import { ingestBatch } from '../../src/ingest/writer';
import { searchQueries } from '../../src/search/search';
import { searchParameters } from '../../src/search/search.repository';
import { cypher, openTestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/env';

const RUN = `hubcost${Date.now().toString(36)}`;
const SMALL = 200;
const LARGE = 2000;
/** Database hits a statement may spend per relation of a hub it reads (the relation, its type, the other end's name and id). */
const PER_RELATION = 8;

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

function totalDbHits(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0);
}

function operators(plan: PlanNode): string[] {
  return [plan.operatorType.split('@')[0] ?? '', ...plan.children.flatMap(operators)];
}

const prefix = (clients: number): string => `${RUN}${clients === SMALL ? 's' : 'l'}`;

describe('analytics and search at a hub: the cost follows the caps and `first`, not the hub', () => {
  let driver: Driver;
  let executor: Executor;
  const registry = CypherRegistry.load();

  beforeAll(async () => {
    ({ driver, executor } = await openTestDatabase());
    for (const clients of [SMALL, LARGE]) {
      const batch = { ...hubBatch(prefix(clients), clients), idempotencyKey: `${prefix(clients)}-key` };
      const result = await ingestBatch(executor, batch, {
        origin: 'test',
        batchSize: 1000,
        timeoutMs: 120_000,
      });
      expect(result.issues).toEqual([]);
    }
    // Fresh indexes were sampled empty; resample so the plans profiled are those of a used graph.
    await cypher(driver, 'CALL db.prepareForReplanning()');
  }, 900_000);

  afterAll(async () => {
    await cypher(
      driver,
      `MATCH (n:Entity) WHERE n.id CONTAINS $run
       OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact)
       DETACH DELETE n, f`,
      { run: RUN },
    );
    await cypher(driver, 'MATCH (e:Evidence) WHERE e.sourceId CONTAINS $run DETACH DELETE e', { run: RUN });
    await cypher(driver, 'MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run DELETE c', { run: RUN });
    await cypher(driver, 'MATCH (l:IngestLedger) WHERE l.key CONTAINS $run DELETE l', { run: RUN });
    await driver.close();
  }, 300_000);

  async function profile(name: QueryName, params: Record<string, unknown>): Promise<{ plan: PlanNode; rows: number }> {
    const session = driver.session({ database: testConfig().neo4j.database });
    const tx = session.beginTransaction({ timeout: 120_000 });
    try {
      const result = await tx.run(`PROFILE ${registry.get(name)}`, params);
      const plan = result.summary.profile;
      if (!plan) throw new Error(`no profile for ${name}`);
      return { plan: plan as unknown as PlanNode, rows: result.records.length };
    } finally {
      await tx.rollback();
      await session.close();
    }
  }

  const neighborhood = (id: string) => ({
    id,
    depth: 2,
    limit: 25,
    types: DEFAULT_FOLLOWED_TYPES,
    ...graphParameters(),
  });

  /**
   * The parameters of analytics/suggestion-links as a request sends them, with the hubs drawn
   * (analytics/suggestion-hubs, analytics/hub-draw) above `scanDegree` relations: 100 here, below
   * both fixtures, so that the hub bank and the hub zone are drawn at 200 clients as at 2,000.
   */
  const drawn = async (
    id: string,
    kinds: EntityKindName[] | null,
    first: number,
    scanDegree = 100,
  ): Promise<Record<string, unknown>> =>
    suggestionParameters(
      id,
      kinds,
      first,
      (await new AnalyticsRepository(executor, scanDegree).suggestionDraws(id, kinds)) ?? READ_WHOLE,
    );

  // [statement, what it is asked, parameters for a fixture, hub relations it reads per client]
  const cases: [
    QueryName,
    string,
    (p: string) => Record<string, unknown> | Promise<Record<string, unknown>>,
    number,
  ][] = [
    // Read whole (no draws passed), a firm's draws read the bank's and the zone's relations.
    [
      'analytics/suggestion-links',
      'suggestions for a client of the hub bank, hubs read whole',
      (p) => suggestionParameters(`enterprise:${p}-0`, null, 10),
      2,
    ],
    // Drawn, nothing may grow with a hub for the client. When E is a hub, or the candidate is
    // (the zone, for the bank), "is the candidate already linked to E?" reads one of the two's
    // relations of the followed types: at most one per client.
    [
      'analytics/suggestion-links',
      'suggestions for a client of the hub bank',
      (p) => drawn(`enterprise:${p}-0`, null, 10),
      0,
    ],
    ['analytics/suggestion-links', 'suggestions for the hub zone', (p) => drawn(`zone:${p}-zone`, null, 10), 1],
    ['analytics/suggestion-links', 'suggestions for the hub bank', (p) => drawn(`bank:${p}-hub`, null, 10), 1],
    [
      'analytics/suggestion-links',
      'suggestions of banks for the hub zone',
      (p) => drawn(`zone:${p}-zone`, ['BANK'], 10),
      1,
    ],
    // The hubs and their draws: counts from the degree store, and index seeks cut at the cap.
    [
      'analytics/suggestion-hubs',
      'the hubs around a client of the hub bank',
      (p) => ({ id: `enterprise:${p}-0`, scan: 100, cap: SUGGESTION_DRAW_CAP, draws: { entity: null } }),
      0,
    ],
    [
      'analytics/suggestion-hubs',
      'the hub bank itself',
      (p) => ({ id: `bank:${p}-hub`, scan: 100, cap: SUGGESTION_DRAW_CAP, draws: { entity: null } }),
      0,
    ],
    [
      'analytics/hub-draw#FINANCED_BY',
      "the hub bank's draw",
      (p) => ({ ids: [`bank:${p}-hub`], kinds: ['ENTERPRISE', 'PROJECT', 'ZONE'], cap: SUGGESTION_DRAW_CAP }),
      0,
    ],
    // Depth 2 from a client expands the bank and the zone, and ranks each one's relations.
    ['analytics/neighborhood', 'neighborhood of depth 2 of a client', (p) => neighborhood(`enterprise:${p}-0`), 2],
    ['analytics/neighborhood', 'neighborhood of depth 2 of the hub bank', (p) => neighborhood(`bank:${p}-hub`), 1],
    // Two clients meet at the hub: the search reaches it from both sides and reads none of its relations.
    [
      'analytics/paths#4',
      'paths between two clients',
      (p) => ({
        from: `enterprise:${p}-0`,
        to: `enterprise:${p}-7`,
        first: 3,
        types: DEFAULT_FOLLOWED_TYPES,
        ...graphParameters(),
      }),
      0,
    ],
    // Longer shortest paths meet in the middle: each side expands its own end, so the one of 3 from
    // the rare project and the one of 4 from the province reach the hubs without reading their relations.
    [
      'analytics/paths-followed#6',
      'paths of 3 from a project of two clients to another client',
      (p) => ({
        from: `project:${p}-rare`,
        to: `enterprise:${p}-7`,
        first: 3,
        types: DEFAULT_FOLLOWED_TYPES,
        ...graphParameters(),
      }),
      0,
    ],
    [
      'analytics/paths-followed#6',
      "paths of 4 from the province to a client's group project",
      (p) => ({
        from: `region:${p}-province`,
        to: `project:${p}-group-0`,
        first: 3,
        types: DEFAULT_FOLLOWED_TYPES,
        ...graphParameters(),
      }),
      0,
    ],
  ];

  test.each(cases)(
    '%s, %s: database hits grow by at most PER_RELATION per hub relation read',
    async (name, _what, params, read) => {
      const small = await profile(name, await params(prefix(SMALL)));
      const large = await profile(name, await params(prefix(LARGE)));
      const growth = totalDbHits(large.plan) - totalDbHits(small.plan);
      const allowed = PER_RELATION * read * (LARGE - SMALL);
      expect({ name, growth: Math.max(growth, 0) <= allowed ? 'within bound' : growth, allowed }).toEqual({
        name,
        growth: 'within bound',
        allowed,
      });
      // No scan of a label or a whole index: everything starts from the entity asked about.
      expect(operators(large.plan).filter((op) => /LabelScan|AllNodesScan|NodeIndexScan/.test(op))).toEqual([]);
    },
  );

  test.each([
    ['a client of the hub bank', (p: string) => `enterprise:${p}-0`, null, 10],
    ['the hub zone', (p: string) => `zone:${p}-zone`, null, 10],
    ['the hub bank', (p: string) => `bank:${p}-hub`, null, 10],
    ['the hub zone, banks only', (p: string) => `zone:${p}-zone`, ['BANK'], 30],
    ['a client of the hub bank, firms only', (p: string) => `enterprise:${p}-5`, ['ENTERPRISE'], 30],
  ] as [string, (p: string) => string, EntityKindName[] | null, number][])(
    'suggestions for %s: drawing the hubs from the relation page indexes answers as reading them whole',
    async (_what, id, kinds, first) => {
      for (const clients of [SMALL, LARGE]) {
        const answer = async (params: Record<string, unknown>): Promise<unknown> => {
          const [row] = await executor.read('analytics/suggestion-links', params);
          return row?.suggestions;
        };
        const whole = await answer(suggestionParameters(id(prefix(clients)), kinds, first));
        // The caps cut the draw (100 of the hub's clients), so the answer is not every client.
        expect(Array.isArray(whole) && whole.length > 0).toBe(true);
        // Every entity a hub (scan 0: E too), the fixtures' hubs only (scan SMALL / 2).
        for (const scanDegree of [0, SMALL / 2]) {
          const params = await drawn(id(prefix(clients)), kinds, first, scanDegree);
          // Something was drawn: E (a hub itself), or hubs among its anchors.
          const draws = params.draws as { entity: string[] | null; hubs: Record<string, string[]> };
          expect(draws.entity !== null || Object.keys(draws.hubs).length > 0).toBe(true);
          expect(await answer(params)).toEqual(whole);
        }
      }
    },
  );

  test('search returns at most `first` rows however many entities match, and a smaller `first` is the head', async () => {
    const queries = searchQueries('安百');
    if (queries === null) throw new Error('安百 is searchable');
    const [matches] = await cypher(
      driver,
      `CALL db.index.fulltext.queryNodes('entity_search_keys', $prefix) YIELD node
       WHERE node.id CONTAINS $run RETURN count(node) AS n`,
      { prefix: queries.prefix, run: RUN },
    );
    expect(Number(matches?.n)).toBeGreaterThanOrEqual(SMALL + LARGE - 2);
    const rows = async (first: number): Promise<string[]> => {
      const { rows: count, plan } = await profile('read/search', searchParameters(queries, ['ENTERPRISE'], first));
      expect(count).toBeLessThanOrEqual(first);
      expect(operators(plan).filter((op) => /LabelScan|AllNodesScan/.test(op))).toEqual([]);
      const result = await executor.read('read/search', searchParameters(queries, ['ENTERPRISE'], first));
      return result.map((row) => String((row.entity as { id: string }).id));
    };
    const ten = await rows(10);
    expect(ten).toHaveLength(10);
    expect(await rows(3)).toEqual(ten.slice(0, 3));
  });

  test('search ranks in the database: equal, then prefix, then contains, each tier by coverage', async () => {
    // The fixture names one firm 安百<tag> (equal), one 华安百<tag> (contains) and the rest 安百<tag>第N号 (prefix).
    const queries = searchQueries(`安百${hanTag(prefix(SMALL))}`);
    if (queries === null) throw new Error('searchable');
    const hits = await executor.read('read/search', searchParameters(queries, null, 50));
    const ids = hits.map((row) => String((row.entity as { id: string }).id));
    const scores = hits.map((row) => Number(row.score));
    expect(ids[0]).toBe(`enterprise:${prefix(SMALL)}-0`);
    expect(scores[0]).toBeGreaterThanOrEqual(1);
    expect(scores.slice(1).every((score) => score >= 0.9 && score < 0.95)).toBe(true);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Prefix matches fill the page, so the one that only contains it is not even looked up.
    expect(ids).not.toContain(`enterprise:${prefix(SMALL)}-1`);
    const contained = await executor.read('read/search', searchParameters(queries, null, SMALL + 10));
    expect(contained.at(-1)?.entity).toMatchObject({ id: `enterprise:${prefix(SMALL)}-1` });
    expect(Number(contained.at(-1)?.score)).toBeLessThan(0.8);
  });
});
