import 'reflect-metadata';
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDriver } from '../src/db/driver';
import { CASES, SERVERS, type Call, type ServerName, type Side, type Vars } from './cases';
import { Client, caller, sideOf } from './client';
import { throughput } from './measure';
import { ROOT } from './results';
import { benchConfig } from './servers';
import { pickTargets } from './targets';

/**
 * Sizing figures for docs/operations.md: CPU per request of the API process and of Neo4j, and
 * the store size behind the page cache. On a shared machine a request rate says little about
 * a core (others take turns on it), but the CPU time a process spent serving a known number of
 * requests does: requests per core-second = requests / CPU seconds of that process.
 *
 *   NEO4J_HEAP=1g NEO4J_PAGECACHE=512m node scripts/neo4j.js run --home .bench/neo4j/S -- \
 *     node dist/bench/sizing.js --home .bench/neo4j/S [--duration-s 10] [--clients 8] [--only CASE,...]
 *       [--servers zonegraph,floor]
 *
 * With --servers zonegraph,floor the same pass runs against the floor (bench/servers.ts) too,
 * one server after the other: where the API's extra cost per request goes (its own process, or
 * Neo4j running more or costlier statements) shows beside the floor's in the same run.
 *
 * Each server runs in its own process (bench/server-process.ts), Neo4j in the wrapper's JVM; the
 * CPU of both (utime + stime from /proc) is read before and after each case's load phase, and
 * Neo4j's idle CPU (measured first, with no request) is subtracted. Progress on stderr, a
 * markdown table on stdout, the JSON in .bench/results/sizing-<time>.json.
 */

const log = (line: string): void => {
  process.stderr.write(`[sizing] ${line}\n`);
};

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds a process has used (user + system, all its threads). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** The JVM the wrapper started for `home` (scripts/neo4j.js names it in its command line). */
function neo4jPid(home: string): number {
  const absolute = path.resolve(ROOT, home);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes('zonegraph.EmbeddedNeo4j') && cmdline.includes(`-Dzonegraph.home=${absolute}`)) {
        return Number(entry);
      }
    } catch {
      // a process that ended while listed
    }
  }
  throw new Error(`no Neo4j runs for ${home}: start this under scripts/neo4j.js run --home ${home}`);
}

/** Bytes of the files under `dir` whose path (relative to it) matches `include`. */
function bytesUnder(dir: string, include: (relative: string) => boolean): number {
  let total = 0;
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (include(path.relative(dir, full))) total += fs.statSync(full).size;
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return total;
}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index < 0 ? undefined : argv[index + 1];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const home = option(argv, '--home');
  const durationS = Number(option(argv, '--duration-s') ?? 10);
  const clients = Number(option(argv, '--clients') ?? 8);
  const only = option(argv, '--only')?.split(',');
  const servers = (option(argv, '--servers') ?? 'zonegraph').split(',') as ServerName[];
  if (home === undefined || !(durationS >= 1) || !(clients >= 1) || servers.some((s) => !SERVERS.includes(s))) {
    process.stderr.write(
      'usage: node dist/bench/sizing.js --home .bench/neo4j/<size> [--duration-s N] [--clients N] [--only CASE,...] [--servers zonegraph,floor,peer]\n',
    );
    process.exit(2);
  }

  const config = benchConfig();
  const database = config.neo4j.database;
  const dbPid = neo4jPid(home);
  const databaseDir = path.resolve(ROOT, home, 'data', 'databases', database);
  // The store and the native (range, lookup) indexes live in the page cache; full-text (Lucene)
  // indexes are read through the OS file cache; transaction logs are in data/transactions.
  const store = bytesUnder(databaseDir, (file) => !file.startsWith(`schema${path.sep}`));
  const nativeIndexes = bytesUnder(path.join(databaseDir, 'schema'), (file) => !file.includes('fulltext'));
  const fulltext = bytesUnder(path.join(databaseDir, 'schema'), (file) => file.includes('fulltext'));

  const driver = createDriver(config.neo4j);
  const counts: Record<string, number> = {};
  for (const label of ['Entity', 'Enterprise', 'Source', 'Evidence']) {
    const result = await driver.executeQuery(`MATCH (n:${label}) RETURN count(n) AS n`, {}, { database });
    counts[label] = Number(result.records[0]?.get('n') ?? 0);
  }
  const relationships = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n', {}, { database });
  counts.relationships = Number(relationships.records[0]?.get('n') ?? 0);
  const targets = await pickTargets(driver, database);
  await driver.close();

  const client = new Client(clients);
  const rows: Record<string, unknown>[] = [];
  // Neo4j's own background work (checkpoints, GC) with no request, subtracted below.
  const idleStart = cpuSeconds(dbPid);
  await sleep(5000);
  const idleDbCpuPerS = (cpuSeconds(dbPid) - idleStart) / 5;
  log(`Neo4j idle: ${round(idleDbCpuPerS, 3)} CPU s per s`);

  try {
    for (const server of servers) {
      const child = fork(path.join(__dirname, 'server-process.js'), [server], {
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.once('exit', (code) => reject(new Error(`the ${server} server exited (${code}) before it was ready`)));
          child.once('message', (message: { type?: string; url?: string }) => {
            if (message.type === 'ready' && message.url) resolve(message.url);
          });
        });
        const apiPid = child.pid as number;
        for (const benchCase of CASES.filter((c) => only === undefined || only.includes(c.name))) {
          const side: Side | null = sideOf(benchCase, server);
          if (side === null) continue;
          const call: Call = caller(client, server, url, benchCase, side);
          let variables: Vars;
          try {
            variables = side.variables(targets, side.prepare ? await side.prepare(call, targets) : {});
            for (let i = 0; i < 10; i += 1) await call(variables);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            log(`${benchCase.name} (${server}): failed (${message})`);
            rows.push({ case: benchCase.name, server, failed: message });
            continue;
          }
          const api0 = cpuSeconds(apiPid);
          const db0 = cpuSeconds(dbPid);
          const phase = await throughput(call, variables, clients, durationS * 1000, 100_000);
          const apiCpu = cpuSeconds(apiPid) - api0;
          const dbCpu = Math.max(0, cpuSeconds(dbPid) - db0 - idleDbCpuPerS * phase.seconds);
          const n = phase.completed;
          const row = {
            case: benchCase.name,
            server,
            requests: n,
            failed: phase.errors + phase.timeouts,
            rps: phase.rps,
            apiCpuMsPerRequest: n > 0 ? round((apiCpu * 1000) / n, 2) : null,
            dbCpuMsPerRequest: n > 0 ? round((dbCpu * 1000) / n, 2) : null,
            requestsPerApiCore: apiCpu > 0 ? Math.round(n / apiCpu) : null,
            requestsPerDbCore: dbCpu > 0 ? Math.round(n / dbCpu) : null,
          };
          rows.push(row);
          log(JSON.stringify(row));
        }
      } finally {
        child.send({ type: 'stop' });
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
  } finally {
    client.close();
  }

  const mb = (bytes: number): number => round(bytes / 2 ** 20);
  const perMillionFirms = (bytes: number): number =>
    counts.Enterprise ? round(((bytes / counts.Enterprise) * 1_000_000) / 2 ** 30, 2) : 0;
  const result = {
    date: new Date().toISOString(),
    home,
    loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    durationS,
    clients,
    counts,
    storeMb: { store: mb(store), nativeIndexes: mb(nativeIndexes), fulltext: mb(fulltext) },
    perMillionFirmsGb: {
      pageCache: perMillionFirms(store + nativeIndexes),
      fulltextFileCache: perMillionFirms(fulltext),
    },
    idleDbCpuPerS: round(idleDbCpuPerS, 3),
    cases: rows,
  };
  const dir = path.join(ROOT, '.bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `sizing-${result.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  const lines = [
    `sizing on ${home}, ${result.date}, load average ${result.loadAverage}, ${clients} clients × ${durationS} s per case`,
    `data: ${JSON.stringify(counts)}`,
    `store ${result.storeMb.store} MB + native indexes ${result.storeMb.nativeIndexes} MB (page cache), full-text ${result.storeMb.fulltext} MB (OS file cache)`,
    `per million firms (linear): page cache ${result.perMillionFirmsGb.pageCache} GB, full-text ${result.perMillionFirmsGb.fulltextFileCache} GB`,
    '',
    '| case | server | requests | failed | rps | API CPU ms/req | Neo4j CPU ms/req | req per API core-s | req per Neo4j core-s |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) =>
      'requests' in row
        ? `| ${String(row.case)} | ${String(row.server)} | ${String(row.requests)} | ${String(row.failed)} | ${String(row.rps)} | ${String(row.apiCpuMsPerRequest)} | ${String(row.dbCpuMsPerRequest)} | ${String(row.requestsPerApiCore)} | ${String(row.requestsPerDbCore)} |`
        : `| ${String(row.case)} | ${String(row.server)} | failed: ${String(row.failed)} | | | | | | |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[sizing] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
