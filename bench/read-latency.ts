import 'reflect-metadata';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { loadSeed } from '../src/ingest/seed';

/**
 * Read-path latency of typical operations, reported as ratios against two floors measured in
 * the same run on the same machine: an HTTP GraphQL request that touches no database
 * (`{ apiVersion }`), and a trivial Cypher round trip (`RETURN 1`). Absolute milliseconds
 * depend on the machine; the ratios say what the API adds on top of the unavoidable cost.
 *
 * Usage: `npm run bench [-- --iterations N]` (loopback only; bounded in count).
 */

const CASES: Record<string, string> = {
  'search 上党': '{ search(query: "上党") { score entity { id name } } }',
  'search pinyin': '{ search(query: "shangdang") { score entity { id } } }',
  'zones + stats':
    '{ zones(orderBy: TOTAL_INVESTMENT_DESC) { edges { node { name stats { projectCount totalProjectInvestment { total { amount } } } } } } }',
  'zone relations + evidence': `{ node(id: "zone:shangdang-etdz") { ... on Zone { relations(first: 50) { edges { node { type to { name } evidence { quote source { title } } } } } } } }`,
  'neighborhood depth 2':
    '{ neighborhood(id: "zone:shangdang-etdz", depth: 2, limit: 10) { nodes { entity { name } } edges { type } } }',
  'paths 4 hops': '{ paths(from: "zone:shenchi-modern-agriculture", to: "zone:shangdang-etdz") { length } }',
  'partner suggestions': '{ partnerSuggestions(for: "enterprise:huaqing", first: 5) { score candidate { name } } }',
};

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 100_000)
    throw new Error(`${name} must be an integer from 1 to 100000`);
  return value;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function time(iterations: number, run: () => Promise<void>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < Math.min(20, iterations); i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
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

async function main(): Promise<void> {
  const iterations = argument('--iterations', 200);
  const config = loadConfig({ ...process.env, PORT: '0', NODE_ENV: 'production', SEED_ON_START: 'false' });
  const app = await createApp(config, { log: () => undefined });
  try {
    const seeded = await loadSeed(app.executor);
    if (seeded.status === 'REJECTED') throw new Error('seed rejected');
    const httpFloor = await time(iterations, () => post(app, '{ apiVersion }'));
    const dbFloor = await time(iterations, () => app.executor.ping(2000));
    const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    process.stdout.write(
      `floors (median / p95 ms): HTTP GraphQL ${httpFloor.median.toFixed(2)} / ${httpFloor.p95.toFixed(2)}, ` +
        `Cypher RETURN 1 ${dbFloor.median.toFixed(2)} / ${dbFloor.p95.toFixed(2)}; ${iterations} iterations each\n\n`,
    );
    process.stdout.write(
      `${'case'.padEnd(28)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'× HTTP floor'.padStart(13)} ${'× (HTTP+Cypher)'.padStart(16)}\n`,
    );
    for (const [name, query] of Object.entries(CASES)) {
      const result = await time(iterations, () => post(app, query));
      const ratio = result.median / httpFloor.median;
      const combined = result.median / (httpFloor.median + dbFloor.median);
      process.stdout.write(
        `${name.padEnd(28)} ${result.median.toFixed(2).padStart(10)} ${result.p95.toFixed(2).padStart(8)} ${ratio.toFixed(1).padStart(13)} ${combined.toFixed(1).padStart(16)}\n`,
      );
    }
    collect();
    const heapAfter = process.memoryUsage().heapUsed;
    process.stdout.write(
      `\nheap after the cases / after the floors, both after a full GC: ${(heapAfter / heapBefore).toFixed(2)}` +
        ' (near 1: per-request loaders are not retained)\n',
    );
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
