/*
 * The write path must touch what it writes, not the whole graph: each statement that runs per
 * written item (and each statement behind a per-request DataLoader) is PROFILEd with one row on a graph holding thousands of entities, name claims,
 * facts and evidence, and its database hits must stay far below that size. A statement that
 * scans a label (as the stale-name lookup did before NameClaim.entityId was indexed) touches
 * every node of it and fails here. Statements run inside a transaction that is rolled back.
 */
import { RELATION_TYPES } from '../../src/domain/vocabulary';
import type { Driver } from 'neo4j-driver';
import { CypherRegistry } from '../../src/db/cypher';
import type { Executor } from '../../src/db/executor';
import type { QueryName } from '../../src/db/queries';
import { relationId } from '../../src/ingest/plan';
import { ingestBatch } from '../../src/ingest/writer';
import { cypher, openTestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { syntheticBatch } from '../helpers/ingest-fixtures';

const RUN = `wcost${Date.now().toString(36)}`;
const ENTITIES = 1500;
/** Far below ENTITIES: an index seek costs a handful of hits per row, a label scan thousands. */
const MAX_DB_HITS = 200;

interface PlanNode {
  operatorType: string;
  dbHits: number;
  children: PlanNode[];
}

function totalDbHits(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0);
}

function operators(plan: PlanNode): string[] {
  return [plan.operatorType.split('@')[0] ?? '', ...plan.children.flatMap(operators)];
}

describe('the write path and the loaders touch what they need, not the whole graph', () => {
  let driver: Driver;
  let executor: Executor;
  const registry = CypherRegistry.load();
  const id = (i: number): string => `enterprise:${RUN}-${i}`;

  beforeAll(async () => {
    ({ driver, executor } = await openTestDatabase());
    const batch = { ...syntheticBatch(RUN, { entities: ENTITIES, relations: 10 }), idempotencyKey: `${RUN}-key` };
    const result = await ingestBatch(executor, batch, { origin: 'test', batchSize: 1000 });
    expect(result.issues).toEqual([]);
    const [claims] = await cypher(driver, 'MATCH (c:NameClaim) RETURN count(c) AS n');
    expect(Number(claims?.n)).toBeGreaterThanOrEqual(ENTITIES);
    // On a fresh database the indexes were sampled while empty, and the planner would cost an
    // index seek against that; resample them and drop cached plans, as Neo4j does on its own
    // once the statistics have drifted, so the plans profiled are the ones a used graph gets.
    await cypher(driver, 'CALL db.prepareForReplanning()');
  });

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
    await cypher(driver, 'MATCH (l:IngestLedger) WHERE l.key STARTS WITH $run DELETE l', { run: RUN });
    await driver.close();
  });

  async function profile(name: QueryName, params: Record<string, unknown>): Promise<PlanNode> {
    const session = driver.session({ database: testConfig().neo4j.database });
    const tx = session.beginTransaction();
    try {
      const result = await tx.run(`PROFILE ${registry.get(name)}`, params);
      const plan = result.summary.profile;
      if (!plan) throw new Error(`no profile for ${name}`);
      return plan as unknown as PlanNode;
    } finally {
      await tx.rollback();
      await session.close();
    }
  }

  const cases: [QueryName, () => Record<string, unknown>][] = [
    ['ingest/claim-names', () => ({ rows: [{ id: id(7), names: [`测试企业${RUN}第7号`, 'a new alias'] }] })],
    ['ingest/lookup-names', () => ({ names: [`测试企业${RUN}第7号`] })],
    ['ingest/lookup-ids', () => ({ ids: [id(7)] })],
    ['ingest/lookup-merged', () => ({ ids: [id(7)] })],
    ['ingest/merge-entities', () => ({ rows: [{ id: id(7), label: 'Enterprise', props: { name: 'renamed' } }] })],
    [
      'ingest/merge-evidence',
      () => ({
        rows: [{ id: `${RUN}-ev`, sourceId: `source:${RUN}`, paragraph: 0, charStart: 0, charEnd: 1, quote: '测' }],
      }),
    ],
    ['ingest/replace-facts', () => ({ entities: [id(7)], factIds: [], rows: [] })],
    [
      'ingest/merge-relations',
      () => ({ rows: [{ type: 'PARTNERED_WITH', from: id(7), to: id(9), id: `${RUN}-rel`, props: { role: 'x' } }] }),
    ],
    ['ingest/ledger-find', () => ({ key: `${RUN}-key` })],
    [
      'mutations/relation-delete',
      () => ({ type: 'PARTNERED_WITH', id: relationId('PARTNERED_WITH', id(7), id(8), 'k7').id }),
    ],
    // The statements behind the per-request DataLoaders: one id each.
    ['read/entities-by-ids', () => ({ ids: [id(7)] })],
    ['read/facts-by-entity', () => ({ ids: [id(7)] })],
    ['read/entity-evidence', () => ({ ids: [id(7)] })],
    [
      'read/relations-by-ids',
      () => ({ rows: [{ type: 'PARTNERED_WITH', id: relationId('PARTNERED_WITH', id(7), id(8), 'k7').id }] }),
    ],
    ['read/region-zone-page', () => ({ ids: [id(7)], after: '', first: 20 })],
    [
      'read/relation-page',
      () => ({
        ids: [id(7)],
        types: RELATION_TYPES,
        direction: 'BOTH',
        symmetric: ['PARTNERED_WITH'],
        after: '',
        first: 20,
      }),
    ],
    ['read/relation-type-page#PARTNERED_WITH', () => ({ ids: [id(7)], out: true, in: true, after: '', first: 20 })],
  ];

  test.each(cases)('%s costs a few database hits per row, not one per node', async (name, params) => {
    const plan = await profile(name, params());
    const hits = totalDbHits(plan);
    expect({
      name,
      hits,
      scans: operators(plan).filter((op) => /LabelScan|AllNodesScan|NodeIndexScan/.test(op)),
    }).toEqual({
      name,
      hits: expect.any(Number),
      scans: [],
    });
    expect(hits).toBeLessThan(MAX_DB_HITS);
  });
});
