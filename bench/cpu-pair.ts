import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { CASES, type BenchCase, type Targets, type Vars } from './cases';
import { Client } from './client';
import { benchConfig } from './servers';
import { createDriver } from '../src/db/driver';
import { ServerProcess } from './run';
import { pickTargets } from './targets';

/**
 * The API's CPU per request, this build against another (`--base`), on one Neo4j: two ZoneGraph
 * processes run side by side and take turns, a short load window each, `rounds` times; each
 * window counts the requests answered and the CPU time (user + system) the server process used
 * for them. Turns alternate, so what slows the machine down for a while (other tenants, Neo4j's
 * collector) slows both alike: two identical builds measured 1.01x of each other, where the
 * throughput ratios of the full bench move by up to 40% between runs. It measures the API process only, not
 * Neo4j. Linux only (it reads /proc/<pid>/stat).
 *
 * usage: NEO4J_URI=bolt://... npm run bench:pair -- --base DIR [--only CASE[,CASE...]]
 *          [--rounds N] [--clients N] [--window-ms N]
 *
 * DIR holds the other build's `bench/server-process.js` (a copy of its `dist/`), inside this
 * project so that it finds its node_modules: e.g. `.bench/base` (docs/benchmarks.md).
 */

const USAGE =
  'usage: NEO4J_URI=bolt://... npm run bench:pair -- --base DIR [--only CASE[,CASE...]] [--rounds N] [--clients N] [--window-ms N]';

interface PairOptions {
  readonly base: string;
  readonly only: readonly string[] | null;
  readonly rounds: number;
  readonly clients: number;
  readonly windowMs: number;
}

function parseArgs(argv: readonly string[]): PairOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i] ?? '';
    const value = argv[i + 1];
    if (!['--base', '--only', '--rounds', '--clients', '--window-ms'].includes(key) || value === undefined) {
      throw new Error(`unknown or incomplete argument ${key}\n${USAGE}`);
    }
    values.set(key, value);
  }
  const base = values.get('--base');
  if (base === undefined) throw new Error(`--base is required\n${USAGE}`);
  const serverFile = path.resolve(base, 'bench', 'server-process.js');
  if (!fs.existsSync(serverFile))
    throw new Error(`${serverFile} does not exist: --base names a copy of a build's dist/`);
  const count = (key: string, fallback: number, max: number): number => {
    const raw = values.get(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${key} takes a whole number from 1 to ${max}`);
    return n;
  };
  const only = values.get('--only')?.split(',') ?? null;
  const unknown = (only ?? []).filter((name) => !CASES.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`no such case: ${unknown.join(', ')}`);
  return {
    base: path.resolve(base),
    only,
    rounds: count('--rounds', 6, 100),
    clients: count('--clients', 8, 64),
    windowMs: count('--window-ms', 2000, 30_000),
  };
}

/** CPU time (user + system) a process has used, in milliseconds (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function ask(client: Client, url: string, request: string, variables: Vars): Promise<unknown> {
  const answer = (await client.post(url, { query: request, variables })) as { data?: unknown; errors?: unknown };
  if (answer.errors !== undefined) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors).slice(0, 300)}`);
  return answer.data;
}

/** Sends the request from `clients` loops for `ms`; returns how many were answered. */
async function load(
  client: Client,
  url: string,
  body: { request: string; variables: Vars },
  clients: number,
  ms: number,
) {
  let answered = 0;
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        await ask(client, url, body.request, body.variables);
        answered += 1;
      }
    }),
  );
  return answered;
}

interface PairRow {
  readonly name: string;
  readonly baseMs: number;
  readonly thisMs: number;
  readonly ratio: number;
  readonly baseRequests: number;
  readonly thisRequests: number;
}

async function measureCase(
  benchCase: BenchCase,
  targets: Targets,
  servers: { base: ServerProcess; current: ServerProcess },
  options: PairOptions,
): Promise<PairRow> {
  const client = new Client(options.clients * 2);
  try {
    const side = benchCase.zonegraph;
    const prepared = side.prepare
      ? await side.prepare((variables) => ask(client, servers.current.url, side.request, variables), targets)
      : {};
    const body = { request: side.request, variables: side.variables(targets, prepared) };
    // Both answer the same before anything is counted, and both are warm.
    const [a, b] = await Promise.all([
      ask(client, servers.base.url, body.request, body.variables),
      ask(client, servers.current.url, body.request, body.variables),
    ]);
    if (JSON.stringify(side.ids(a)) !== JSON.stringify(side.ids(b))) {
      throw new Error(`${benchCase.name}: the two builds answer differently`);
    }
    for (const server of [servers.base, servers.current]) await load(client, server.url, body, options.clients, 1500);
    const totals = { base: { n: 0, cpu: 0 }, current: { n: 0, cpu: 0 } };
    for (let round = 0; round < options.rounds; round += 1) {
      const order = round % 2 === 0 ? (['base', 'current'] as const) : (['current', 'base'] as const);
      for (const which of order) {
        const server = servers[which];
        const before = cpuMs(server.pid);
        totals[which].n += await load(client, server.url, body, options.clients, options.windowMs);
        totals[which].cpu += cpuMs(server.pid) - before;
      }
    }
    const baseMs = totals.base.cpu / totals.base.n;
    const thisMs = totals.current.cpu / totals.current.n;
    return {
      name: benchCase.name,
      baseMs,
      thisMs,
      ratio: thisMs / baseMs,
      baseRequests: totals.base.n,
      thisRequests: totals.current.n,
    };
  } finally {
    client.close();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (process.platform !== 'linux') throw new Error('bench:pair reads /proc and runs on Linux only');
  const config = benchConfig();
  const driver = createDriver(config.neo4j);
  let targets: Targets;
  try {
    targets = await pickTargets(driver, config.neo4j.database);
  } finally {
    await driver.close();
  }
  const cases = CASES.filter((c) => options.only === null || options.only.includes(c.name));
  process.stderr.write(
    `[pair] ${cases.length} cases, ${options.rounds} rounds of ${options.windowMs} ms each, ${options.clients} clients\n`,
  );
  const base = await ServerProcess.start('zonegraph', path.join(options.base, 'bench', 'server-process.js'));
  const current = await ServerProcess.start('zonegraph').catch(async (error: unknown) => {
    await base.stop();
    throw error;
  });
  const rows: PairRow[] = [];
  try {
    for (const benchCase of cases) {
      const row = await measureCase(benchCase, targets, { base, current }, options);
      process.stderr.write(
        `[pair] ${row.name}: ${row.baseMs.toFixed(3)} -> ${row.thisMs.toFixed(3)} ms (${row.ratio.toFixed(3)}x)\n`,
      );
      rows.push(row);
    }
  } finally {
    await Promise.all([base.stop(), current.stop()]);
  }
  const lines = [
    `API CPU per request, this build against ${path.relative(process.cwd(), options.base) || options.base}, ${new Date().toISOString()}`,
    '',
    '| case | base ms | this ms | this / base | requests (base, this) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.baseMs.toFixed(3)} | ${r.thisMs.toFixed(3)} | ${r.ratio.toFixed(3)}× | ${r.baseRequests}, ${r.thisRequests} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
