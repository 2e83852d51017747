/*
 * Round trips (docs/api.md "Round trips"): every relationship field goes through a per-request
 * DataLoader, so a level of a query costs one Cypher statement however many parents it has.
 * Each query runs twice, over two sets of zones that share nothing: the 4 seed zones (the only
 * zones with an English name, "... Zone") and 100 of this file's 300 synthetic zones (named
 * 测试区<run>号<i>, without an English name), and
 * the executor's statement counter must read exactly what the docs state both times.
 */
import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { ingestBatch } from '../../src/ingest/writer';
import type { IngestBatch } from '../../src/ingest/types';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';
import { removeRun, runToken } from '../helpers/isolation';

const STARTED = new Date();
const RUN = runToken('stc');
const SYNTHETIC = 300;
const SEED_ZONES = { nameContains: ' Zone' };
const OUR_ZONES = { nameContains: `测试区${RUN}` };

/** A synthetic article naming 300 zones, each hosting one firm, written through the ingest path. */
function syntheticBatch(): IngestBatch {
  const lines = Array.from({ length: SYNTHETIC }, (_, i) => `测试区${RUN}号${i}承载企业${RUN}号${i}。`);
  const text = lines.join('\n');
  const source = { id: `source:${RUN}`, publisher: 'test', kind: 'ARTICLE' as const, text };
  return {
    sources: [source],
    entities: lines.flatMap((_line, i) => [
      {
        id: `zone:${RUN}-${i}`,
        kind: 'ZONE' as const,
        name: `测试区${RUN}号${i}`,
        evidence: [{ source: source.id, quote: `测试区${RUN}号${i}承载` }],
      },
      {
        id: `enterprise:${RUN}-${i}`,
        kind: 'ENTERPRISE' as const,
        name: `企业${RUN}号${i}`,
        evidence: [{ source: source.id, quote: `企业${RUN}号${i}。` }],
      },
    ]),
    relations: lines.map((_line, i) => ({
      type: 'HOSTS' as const,
      from: `zone:${RUN}-${i}`,
      to: `enterprise:${RUN}-${i}`,
      evidence: [{ source: source.id, quote: `测试区${RUN}号${i}承载企业${RUN}号${i}` }],
    })),
  };
}

const ZONES_ENTERPRISES_ZONE = `query ($where: EntityFilter) {
  zones(first: 100, where: $where) { edges { node { id name enterprises { edges { node { name zone { name } } } } } } }
}`;
const ZONES_RELATIONS_EVIDENCE_SOURCE = `query ($where: EntityFilter) {
  zones(first: 100, where: $where) {
    edges { node { id relations(first: 20) { edges { node { type evidence { quote source { title publisher } } } } } } }
  }
}`;

const ZONES_STATS_INVESTMENT = `query ($where: EntityFilter) {
  zones(first: 100, where: $where) {
    edges { node { id stats { enterpriseCount projectCount totalProjectInvestment { summedCount total { amount } } } } }
  }
}`;
const ZONES_STATS_INVESTMENT_RAW = `query ($where: EntityFilter) {
  zones(first: 100, where: $where) {
    edges { node { id stats { enterpriseCount totalProjectInvestment { total { amount printed: raw } } } } }
  }
}`;

interface ZoneNode {
  id: string;
  stats?: { enterpriseCount: number };
  enterprises?: { edges: unknown[] };
  relations?: { edges: unknown[] };
}

describe('Cypher statements per request do not grow with the number of parents', () => {
  let app: App;

  beforeAll(async () => {
    // Round trips, not cost limits or speed, are under test: 100 zones × 20 relations exceeds
    // the default cost, and a loaded machine may take longer than the default 5 s timeout.
    app = await createApp(testConfig({ MAX_QUERY_COST: '1000000', NEO4J_TX_TIMEOUT_MS: '60000' }), {
      log: () => undefined,
    });
    expect((await loadSeed(app.executor)).issues).toEqual([]);
    const result = await ingestBatch(app.executor, syntheticBatch(), { origin: 'test' });
    expect(result.issues).toEqual([]);
  });

  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  async function run(
    query: string,
    where: Record<string, unknown>,
  ): Promise<{ statements: number; zones: ZoneNode[] }> {
    const before = app.executor.statementCount;
    const { body } = await postGraphQL(app.url, query, { where });
    expect(body.errors).toBeUndefined();
    const zones = (body.data?.zones as { edges: { node: ZoneNode }[] }).edges.map((edge) => edge.node);
    return { statements: app.executor.statementCount - before, zones };
  }

  test.each([
    [
      'zones → enterprises → zone → name',
      3,
      ZONES_ENTERPRISES_ZONE,
      (zone: ZoneNode) => zone.enterprises?.edges.length,
    ],
    // The relations' evidence comes with their page (read/relation-page reads what the selection
    // asks for next: src/graphql/selection.ts), so evidence is not a level of its own.
    [
      'zones → relations → evidence → source',
      3,
      ZONES_RELATIONS_EVIDENCE_SOURCE,
      (zone: ZoneNode) => zone.relations?.edges.length,
    ],
    // The counts and the investment sum are kept on the zone (src/ingest/derived.ts): the list
    // alone; the financings (another statement, and the instruments after it) only when asked for.
    [
      'zones → stats → counts and investment',
      1,
      ZONES_STATS_INVESTMENT,
      (zone: ZoneNode) => zone.stats?.enterpriseCount,
    ],
    // The printed amounts joined (total.raw, asked under an alias) are not kept: one statement
    // reads the amounts of the projects of every zone of the page.
    [
      'zones → stats → investment with the printed amounts',
      2,
      ZONES_STATS_INVESTMENT_RAW,
      (zone: ZoneNode) => zone.stats?.enterpriseCount,
    ],
  ])(
    '%s: exactly %i statements for the 4 seed zones and for 100 synthetic ones',
    async (_name, expected, query, children) => {
      const seed = await run(query, SEED_ZONES);
      const synthetic = await run(query, OUR_ZONES);
      // The two runs cover disjoint sets of parents of very different sizes...
      expect(seed.zones.map((zone) => zone.id).sort()).toEqual([
        'zone:jingle-modern-agriculture',
        'zone:pingyao-etdz',
        'zone:shangdang-etdz',
        'zone:shenchi-modern-agriculture',
      ]);
      expect(synthetic.zones).toHaveLength(100);
      expect(synthetic.zones.every((zone) => zone.id.startsWith(`zone:${RUN}-`))).toBe(true);
      // ...and every parent of the synthetic run has children, so each level is a real batch.
      expect(synthetic.zones.filter((zone) => (children(zone) ?? 0) > 0)).toHaveLength(100);
      expect(seed.zones.filter((zone) => (children(zone) ?? 0) > 0).length).toBeGreaterThan(0);
      // One statement per level, as docs/api.md states: the list, then one per nested level.
      expect({ seed: seed.statements, synthetic: synthetic.statements }).toEqual({
        seed: expected,
        synthetic: expected,
      });
    },
  );
});
