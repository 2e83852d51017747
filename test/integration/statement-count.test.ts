import type { Driver } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { ingestBatch } from '../../src/ingest/writer';
import type { IngestBatch } from '../../src/ingest/types';
import { testConfig } from '../helpers/env';
import { cypher } from '../helpers/db';
import { postGraphQL } from '../helpers/graphql';

const RUN = Date.now().toString(36);
const SYNTHETIC = 300;

/** A synthetic article naming 300 zones, each hosting one firm, written through the ingest path. */
function syntheticBatch(): IngestBatch {
  const lines = Array.from({ length: SYNTHETIC }, (_, i) => `测试区${RUN}号${i}承载企业${RUN}号${i}。`);
  const text = lines.join('\n');
  const source = { id: `source:synthetic-${RUN}`, publisher: 'test', kind: 'ARTICLE' as const, text };
  return {
    sources: [source],
    entities: lines.flatMap((_line, i) => [
      {
        id: `zone:synthetic-${RUN}-${i}`,
        kind: 'ZONE' as const,
        name: `测试区${RUN}号${i}`,
        evidence: [{ source: source.id, quote: `测试区${RUN}号${i}承载` }],
      },
      {
        id: `enterprise:synthetic-${RUN}-${i}`,
        kind: 'ENTERPRISE' as const,
        name: `企业${RUN}号${i}`,
        evidence: [{ source: source.id, quote: `企业${RUN}号${i}。` }],
      },
    ]),
    relations: lines.map((_line, i) => ({
      type: 'HOSTS' as const,
      from: `zone:synthetic-${RUN}-${i}`,
      to: `enterprise:synthetic-${RUN}-${i}`,
      evidence: [{ source: source.id, quote: `测试区${RUN}号${i}承载企业${RUN}号${i}` }],
    })),
  };
}

const ZONES_ENTERPRISES_ZONE = `query ($where: EntityFilter) {
  zones(first: 100, where: $where) { edges { node { name enterprises { edges { node { name zone { name } } } } } } }
}`;
const ZONES_RELATIONS_EVIDENCE_SOURCE = `query ($where: EntityFilter) {
  zones(first: 100, where: $where) {
    edges { node { relations(first: 20) { edges { node { type evidence { quote source { title publisher } } } } } } }
  }
}`;

describe('Cypher statements per request do not grow with the number of parents', () => {
  let app: App;
  let driver: Driver;

  beforeAll(async () => {
    // Round trips, not cost limits, are under test: 100 zones × 20 relations exceeds the default cost.
    app = await createApp(testConfig({ MAX_QUERY_COST: '1000000' }), { log: () => undefined });
    driver = app.driver;
    expect((await loadSeed(app.executor)).issues).toEqual([]);
    const result = await ingestBatch(app.executor, syntheticBatch(), { origin: 'test' });
    expect(result.issues).toEqual([]);
  });

  afterAll(async () => {
    await cypher(driver, 'MATCH (n:Entity) WHERE n.id CONTAINS $run DETACH DELETE n', { run: `synthetic-${RUN}` });
    await cypher(driver, 'MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run DELETE c', { run: `synthetic-${RUN}` });
    await app.stop();
  });

  async function statements(query: string, where: Record<string, unknown>): Promise<{ count: number; zones: number }> {
    const before = app.executor.statementCount;
    const { body } = await postGraphQL(app.url, query, { where });
    expect(body.errors).toBeUndefined();
    const zones = (body.data?.zones as { edges: unknown[] }).edges.length;
    return { count: app.executor.statementCount - before, zones };
  }

  test.each([
    ['zones → enterprises → zone → name', ZONES_ENTERPRISES_ZONE, 4],
    ['zones → relations → evidence → source', ZONES_RELATIONS_EVIDENCE_SOURCE, 5],
  ])('%s: the same statement count for 4 seed zones and 100 synthetic ones', async (_name, query, depth) => {
    const seed = await statements(query, { nameContains: '区', region: null });
    const synthetic = await statements(query, { nameContains: `测试区${RUN}` });
    expect(seed.zones).toBeGreaterThanOrEqual(4);
    expect(synthetic.zones).toBe(100);
    expect(synthetic.count).toBe(seed.count);
    expect(synthetic.count).toBeLessThanOrEqual(depth + 1);
  });
});
