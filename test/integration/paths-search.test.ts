/*
 * The path search (cypher/queries/analytics/paths.cypher) goes length by length and meets in the
 * middle of each length with a hash join, where it used Neo4j's ALL SHORTEST search (seconds at
 * a million firms once the search reached a hub bank). It must answer exactly what that search
 * answers: every shortest path within the bound through the types asked for, in the same order,
 * the first `first`. Checked here against ALL SHORTEST itself, on generated pairs of three graphs
 * written through the ingest path (the bench fixture, the hub fixture and the seed), for every
 * bound, random type sets and random `first`.
 */
import fc from 'fast-check';
import type { Driver } from 'neo4j-driver';
import { hubBatch } from '../../bench/hub-fixture';
import { benchFixture } from '../../bench/fixture';
import { pathsStatement } from '../../src/analytics/analytics.repository';
import { DEFAULT_FOLLOWED_TYPES } from '../../src/analytics/link-types';
import type { Executor } from '../../src/db/executor';
import { RELATION_TYPES, type RelationTypeName } from '../../src/domain/vocabulary';
import { loadSeed } from '../../src/ingest/seed';
import { ingestBatch } from '../../src/ingest/writer';
import { cypher, openTestDatabase } from '../helpers/db';
import { removeRun, runToken } from '../helpers/isolation';

const RUN = runToken('pathsq');
const STARTED = new Date();

/** The reference: Neo4j's own search for every shortest path, ordered as the API orders paths. */
const reference = (maxHops: number): string => `
  MATCH (a:Entity {id: $from})
  MATCH (b:Entity {id: $to})
  MATCH p = ALL SHORTEST (a) (()-[r WHERE type(r) IN $types]-(:Entity)){1,${maxHops}} (b)
  WITH p
  ORDER BY [n IN nodes(p) | n.sortName], [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
  LIMIT toInteger($first)
  RETURN collect({nodes: [n IN nodes(p) | n.id], relations: [r IN relationships(p) | r.id]}) AS paths`;

interface Ask {
  from: string;
  to: string;
  maxHops: number;
  types: readonly RelationTypeName[];
  first: number;
}

interface Found {
  nodes: string[];
  relations: string[];
}

describe('the path search answers what ALL SHORTEST answers', () => {
  let driver: Driver;
  let executor: Executor;
  /** The entity ids of each graph: pairs are drawn within one graph mostly, across graphs sometimes. */
  let components: string[][];

  const search = async (ask: Ask): Promise<Found[]> => {
    const [row] = await executor.read(pathsStatement(ask.maxHops, ask.types), {
      ...ask,
      entityProps: ['id'],
      relProps: [],
    });
    expect(row?.fromFound).toBe(true);
    expect(row?.toFound).toBe(true);
    return (row?.paths as { nodes: unknown[][]; relations: { id: string }[] }[]).map((path) => ({
      nodes: path.nodes.map((node) => String(node[0])),
      relations: path.relations.map((relation) => relation.id),
    }));
  };

  const expected = async (ask: Ask): Promise<Found[]> => {
    const [row] = await cypher(driver, reference(ask.maxHops), { ...ask });
    return row?.paths as Found[];
  };

  beforeAll(async () => {
    ({ driver, executor } = await openTestDatabase());
    // The seed is the one shared fixture: loaded by whichever file needs it first, never changed.
    expect((await loadSeed(executor)).issues).toEqual([]);
    const batches = [
      { ...benchFixture(`${RUN}b`, 80).batch, idempotencyKey: `${RUN}-bench` },
      { ...hubBatch(`${RUN}h`, 40), idempotencyKey: `${RUN}-hub` },
    ];
    for (const batch of batches) {
      const result = await ingestBatch(executor, batch, { origin: 'test', batchSize: 1000, timeoutMs: 120_000 });
      expect(result.issues).toEqual([]);
    }
    const ids = async (where: string): Promise<string[]> =>
      (await cypher(driver, `MATCH (n:Entity) WHERE ${where} RETURN n.id AS id ORDER BY id`, { run: RUN })).map((row) =>
        String(row.id),
      );
    components = [
      await ids(`n.id CONTAINS $run + 'b-'`),
      await ids(`n.id CONTAINS $run + 'h-'`),
      await ids(`NOT n.id CONTAINS $run`),
    ];
    for (const component of components) expect(component.length).toBeGreaterThan(20);
  }, 300_000);

  afterAll(async () => {
    expect(await removeRun(driver, RUN, STARTED)).toBe(0);
    await driver.close();
  }, 120_000);

  test('generated pairs, bounds, type sets and page sizes: the same paths in the same order', async () => {
    const lengths = new Map<number, number>();
    const statements = new Set<string>();
    const pair = fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .nat(2)
          .chain((c) => fc.tuple(fc.constantFrom(...components[c]!), fc.constantFrom(...components[c]!))),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...components.flat()), fc.constantFrom(...components.flat())) },
    );
    const types = fc.oneof(
      // The followed types, in any order: the statement that names them.
      fc.shuffledSubarray([...DEFAULT_FOLLOWED_TYPES], { minLength: DEFAULT_FOLLOWED_TYPES.length }),
      // Geography only: two firms of two zones meet through their cities and province (5 or 6).
      fc.constant<RelationTypeName[]>(['LOCATED_IN', 'PART_OF', 'HOSTS']),
      fc.subarray([...RELATION_TYPES], { minLength: 1 }),
    );
    await fc.assert(
      fc.asyncProperty(
        pair,
        fc.integer({ min: 1, max: 6 }),
        types,
        fc.integer({ min: 1, max: 10 }),
        async ([from, to], maxHops, typeSet, first) => {
          fc.pre(from !== to);
          const ask = { from, to, maxHops, types: typeSet, first };
          const answer = await search(ask);
          expect(answer).toEqual(await expected(ask));
          const length = answer[0]?.relations.length ?? 0;
          lengths.set(length, (lengths.get(length) ?? 0) + 1);
          statements.add(pathsStatement(maxHops, typeSet).split('#')[0] ?? '');
        },
      ),
      { numRuns: 200, seed: 20261207 },
    );
    // The pairs drawn reach every length the search has a stage for, and none at all, through
    // both statements: the followed types named, and any list tested relation by relation.
    expect([...lengths.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...statements].sort()).toEqual(['analytics/paths', 'analytics/paths-followed']);
  }, 600_000);

  test('an end that does not exist is named alone, whichever end it is', async () => {
    const known = `enterprise:${RUN}h-4`;
    const missing = `enterprise:${RUN}h-none`;
    for (const [from, to] of [
      [known, missing],
      [missing, known],
      [missing, `${missing}-2`],
    ]) {
      const [row] = await executor.read(pathsStatement(4, DEFAULT_FOLLOWED_TYPES), {
        from,
        to,
        first: 3,
        types: DEFAULT_FOLLOWED_TYPES,
        entityProps: ['id'],
        relProps: [],
      });
      expect(row).toEqual({ fromFound: from === known, toFound: to === known, paths: [] });
    }
  });

  test('every path of the shortest length, none longer: more paths than `first` are cut in order', async () => {
    // Two clients of the hub meet through the bank, the zone and their group's project: three paths of 2.
    const ask = {
      from: `enterprise:${RUN}h-4`,
      to: `enterprise:${RUN}h-7`,
      maxHops: 6,
      types: [...DEFAULT_FOLLOWED_TYPES],
      first: 10,
    };
    const all = await search(ask);
    expect(all.map((path) => path.nodes[1])).toEqual((await expected(ask)).map((path) => path.nodes[1]));
    expect(new Set(all.map((path) => path.relations.length))).toEqual(new Set([2]));
    expect(all.length).toBe(3);
    expect(await search({ ...ask, first: 2 })).toEqual(all.slice(0, 2));
    // Through one type only, the shortest way is longer, and beyond the bound there is none.
    const financed = await search({ ...ask, types: ['FINANCED_BY'] });
    expect(financed.map((path) => path.nodes)).toEqual([[ask.from, `bank:${RUN}h-hub`, ask.to]]);
    expect(await search({ ...ask, types: ['PART_OF'] })).toEqual([]);
    expect(await search({ ...ask, maxHops: 1 })).toEqual([]);
  });
});
