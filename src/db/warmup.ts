import { AnalyticsRepository } from '../analytics/analytics.repository';
import { DEFAULT_FOLLOWED_TYPES } from '../analytics/link-types';
import { EntityRepository } from '../entities/entity.repository';
import { LIST_ORDER_NAMES } from '../domain/list-orders';
import { RELATION_TYPES } from '../domain/vocabulary';
import { graphLookup } from '../ingest/graph-lookup';
import { planBatch } from '../ingest/plan';
import type { IngestBatch } from '../ingest/types';
import { validateBatch } from '../ingest/validate';
import { writeChunk } from '../ingest/writer';
import type { Executor } from './executor';
import { PATH_HOPS } from './queries';

const NOBODY = 'warmup:nobody';

/** Thrown at the end of the warm-up write so that its transaction rolls back. */
class RollBack extends Error {}

/** A tiny batch that takes every statement of the write path once; it is never committed. */
function warmUpBatch(): IngestBatch {
  const source = 'source:warmup-rolled-back';
  const text = '预热甲企业与预热乙企业合作，员工10人。';
  const entity = (id: string, name: string) => ({
    id,
    kind: 'ENTERPRISE' as const,
    name,
    evidence: [{ source, quote: name }],
    facts: [{ key: 'employment', value: '10人', evidence: [{ source, quote: '员工10人' }] }],
  });
  return {
    sources: [{ id: source, publisher: 'warm-up', kind: 'ARTICLE', text }],
    entities: [entity('enterprise:warmup-a', '预热甲企业'), entity('enterprise:warmup-b', '预热乙企业')],
    relations: [
      {
        type: 'PARTNERED_WITH',
        from: 'enterprise:warmup-a',
        to: 'enterprise:warmup-b',
        evidence: [{ source, quote: '预热甲企业与预热乙企业合作' }],
      },
    ],
  };
}

/**
 * Plans the statements of the write path and of the common reads once at boot, before the
 * server says it is ready. Neo4j plans a statement the first time it sees it; a write's chunk
 * runs a dozen statements in one transaction, and on a busy machine a first write could spend
 * its whole transaction timeout planning them. The write path runs on a tiny batch inside a
 * transaction that is rolled back, and the reads ask for an id no entity has, so nothing is
 * written or read. Plans are cached per database: every server after the first finds them.
 * `executor` should have a generous timeout.
 */
export async function warmUpPlans(
  executor: Executor,
  log: (line: string) => void,
  scope: 'all' | 'writes' = 'all',
): Promise<void> {
  const started = Date.now();
  const timed = async (work: () => Promise<void>): Promise<string> => {
    const t0 = Date.now();
    await work();
    return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  };
  if (scope === 'writes') {
    // After Neo4j restarts, under load: clients' reads plan their one or two statements within
    // their timeout, and planning them here too would only take CPU from them. A write's chunk
    // runs about twenty statements in one transaction; those are planned here, while writes wait.
    await warmUpWrite(executor, log);
    log(`query plans warmed up in ${((Date.now() - started) / 1000).toFixed(1)} s (write path)`);
    return;
  }
  // Planning is CPU work in Neo4j: the reads (each in a transaction of its own) and the write
  // path are planned side by side, which on two cores takes about 7 s of a cold start, not 11.
  const [reads, write] = await Promise.all([
    timed(() => warmUpReads(executor)),
    timed(() => warmUpWrite(executor, log)),
  ]);
  log(
    `query plans warmed up in ${((Date.now() - started) / 1000).toFixed(1)} s (reads ${reads}, write path ${write}, side by side)`,
  );
}

async function warmUpReads(executor: Executor): Promise<void> {
  const repo = new EntityRepository(executor);
  const analytics = new AnalyticsRepository(executor);
  const page = { first: 1, after: null };
  const ids = [NOBODY];
  const filters = [{ zone: NOBODY, industry: NOBODY }, { region: NOBODY }];
  const statements: (() => Promise<unknown>)[] = [
    ...LIST_ORDER_NAMES.map((order) => () => repo.listPage('ENTERPRISE', {}, order, page)),
    ...filters.map((filter) => () => repo.listPage('ENTERPRISE', filter, 'NAME_ASC', page)),
    ...filters.map((filter) => () => repo.listCount('ENTERPRISE', filter)),
    () => repo.memberPages(ids, { kind: 'ENTERPRISE', ...page }),
    () => repo.zoneProjectInvestments(ids),
    () => repo.relationPages(ids, { types: null, direction: 'BOTH', ...page }),
    // A page of one type is a statement per type (read/relation-type-page#TYPE); node(id) reads
    // the entity with it, so the first `node(id) { relations(types: [T]) }` of each type would
    // otherwise plan it (0.2-0.4 s).
    ...RELATION_TYPES.map((type) => () => repo.relationPages(ids, { types: [type], direction: 'BOTH', ...page })),
    () => repo.entitiesByIds(ids),
    // The analytics statements are the largest to plan (suggestions 1-2 s on a cold Neo4j, more
    // under load): planned here, the first client to ask does not spend its timeout on it.
    () => analytics.planSuggestions(NOBODY),
    () => analytics.neighborhood(NOBODY, 2, 1, DEFAULT_FOLLOWED_TYPES),
    // Both path statements of each bound: the followed types named (the default), any other list tested.
    ...PATH_HOPS.flatMap((hops) =>
      [DEFAULT_FOLLOWED_TYPES, RELATION_TYPES].map(
        (types) => () => analytics.shortestPaths(NOBODY, `${NOBODY}-2`, Number(hops), 1, types, 120_000),
      ),
    ),
  ];
  await inTurn(statements, WARM_UP_CONCURRENCY);
}

/**
 * How many of the warm-up's reads run at once. Planning is CPU work on Neo4j's side, so more
 * at once plans no faster on a small machine, and each read holds a driver connection: all of
 * them at once (about 55, suggestions' own draws included) took more than the pool's 50, and on
 * a cold Neo4j the last waited past the 10 s acquisition timeout and failed the start.
 */
export const WARM_UP_CONCURRENCY = 8;

/** Runs `tasks` at most `limit` at a time, each as soon as one before it ends; fails as the first that fails. */
export async function inTurn(tasks: readonly (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next] as () => Promise<unknown>;
      next += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}

async function warmUpWrite(executor: Executor, log: (line: string) => void): Promise<void> {
  const batch = warmUpBatch();
  await validateBatch(batch, graphLookup(executor));
  const texts = new Map((batch.sources ?? []).map((source) => [source.id, source.text]));
  const [chunk] = planBatch(batch, texts, 500).chunks;
  await executor
    .writeTransaction(
      async (tx) => {
        await tx.query('ingest/ledger-find', { key: NOBODY });
        if (chunk !== undefined) await writeChunk(tx, chunk);
        // A batch with projects also keeps its zones' investment sums (src/ingest/derived.ts).
        await tx.query('ingest/zone-investment', { rows: [] });
        throw new RollBack();
      },
      { tag: 'warmup' },
    )
    .catch((error: unknown) => {
      // Planning is what the warm-up is for; a write it could not finish (a name someone
      // really holds) has still planned its statements, and is rolled back like the rest.
      if (!(error instanceof RollBack)) log(`warm-up write stopped early: ${(error as Error).message}`);
    });
}

/**
 * After the boot loaded the seed and the catalogue into an empty graph. The plans made at
 * start-up were made on the empty graph, and Neo4j makes a plan again when the statistics it was
 * made on have changed this much: on the first requests that use it, seconds each inside their
 * timeouts (the first partnerSuggestions of a fresh `npm start` took 2.5 s). This resamples the
 * indexes, drops the cached plans and plans again on the loaded graph, before the server says it
 * is ready. A Neo4j user not allowed to drop plans only costs the first requests that time.
 */
export async function replanAfterLoad(executor: Executor, log: (line: string) => void): Promise<void> {
  try {
    await executor.read('system/replan', {}, { timeoutMs: 300_000 });
  } catch (error) {
    log(
      `could not drop the plans made on the empty graph (${(error as Error).message}); the first requests plan them again`,
    );
    return;
  }
  await warmUpPlans(executor, log);
}
