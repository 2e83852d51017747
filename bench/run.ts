import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createDriver } from '../src/db/driver';
import { CASES, SERVERS, type BenchCase, type Call, type ServerName, type Targets, type Vars } from './cases';
import { Client, caller, sideOf } from './client';
import { describeMachine } from './machine';
import { sequential, throughput } from './measure';
import {
  errorsBesidesTimeouts,
  saveRun,
  toMarkdown,
  type CaseResult,
  type RunResult,
  type ServerResult,
} from './results';
import { parseRunArgs, USAGE, UsageError, type RunOptions } from './options';
import { benchConfig } from './servers';
import { pickTargets } from './targets';

/**
 * `node dist/bench/run.js --size S [--iterations N] [--duration-s N] [--only CASE[,CASE]]`
 *
 * Measures every case of bench/cases.ts on the graph in the database at NEO4J_URI (bench/main.ts
 * starts the size's own Neo4j home and runs this), for three servers in the same run: ZoneGraph,
 * the F1 floor and @neo4j/graphql 7, each in its own process on loopback. Per case: each server
 * prepared and warmed up, its answer compared with the floor's; `iterations` sequential rounds
 * of one request to each server (p50, p99); then, server by server, `duration-s` seconds at 8
 * and at 32 concurrent clients. A case that fails on a server
 * is reported with its error and the run goes on. Progress on stderr; the markdown table on
 * stdout and, with the JSON, in .bench/results/<size>-<timestamp>.{json,md}.
 */

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

/**
 * A server in its own process (bench/server-process.ts; `file`: another build's, for
 * bench/cpu-pair.ts).
 */
export class ServerProcess {
  private constructor(
    readonly name: ServerName,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static start(name: ServerName, file = path.join(__dirname, 'server-process.js')): Promise<ServerProcess> {
    const child = fork(file, [name], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the ${name} server exited (${code}) before it was ready`)));
      child.once('message', (message: { type?: string; url?: string }) => {
        if (message.type === 'ready' && message.url) resolve(new ServerProcess(name, message.url, child));
      });
    });
  }

  /** The process id (its CPU time is read from /proc by bench/cpu-pair.ts). */
  get pid(): number {
    return this.child.pid as number;
  }

  rssMb(): Promise<number> {
    return new Promise((resolve) => {
      const listener = (message: { type?: string; rss?: number }): void => {
        if (message.type !== 'rss') return;
        this.child.off('message', listener);
        resolve(Math.round((message.rss ?? 0) / 2 ** 20));
      };
      this.child.on('message', listener);
      this.child.send({ type: 'rss' });
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.send({ type: 'stop' });
    });
  }
}

/** A server ready to be measured on a case: its call, its variables, and its warm answer. */
interface Ready {
  readonly call: Call;
  readonly variables: Vars;
  readonly ids: string[];
}

/**
 * Prepares one case on one server (the deep page walks to its cursor) and warms it up (caches,
 * plans, JIT). Never throws: a failure is a result.
 */
async function prepareCase(
  client: Client,
  benchCase: BenchCase,
  name: ServerName,
  url: string,
  targets: Targets,
  warmups: number,
): Promise<Ready | ServerResult> {
  const side = sideOf(benchCase, name);
  if (side === null) {
    const reason = 'unsupported' in benchCase.peer ? benchCase.peer.unsupported : '';
    return { status: 'unsupported', reason };
  }
  const call = caller(client, name, url, benchCase, side);
  let variables: Vars;
  try {
    const prepared = side.prepare ? await side.prepare(call, targets) : {};
    variables = side.variables(targets, prepared);
  } catch (error) {
    return { status: 'failed', reason: `preparing: ${error instanceof Error ? error.message : String(error)}` };
  }
  // The answer compared is the last one that came; a case fails only when none came (an error
  // in some warm-up requests, a timeout under a passing load, is counted when timing).
  let ids: string[] | null = null;
  let lastError: unknown = null;
  for (let i = 0; i < warmups; i += 1) {
    try {
      ids = side.ids(await call(variables));
    } catch (error) {
      lastError = error;
    }
  }
  if (ids === null) {
    const message = lastError instanceof Error ? lastError.message : String(lastError);
    const code = (lastError as { code?: string } | null)?.code;
    return { status: 'failed', reason: `${code ? `${code}: ` : ''}${message}` };
  }
  return { call, variables, ids };
}

const isReady = (value: Ready | ServerResult): value is Ready => 'call' in value;

/**
 * Measures one case on the three servers: prepared and warmed up, answers compared with the
 * floor's, sequential requests interleaved across the servers, then each server's throughput
 * phases in turn.
 */
async function measureCase(
  client: Client,
  benchCase: BenchCase,
  urls: ReadonlyMap<ServerName, string>,
  targets: Targets,
  options: RunOptions,
): Promise<Record<ServerName, ServerResult>> {
  const order = ['floor', 'zonegraph', 'peer'] as const;
  const ready = new Map<ServerName, Ready | ServerResult>();
  for (const name of order) {
    log(`${benchCase.name} / ${name}: preparing...`);
    ready.set(
      name,
      await prepareCase(client, benchCase, name, urls.get(name) as string, targets, Math.min(10, options.iterations)),
    );
  }
  const floor = ready.get('floor');
  const floorIds = floor !== undefined && isReady(floor) ? floor.ids : null;
  const measured = order.filter((name) => isReady(ready.get(name) as Ready | ServerResult));
  log(`${benchCase.name}: ${options.iterations} sequential rounds over ${measured.join(', ')}...`);
  const sequentials = await sequential(
    measured.map((name) => ready.get(name) as Ready),
    options.iterations,
    options.sequentialCapS * 1000,
  );
  const results = {} as Record<ServerName, ServerResult>;
  for (const name of order) {
    const state = ready.get(name) as Ready | ServerResult;
    if (!isReady(state)) {
      results[name] = state;
      log(`${benchCase.name} / ${name}: ${state.status}${state.reason ? `: ${state.reason}` : ''}`);
      continue;
    }
    const phases = [];
    for (const clients of options.clients) {
      phases.push(await throughput(state.call, state.variables, clients, options.durationS * 1000, 100_000));
    }
    const seq = sequentials[measured.indexOf(name)];
    const sameAsFloor = name === 'floor' || floorIds === null ? null : isDeepStrictEqual(state.ids, floorIds);
    results[name] = { status: 'measured', sameAsFloor, sequential: seq, throughput: phases };
    log(
      `${benchCase.name} / ${name}: p50 ${seq?.p50} ms p99 ${seq?.p99} ms, rps ` +
        `${phases.map((t) => `${t.rps}@${t.clients}`).join(' ')}${sameAsFloor === false ? ', DIFFERENT ANSWER' : ''}`,
    );
  }
  return results;
}

async function dataCounts(driver: ReturnType<typeof createDriver>, database: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const label of [
    'Entity',
    'Enterprise',
    'Zone',
    'Park',
    'Bank',
    'University',
    'Project',
    'Region',
    'Source',
    'Evidence',
  ]) {
    // A label in a literal from this fixed list: the count store answers without a scan.
    const result = await driver.executeQuery(`MATCH (n:${label}) RETURN count(n) AS n`, {}, { database });
    counts[label === 'Entity' ? 'entities' : label] = Number(result.records[0]?.get('n') ?? 0);
  }
  const relations = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n', {}, { database });
  counts.relationships = Number(relations.records[0]?.get('n') ?? 0);
  return counts;
}

export async function runBench(options: RunOptions): Promise<RunResult> {
  const config = benchConfig();
  const driver = createDriver(config.neo4j);
  const startedAt = new Date().toISOString();
  const servers: ServerProcess[] = [];
  const client = new Client(Math.max(...options.clients, 1));
  try {
    const machine = await describeMachine(driver, config.neo4j.database);
    const counts = await dataCounts(driver, config.neo4j.database);
    if ((counts.Enterprise ?? 0) === 0)
      throw new Error('the database holds no enterprise: build the graph first (npm run bench:build)');
    log(`picking targets on ${counts.entities} entities...`);
    const targets = await pickTargets(driver, config.neo4j.database);
    log(`targets: ${JSON.stringify(targets)}`);
    for (const name of SERVERS) servers.push(await ServerProcess.start(name));
    const rssBefore = new Map<ServerName, number>();
    for (const server of servers) rssBefore.set(server.name, await server.rssMb());

    const cases: CaseResult[] = [];
    const selected = CASES.filter((c) => options.only === null || options.only.includes(c.name));
    const urls = new Map(servers.map((server) => [server.name, server.url]));
    for (const benchCase of selected) {
      const results = await measureCase(client, benchCase, urls, targets, options);
      cases.push({ name: benchCase.name, title: benchCase.title, grows: benchCase.grows, servers: results });
    }
    const memory: RunResult['memory'] = {};
    for (const server of servers) {
      memory[server.name] = { rssBeforeMb: rssBefore.get(server.name) ?? 0, rssAfterMb: await server.rssMb() };
    }
    return {
      version: 1,
      size: options.size,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine,
      options: {
        iterations: options.iterations,
        durationS: options.durationS,
        sequentialCapS: options.sequentialCapS,
        clients: options.clients,
        only: options.only,
      },
      data: { counts },
      targets,
      cases,
      memory,
    };
  } finally {
    client.close();
    for (const server of servers) await server.stop();
    await driver.close();
  }
}

async function main(): Promise<void> {
  let options: RunOptions;
  try {
    options = parseRunArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  const run = await runBench(options);
  const files = saveRun(run);
  process.stdout.write(toMarkdown(run));
  log(`wrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.md)}`);
  if (options.strict) {
    // A timeout under 32 clients on a small machine is load; any other error is a fault.
    const wrong = run.cases.filter(
      (c) =>
        c.servers.zonegraph.status === 'failed' ||
        c.servers.zonegraph.sameAsFloor === false ||
        errorsBesidesTimeouts(c.servers.zonegraph) > 0,
    );
    if (wrong.length > 0) {
      log(
        `--strict: ZoneGraph failed, answered with errors other than timeouts, or answered differently ` +
          `from the floor in ${wrong.map((c) => c.name).join(', ')}`,
      );
      process.exit(1);
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
