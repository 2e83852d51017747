import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { hashKey } from '../src/auth/api-keys';
import { jsonlLine } from '../src/ingest/export';
import { CASES, type Call, type Vars } from './cases';
import { Client, RequestError, caller } from './client';
import { benchFixture } from './fixture';
import { ROOT } from './results';
import {
  checkGoals,
  failedGoals,
  parseSoakArgs,
  sessionsLeftOpen,
  soakTable,
  SOAK_USAGE,
  SoakUsageError,
  windowStats,
  type DatabaseState,
  type Sample,
  type SoakOptions,
  type SoakResult,
  type WindowStats,
} from './soak-goals';
import { syntheticBatch, type FullBatch } from './synthetic';
import { pickTargets } from './targets';

/**
 * `npm run soak -- [--duration-s N] [--short] [--window-s N] [--json FILE] [--strict]`
 * (issue 11, "Soak").
 *
 * Starts its own Neo4j (scripts/neo4j.js start --home .neo4j/soak --fresh), loads the seed (not
 * with --short) and the bench fixture (bench/fixture.ts) through the seed and ingest CLIs while
 * ZoneGraph boots as a
 * separate process (`node dist/src/main.js`, NODE_ENV=production, two editor keys), then:
 *
 *   1. measures the maximum throughput of the mix (closed loop at 4 and 16 clients);
 *   2. takes the baseline: Neo4j's open transactions (SHOW TRANSACTIONS) and Bolt connections
 *      (dbms.listConnections) other than its own, after the probe has grown the driver's pool
 *      to its working size;
 *   3. runs the mix open-loop at 80% of that maximum for the duration, reporting each window:
 *      successful requests per second, p50/p99, errors by code, the server's RSS;
 *   4. after the load, waits up to 10 s for transactions to come back to the baseline (the
 *      connections are reported), stops the server, reads from its log how many driver sessions
 *      it still held, and checks the goals (bench/soak-goals.ts).
 *
 * The mix: the bench read cases (bench/cases.ts, ZoneGraph's side) in turn, and every 10th
 * request an `ingest` batch from one of two editors in turn (an editor API key each; each batch
 * upserts 5 of 50 firms of the editor's synthetic article with a new idempotency key; every
 * 10th batch re-sends an earlier one with its key and must come back ALREADY_APPLIED).
 *
 * Traffic goes only to 127.0.0.1; the count is bounded by rate × duration. Progress on stderr,
 * the summary table on stdout; `--strict` exits 1 when a goal fails. Neo4j and the server are
 * stopped at the end, also on failure or Ctrl-C.
 */

const HOME = path.join('.neo4j', 'soak');
const WORK = path.join(ROOT, '.bench', 'soak');
const MONITOR_AGENT = 'zonegraph-soak-monitor/1';
/** In flight at once at most; a request due beyond that is counted as not sent. */
const MAX_IN_FLIGHT = 64;
const WRITE_EVERY = 10;
const FIRMS_PER_EDITOR = 50;
const FIRMS_PER_BATCH = 5;

const log = (line: string): void => {
  process.stderr.write(`[soak] ${line}\n`);
};
/** When the process started: the whole run's clock, setup and teardown included. */
const began = performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;

/** Children to stop on the way out, whatever happens. */
let server: ChildProcess | null = null;
let neo4jStarted = false;

function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (extra.NEO4J_URI === undefined) delete env.NEO4J_URI;
  return env;
}

function startNeo4j(): string {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts', 'neo4j.js'), 'start', '--home', HOME, '--fresh'],
    {
      cwd: ROOT,
      env: childEnv({
        NEO4J_HEAP: process.env.NEO4J_HEAP ?? '1g',
        NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? '256m',
      }),
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  neo4jStarted = true;
  // The wrapper prints the URI last on stdout (a first run's Maven build may print before it).
  const uri = result.stdout.match(/bolt:\/\/127\.0\.0\.1:\d+/g)?.pop() ?? '';
  if (result.status !== 0 || uri === '') {
    throw new Error(`could not start Neo4j in ${HOME} (exit ${result.status})`);
  }
  return uri;
}

function stopNeo4j(): void {
  if (!neo4jStarted) return;
  neo4jStarted = false;
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'neo4j.js'), 'stop', '--home', HOME], {
    cwd: ROOT,
    env: childEnv({}),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (child === null || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Runs a node script with the soak's Neo4j; rejects when it fails. Does not block the event loop. */
function runTool(uri: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ NEO4J_URI: uri, NEO4J_TX_TIMEOUT_MS: '600000' }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${args.map((a) => path.relative(ROOT, a)).join(' ')} failed (exit ${code})`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

interface Editor {
  readonly name: string;
  readonly key: string;
}

async function startServer(uri: string, editors: readonly Editor[]): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  fs.mkdirSync(WORK, { recursive: true });
  const logFile = path.join(WORK, 'server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: childEnv({
      NEO4J_URI: uri,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: 'false',
      REQUIRE_API_KEY_FOR_READS: 'false',
      API_KEYS: editors.map((e) => `${e.name}:editor:${hashKey(e.key)}`).join(','),
      API_KEYS_FILE: '',
    }),
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  server = child;
  const base = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}); see ${path.relative(ROOT, logFile)}`);
    if ((await getStatus(`${base}/readyz`)) === 200) return { url: `${base}/graphql`, pid: child.pid as number };
    await sleep(250);
  }
  throw new Error(`the server was not ready within 120 s; see ${path.relative(ROOT, logFile)}`);
}

/** The resident set of a process in MB (Linux /proc), or null where it cannot be read. */
function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}

/** Open transactions and Bolt connections on Neo4j, the monitor's own left out. */
async function databaseState(driver: Driver): Promise<DatabaseState> {
  const tx = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery');
  const transactions = tx.records.filter((r) => !String(r.get('currentQuery')).startsWith('SHOW TRANSACTIONS')).length;
  let connections: number | null = null;
  try {
    const result = await driver.executeQuery(
      `CALL dbms.listConnections() YIELD connector, userAgent
       WHERE connector = 'bolt' AND NOT userAgent STARTS WITH $monitor
       RETURN count(*) AS n`,
      { monitor: MONITOR_AGENT },
    );
    connections = Number(result.records[0]?.get('n') ?? 0);
  } catch (error) {
    log(`dbms.listConnections() failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { transactions, connections };
}

async function dataCounts(driver: Driver): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const label of ['Entity', 'Zone', 'Enterprise', 'Source', 'Evidence']) {
    const result = await driver.executeQuery(`MATCH (n:${label}) RETURN count(n) AS n`);
    counts[label] = Number(result.records[0]?.get('n') ?? 0);
  }
  const relations = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n');
  counts.relationships = Number(relations.records[0]?.get('n') ?? 0);
  return counts;
}

/** One operation of the mix; resolves to null on success, else the error's code. */
type Operation = () => Promise<string | null>;

function codeOf(error: unknown): string {
  if (error instanceof RequestError) return error.code;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `CLIENT_${code}` : 'CLIENT_ERROR';
}

const INGEST = `mutation ($batch: IngestBatchInput!) {
  ingest(batch: $batch) { status idempotencyKey issues { path code message } }
}`;

interface WriteCounts {
  applied: number;
  alreadyApplied: number;
  replays: number;
}

/** An editor's batches: 5 of the 50 firms of its article in turn, each with a new key; every 10th an earlier one again. */
function editorWriter(client: Client, url: string, editor: Editor, run: string, counts: WriteCounts): Operation {
  const article: FullBatch = syntheticBatch(`soak-${run}-${editor.name}`, {
    entities: FIRMS_PER_EDITOR,
    relations: FIRMS_PER_EDITOR - 1,
  });
  const sent: { batch: unknown }[] = [];
  let next = 0;
  return async () => {
    const index = next;
    next += 1;
    let body: { batch: unknown };
    let expected: string;
    if (index % 10 === 9 && sent.length >= 5) {
      body = sent[sent.length - 5] as { batch: unknown };
      expected = 'ALREADY_APPLIED';
      counts.replays += 1;
    } else {
      const first = (index * FIRMS_PER_BATCH) % FIRMS_PER_EDITOR;
      const ids = new Set(article.entities.slice(first, first + FIRMS_PER_BATCH).map((e) => e.id));
      body = {
        batch: {
          idempotencyKey: `soak-${run}-${editor.name}-${index}`,
          sources: article.sources,
          entities: article.entities.filter((e) => ids.has(e.id)),
          relations: article.relations.filter((r) => ids.has(r.from) && ids.has(r.to)),
        },
      };
      expected = 'APPLIED';
      sent.push(body);
    }
    try {
      const answer = (await client.post(
        url,
        { query: INGEST, variables: body },
        { authorization: `Bearer ${editor.key}` },
      )) as {
        data?: { ingest?: { status?: string; issues?: { code?: string }[] } };
        errors?: { extensions?: { code?: string } }[];
      };
      if (answer.errors !== undefined && answer.errors.length > 0) {
        return answer.errors[0]?.extensions?.code ?? 'GRAPHQL_ERROR';
      }
      const status = answer.data?.ingest?.status ?? 'NO_STATUS';
      if (status === 'APPLIED') counts.applied += 1;
      else if (status === 'ALREADY_APPLIED') counts.alreadyApplied += 1;
      if (status === expected) return null;
      return answer.data?.ingest?.issues?.[0]?.code ?? `WRITE_${status}_NOT_${expected}`;
    } catch (error) {
      return codeOf(error);
    }
  };
}

/** The read cases, prepared and warmed up once each (a case that cannot be prepared stops the soak). */
async function readOperations(client: Client, url: string, driver: Driver): Promise<Operation[]> {
  const targets = await pickTargets(driver, 'neo4j');
  // Each case prepared and tried once, one after the other: the first calls plan the
  // statements on a cold server, and all at once they reached the transaction timeout.
  const operations: Operation[] = [];
  for (const benchCase of CASES) {
    const call: Call = caller(client, 'zonegraph', url, benchCase, benchCase.zonegraph);
    const prepared = benchCase.zonegraph.prepare ? await benchCase.zonegraph.prepare(call, targets) : {};
    const variables: Vars = benchCase.zonegraph.variables(targets, prepared);
    try {
      await call(variables);
    } catch (error) {
      throw new Error(`the case ${benchCase.name} fails before any load: ${codeOf(error)} ${String(error)}`);
    }
    operations.push(async () => {
      try {
        await call(variables);
        return null;
      } catch (error) {
        return codeOf(error);
      }
    });
  }
  return operations;
}

/** The mix: the read cases in turn, every 10th request a write from the editors in turn. */
function mixer(reads: readonly Operation[], writes: readonly Operation[]): () => { op: Operation; write: boolean } {
  let n = 0;
  let r = 0;
  let w = 0;
  return () => {
    n += 1;
    if (n % WRITE_EVERY === 0) {
      w += 1;
      return { op: writes[w % writes.length] as Operation, write: true };
    }
    r += 1;
    return { op: reads[r % reads.length] as Operation, write: false };
  };
}

/** Closed loop: `clients` loops of the mix for `ms`; successful requests per second. */
async function probe(
  next: () => { op: Operation; write: boolean },
  clients: number,
  ms: number,
): Promise<{ clients: number; rps: number; errors: number }> {
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + ms;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const code = await next().op();
      if (code === null) ok += 1;
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const elapsed = (performance.now() - start) / 1000;
  return { clients, rps: Math.round((ok / elapsed) * 10) / 10, errors };
}

/** Open loop at `rps` for the duration, in windows; requests due while 64 are in flight are not sent. */
async function soakLoad(
  next: () => { op: Operation; write: boolean },
  rps: number,
  options: SoakOptions,
  pid: number,
): Promise<WindowStats[]> {
  const windowCount = Math.floor(options.durationS / options.windowS);
  const samples: Sample[][] = Array.from({ length: windowCount }, () => []);
  const skipped: number[] = Array.from({ length: windowCount }, () => 0);
  const total = Math.ceil(rps * windowCount * options.windowS);
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  const windowMs = options.windowS * 1000;
  const stats: WindowStats[] = [];
  let sent = 0;
  let reported = 0;
  const report = (index: number): void => {
    // Requests sent in a window belong to it; those still in flight are reported with the next look.
    const w = windowStats(index, options.windowS, samples[index] as Sample[], skipped[index] as number, rssMb(pid));
    stats.push(w);
    const errors = Object.entries(w.errors)
      .map(([code, n]) => `${code} ×${n}`)
      .join(', ');
    log(
      `window ${index + 1}/${windowCount}: ${w.requests} requests, ${w.rps} ok/s, p50 ${w.p50} ms, p99 ${w.p99} ms, ` +
        `RSS ${w.rssMb} MB, errors ${errors || '0'}${w.skipped ? `, ${w.skipped} not sent` : ''}`,
    );
  };
  while (sent < total) {
    const elapsed = performance.now() - start;
    const index = Math.floor(elapsed / windowMs);
    if (index >= windowCount) break;
    // Windows that ended: wait for their requests in flight, then report them.
    while (reported < index) {
      report(reported);
      reported += 1;
    }
    const due = Math.min(total, Math.floor((elapsed / 1000) * rps));
    while (sent < due) {
      sent += 1;
      if (pending.size >= MAX_IN_FLIGHT) {
        skipped[index] = (skipped[index] ?? 0) + 1;
        continue;
      }
      const { op, write } = next();
      const t0 = performance.now();
      const bucket = samples[index] as Sample[];
      const p: Promise<void> = op().then((code) => {
        bucket.push({ ms: performance.now() - t0, code, write });
        pending.delete(p);
      });
      pending.add(p);
    }
    await sleep(5);
  }
  await Promise.all(pending);
  while (reported < windowCount) {
    report(reported);
    reported += 1;
  }
  return stats;
}

async function soak(options: SoakOptions): Promise<SoakResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  log(`starting Neo4j in ${HOME} (fresh)...`);
  const uri = startNeo4j();
  log(
    `Neo4j at ${uri} (${seconds(t0)} s); starting ZoneGraph (node dist/src/main.js, production) while ` +
      `${options.seed ? 'the seed and ' : ''}the bench fixture (${options.fixtureFirms} firms) load${options.seed ? '' : 's'}...`,
  );
  const run = randomBytes(4).toString('hex');
  const editors: Editor[] = ['editor1', 'editor2'].map((name) => ({
    name,
    key: `zg_soak_${randomBytes(24).toString('base64url')}`,
  }));
  // The server boots (migrations, plan warm-up) while the CLIs load the data: both take the
  // migration lease in turn (src/db/boot-lock.ts), and neither depends on the other's data.
  const booting = startServer(uri, editors);
  booting.catch(() => undefined);
  if (options.seed) await runTool(uri, [path.join(ROOT, 'dist', 'src', 'tools', 'seed.js')]);
  fs.mkdirSync(WORK, { recursive: true });
  const fixture = benchFixture('soakfx', options.fixtureFirms);
  const fixtureFile = path.join(WORK, 'fixture.jsonl');
  fs.writeFileSync(
    fixtureFile,
    [
      ...fixture.batch.sources.map((source) => jsonlLine({ source })),
      ...fixture.batch.entities.map((entity) => jsonlLine({ entity })),
      ...fixture.batch.relations.map((relation) => jsonlLine({ relation })),
    ].join(''),
  );
  await runTool(uri, [path.join(ROOT, 'dist', 'src', 'tools', 'ingest.js'), fixtureFile, '--batch-size', '2000']);

  const monitor = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'unused'), { userAgent: MONITOR_AGENT });
  const client = new Client(MAX_IN_FLIGHT + 16, 30_000);
  try {
    const data = await dataCounts(monitor);
    log(`graph: ${JSON.stringify(data)} (${seconds(t0)} s); waiting for ZoneGraph...`);
    const { url, pid } = await booting;
    log(`ZoneGraph ready at ${url} (pid ${pid}, ${seconds(t0)} s); preparing the cases...`);
    const reads = await readOperations(client, url, monitor);
    const counts: WriteCounts = { applied: 0, alreadyApplied: 0, replays: 0 };
    const writes = editors.map((editor) => editorWriter(client, url, editor, run, counts));
    const next = mixer(reads, writes);
    const setupS = seconds(t0);

    log(
      `setup took ${setupS} s; measuring the maximum throughput of the mix (${options.probeS} s at 4 and at 16 clients)...`,
    );
    const probes = [await probe(next, 4, options.probeS * 1000), await probe(next, 16, options.probeS * 1000)];
    const maxRps = Math.max(...probes.map((p) => p.rps));
    const targetRps = Math.max(1, Math.round(maxRps * 0.8 * 10) / 10);
    log(`probe: ${probes.map((p) => `${p.rps} req/s at ${p.clients} (${p.errors} errors)`).join(', ')}`);
    await sleep(1000);
    const baseline = await databaseState(monitor);
    log(`baseline: ${baseline.transactions} transactions, ${baseline.connections ?? 'n/a'} connections`);

    log(`load: ${targetRps} req/s for ${options.durationS} s in windows of ${options.windowS} s...`);
    const windows = await soakLoad(next, targetRps, options, pid);
    const endMb = rssMb(pid);
    let after = await databaseState(monitor);
    // Transactions are judged; connections only reported (the driver keeps the idle connections
    // its pool grew to), so waiting for them would spend the whole 10 s on every run they grew.
    for (let i = 0; i < 20; i += 1) {
      if (after.transactions <= baseline.transactions) break;
      await sleep(500);
      after = await databaseState(monitor);
    }
    log(`after: ${after.transactions} transactions, ${after.connections ?? 'n/a'} connections`);
    // The server stops now, so that its log says how many driver sessions it still held.
    await stopServer();
    const sessionsAtStop = sessionsLeftOpen(fs.readFileSync(path.join(WORK, 'server.log'), 'utf8'));
    log(`driver sessions open when the server stopped: ${sessionsAtStop ?? 'not reported'}`);
    const rss = { afterWarmupMb: windows[0]?.rssMb ?? null, endMb };
    const result: Omit<SoakResult, 'goals'> = {
      version: 1,
      startedAt,
      finishedAt: new Date().toISOString(),
      options,
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) },
      setupS,
      data,
      probe: probes,
      maxRps,
      targetRps,
      windows,
      rss,
      database: { baseline, after },
      sessionsAtStop,
      writes: { ...counts },
    };
    return { ...result, goals: checkGoals(result) };
  } finally {
    client.close();
    await monitor.close();
  }
}

async function main(): Promise<void> {
  let options: SoakOptions;
  try {
    options = parseSoakArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof SoakUsageError) {
      process.stderr.write(`${error.message}\n${SOAK_USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  const cleanup = async (): Promise<void> => {
    await stopServer();
    stopNeo4j();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the server and Neo4j`);
      void cleanup().then(() => process.exit(130));
    });
  }
  let result: SoakResult;
  try {
    result = await soak(options);
  } finally {
    log(`stopping the server and Neo4j (${seconds(began)} s)...`);
    await cleanup();
    log(`stopped (${seconds(began)} s)`);
  }
  process.stdout.write(soakTable(result));
  if (options.json !== null) {
    fs.writeFileSync(path.resolve(options.json), `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${options.json}`);
  }
  const failed = failedGoals(result.goals);
  if (options.strict && failed.length > 0) {
    log(`--strict: ${failed.length} goal(s) failed`);
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[soak] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
