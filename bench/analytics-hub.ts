import 'reflect-metadata';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { ingestBatch } from '../src/ingest/writer';
import { hubBatch } from './hub-fixture';

/**
 * Analytics and search at a hub: partner suggestions, neighbourhood depth 2, paths and search
 * on the hub fixture (bench/hub-fixture.ts: one bank with `--clients` firms, one zone hosting
 * them), each as a ratio against a hand-written Cypher floor for a comparable answer, timed in
 * the same run through the same driver. The fixture is loaded once per database (it is found by
 * its prefix on later runs).
 *
 * Usage: `npm run bench:hub [-- --clients N] [--iterations N]`.
 */

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    process.stderr.write(`${name} must be an integer from 1 to 100000\n`);
    process.exit(2);
  }
  return value;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function time(iterations: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(5, iterations); i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

async function post(app: App, query: string): Promise<void> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
}

/** Followed by default: every type but MENTIONED_IN and AUTHORED (src/analytics/link-types.ts). */
const FOLLOWED =
  ':LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES';

async function main(): Promise<void> {
  const clients = argument('--clients', 5000);
  const iterations = argument('--iterations', 30);
  const prefix = `hubbench${clients}`;
  const config = loadConfig({ ...process.env, PORT: '0', NODE_ENV: 'production', SEED_ON_START: 'false' });
  const app = await createApp(config, { log: () => undefined });
  const cypher = async (text: string, params: Record<string, unknown> = {}): Promise<unknown[]> => {
    const result = await app.driver.executeQuery(text, params, { database: config.neo4j.database, routing: 'READ' });
    return result.records;
  };
  try {
    const [present] = (await cypher('MATCH (b:Entity {id: $id}) RETURN count(b) AS n', {
      id: `bank:${prefix}-hub`,
    })) as { get(key: string): unknown }[];
    if (Number(present?.get('n')) === 0) {
      process.stderr.write(`loading the hub fixture (${clients} clients)...\n`);
      const started = Date.now();
      const result = await ingestBatch(app.executor, hubBatch(prefix, clients), { origin: 'bench', batchSize: 2000 });
      if (result.status === 'REJECTED')
        throw new Error(`fixture rejected: ${JSON.stringify(result.issues.slice(0, 3))}`);
      process.stderr.write(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      await cypher('CALL db.prepareForReplanning()');
    }
    const firm = `enterprise:${prefix}-0`;
    const other = `enterprise:${prefix}-7`;
    const zone = `zone:${prefix}-zone`;
    const hub = `bank:${prefix}-hub`;
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        'suggestions, a firm of the hub bank',
        () =>
          post(
            app,
            `{ partnerSuggestions(for: "${firm}") { score candidate { id name } reasons { kind weight description } } }`,
          ),
        // Adamic–Adar top 10 over every shared neighbour, not yet linked.
        () =>
          cypher(
            `MATCH (e:Entity {id: $id})-[${FOLLOWED}]-(s:Entity)-[${FOLLOWED}]-(c:Entity)
             WHERE c <> e AND NOT EXISTS { (e)-[${FOLLOWED}]-(c) }
             WITH c, s, COUNT { (s)-[${FOLLOWED}]-() } AS degree
             WITH c, sum(1 / log(degree)) AS score
             ORDER BY score DESC, c.sortName, c.id LIMIT 10
             RETURN c.id, c.name, score`,
            { id: firm },
          ),
      ],
      [
        'suggestions, the hub zone',
        () =>
          post(
            app,
            `{ partnerSuggestions(for: "${zone}") { score candidate { id name } reasons { kind weight description } } }`,
          ),
        () =>
          cypher(
            `MATCH (e:Entity {id: $id})-[${FOLLOWED}]-(s:Entity)-[${FOLLOWED}]-(c:Entity)
             WHERE c <> e AND NOT EXISTS { (e)-[${FOLLOWED}]-(c) }
             WITH c, s, COUNT { (s)-[${FOLLOWED}]-() } AS degree
             WITH c, sum(1 / log(degree)) AS score
             ORDER BY score DESC, c.sortName, c.id LIMIT 10
             RETURN c.id, c.name, score`,
            { id: zone },
          ),
      ],
      [
        'neighborhood depth 2 at a firm of the hub',
        () =>
          post(
            app,
            `{ neighborhood(id: "${firm}", depth: 2, limit: 25) { nodes { depth degree omittedNeighbours entity { id name } } edges { id type } } }`,
          ),
        // Each level: every neighbour ranked, the first 25 kept; degrees from the degree store.
        () =>
          cypher(
            `MATCH (root:Entity {id: $id})
             CALL (root) { MATCH (root)-[r${FOLLOWED}]-(m:Entity) WITH m, min(type(r)) AS t ORDER BY t, m.sortName, m.id LIMIT 25 RETURN collect(m) AS level1 }
             UNWIND level1 AS n
             CALL (n) { MATCH (n)-[r${FOLLOWED}]-(m:Entity) WITH m, min(type(r)) AS t ORDER BY t, m.sortName, m.id LIMIT 25 RETURN collect(m) AS kept }
             UNWIND [root, n] + kept AS x
             WITH DISTINCT x
             RETURN x.id, x.name, COUNT { (x)-[${FOLLOWED}]-() } AS degree`,
            { id: firm },
          ),
      ],
      [
        'neighborhood depth 2 at the hub bank',
        () =>
          post(
            app,
            `{ neighborhood(id: "${hub}", depth: 2, limit: 25) { nodes { depth degree omittedNeighbours entity { id name } } edges { id type } } }`,
          ),
        () =>
          cypher(
            `MATCH (root:Entity {id: $id})
             CALL (root) { MATCH (root)-[r${FOLLOWED}]-(m:Entity) WITH m, min(type(r)) AS t ORDER BY t, m.sortName, m.id LIMIT 25 RETURN collect(m) AS level1 }
             UNWIND level1 AS n
             CALL (n) { MATCH (n)-[r${FOLLOWED}]-(m:Entity) WITH m, min(type(r)) AS t ORDER BY t, m.sortName, m.id LIMIT 25 RETURN collect(m) AS kept }
             UNWIND [root, n] + kept AS x
             WITH DISTINCT x
             RETURN x.id, x.name, COUNT { (x)-[${FOLLOWED}]-() } AS degree`,
            { id: hub },
          ),
      ],
      [
        'paths between two firms of the hub',
        () =>
          post(app, `{ paths(from: "${firm}", to: "${other}", first: 3) { length nodes { id } relations { id } } }`),
        () =>
          cypher(
            `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
             MATCH p = ALL SHORTEST (a) (()-[${FOLLOWED}]-(:Entity)){1,6} (b)
             RETURN [n IN nodes(p) | n.id] AS ids LIMIT 3`,
            { from: firm, to: other },
          ),
      ],
      [
        'search 安百 (thousands of matches)',
        () => post(app, '{ search(query: "安百") { score matched { text } entity { id name } } }'),
        () =>
          cypher(
            `CALL db.index.fulltext.queryNodes('entity_names_cjk', '"安百"', {limit: 10}) YIELD node, score
             RETURN node.id, node.name, score`,
          ),
      ],
    ];
    process.stdout.write(
      `hub fixture: ${clients} clients of one bank and one zone; ${iterations} iterations; ${new Date().toISOString()}\n\n`,
    );
    process.stdout.write(
      `${'case'.padEnd(44)} ${'ours ms'.padStart(9)} ${'floor ms'.padStart(9)} ${'ratio'.padStart(7)}\n`,
    );
    for (const [name, ours, floor] of cases) {
      const floorMs = await time(iterations, floor);
      let oursMs: number;
      try {
        oursMs = await time(iterations, ours);
      } catch (error) {
        // A case that fails (the old suggestions passed the transaction timeout) is reported, not fatal.
        const message = error instanceof Error ? error.message : String(error);
        process.stdout.write(
          `${name.padEnd(44)} ${'failed'.padStart(9)} ${floorMs.toFixed(1).padStart(9)}  ${message.slice(0, 80)}\n`,
        );
        continue;
      }
      process.stdout.write(
        `${name.padEnd(44)} ${oursMs.toFixed(1).padStart(9)} ${floorMs.toFixed(1).padStart(9)} ${(oursMs / floorMs).toFixed(1).padStart(7)}\n`,
      );
    }
    // Throughput: `clients` concurrent loops for a few seconds, ours and the floor's.
    const concurrency = argument('--concurrency', 16);
    const throughput = async (run: () => Promise<unknown>): Promise<{ perSecond: number; p50: number }> => {
      const samples: number[] = [];
      const end = Date.now() + 5000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < end) {
            const start = process.hrtime.bigint();
            await run();
            samples.push(Number(process.hrtime.bigint() - start) / 1e6);
          }
        }),
      );
      return { perSecond: samples.length / 5, p50: median(samples) };
    };
    const search = cases.find(([name]) => name.startsWith('search'));
    if (search !== undefined) {
      const [, ours, floor] = search;
      const floorRate = await throughput(floor);
      const oursRate = await throughput(ours);
      process.stdout.write(
        `\nsearch 安百, ${concurrency} concurrent clients for 5 s: ours ${oursRate.perSecond.toFixed(1)} req/s (p50 ${oursRate.p50.toFixed(1)} ms), ` +
          `floor ${floorRate.perSecond.toFixed(1)} req/s (p50 ${floorRate.p50.toFixed(1)} ms), ratio ${(oursRate.perSecond / floorRate.perSecond).toFixed(2)}\n`,
      );
    }
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
