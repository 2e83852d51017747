import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../src/config';
import { CypherRegistry, PROJECT_ROOT } from '../src/db/cypher';
import { createDriver } from '../src/db/driver';
import { Executor, type QueryRunner } from '../src/db/executor';
import { migrate } from '../src/db/migrations';
import { KIND_LABEL, RELATION_TYPES, type EntityKindName, type RelationTypeName } from '../src/domain/vocabulary';
import { planBatch, type WriteChunk } from '../src/ingest/plan';
import type { IngestBatch } from '../src/ingest/types';
import { FILE_BATCH_SIZE, ingestBatch, type IngestProfile } from '../src/ingest/writer';
import {
  defaultOutDir,
  generateNationalGraph,
  GENERATOR_VERSION,
  MAX_FIRMS,
  SIZES,
  type Manifest,
} from './national/generate';

/**
 * `npm run bench:load -- (--firms N | --size S|M|L) [--seed S] [--batch-size B] [--keep]`
 *
 * How fast does the write path load a national graph, against the fastest plain way to write
 * the same rows? It takes the generated graph (`npm run bench:data`, generated here when
 * missing), and in one run:
 *
 * 1. the floor: on a fresh Neo4j (`.neo4j/bench-load-floor`) with the same schema, the rows the
 *    planner makes of each file, written chunk by chunk with plain `UNWIND … MERGE` statements
 *    (static labels and types, no validation, no lookups, no name checks, no ledger); files are
 *    read and planned before the clock starts;
 * 2. the ingest: on another fresh Neo4j (`.neo4j/bench-load-ingest`), each file through the
 *    write path as `npm run ingest -- DIR` loads it (read, validate, plan, write with ledger
 *    rows), timed from reading the file.
 *
 * It prints records/s of both (records = input lines: sources, entities, relations), their
 * ratio, where the ingest's time went (validation, lookups, planning, each statement, commits),
 * and checks that both graphs hold the manifest's counts. Heap and page cache of both
 * databases follow NEO4J_HEAP and NEO4J_PAGECACHE (scripts/neo4j.js).
 */

const USAGE = `usage: npm run bench:load -- (--firms N | --size S|M|L) [--seed S] [--batch-size B] [--keep]

  --firms N / --size X   the graph to load (as npm run bench:data; generated when missing)
  --seed S               its seed (default 1)
  --batch-size B         input items per transaction, for both runs (default ${FILE_BATCH_SIZE}, as npm run ingest)
  --only floor|ingest    run one side only (no ratio)
  --files N              only the first N files of the graph, in order (a prefix: counts are not checked)
  --keep                 keep both databases' files (default: removed after the run)`;

interface Options {
  readonly firms: number;
  readonly seed: number;
  readonly batchSize: number;
  readonly only: 'floor' | 'ingest' | null;
  readonly keep: boolean;
  readonly files: number | null;
}

function parseArgs(argv: readonly string[]): Options {
  let firms: number | undefined;
  let seed = 1;
  let batchSize = FILE_BATCH_SIZE;
  let only: Options['only'] = null;
  let keep = false;
  let files: number | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i] as string;
    const value = (): string => {
      const given = argv[(i += 1)];
      if (given === undefined) throw new Error(`${name} needs a value`);
      return given;
    };
    const integer = (raw: string, min: number, max: number): number => {
      const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(parsed >= min && parsed <= max)) throw new Error(`${name} must be an integer from ${min} to ${max}`);
      return parsed;
    };
    if (name === '--firms') firms = integer(value(), 1, MAX_FIRMS);
    else if (name === '--size') {
      const raw = value();
      if (!Object.hasOwn(SIZES, raw)) throw new Error('--size must be S, M or L');
      firms = SIZES[raw as keyof typeof SIZES];
    } else if (name === '--seed') seed = integer(value(), 0, 2 ** 32 - 1);
    else if (name === '--batch-size') batchSize = integer(value(), 1, 50_000);
    else if (name === '--only') {
      const raw = value();
      if (raw !== 'floor' && raw !== 'ingest') throw new Error('--only must be floor or ingest');
      only = raw;
    } else if (name === '--keep') keep = true;
    else if (name === '--files') files = integer(value(), 1, 10_000);
    else throw new Error(`unknown argument ${name}`);
  }
  if (firms === undefined) throw new Error('give --firms N or --size S|M|L');
  return { firms, seed, batchSize, only, keep, files };
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const now = (): number => performance.now();
const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** The generated graph, made when it is missing or was made by another generator version. */
function dataset(options: Options): { dir: string; manifest: Manifest } {
  const dir = defaultOutDir(options.firms, options.seed);
  const file = path.join(dir, 'manifest.json');
  if (fs.existsSync(file)) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
    if (manifest.generator.version === GENERATOR_VERSION) return { dir, manifest };
  }
  log(`bench:load: generating ${options.firms} firms (seed ${options.seed}) into ${dir}`);
  const manifest = generateNationalGraph({ firms: options.firms, seed: options.seed, outDir: dir, onProgress: log });
  return { dir, manifest };
}

/** Reads one .jsonl batch file (as the ingest CLI does). */
function readBatch(file: string): IngestBatch {
  const batch: Required<Omit<IngestBatch, 'idempotencyKey'>> & { idempotencyKey?: string } = {
    sources: [],
    entities: [],
    relations: [],
  };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line) as Record<string, unknown>;
    if ('idempotencyKey' in record) batch.idempotencyKey = String(record.idempotencyKey);
    else if ('source' in record) batch.sources.push(record.source as never);
    else if ('entity' in record) batch.entities.push(record.entity as never);
    else if ('relation' in record) batch.relations.push(record.relation as never);
  }
  return batch;
}

const records = (batch: IngestBatch): number =>
  (batch.sources?.length ?? 0) + (batch.entities?.length ?? 0) + (batch.relations?.length ?? 0);

/** A local Neo4j of its own, started fresh through the wrapper. */
function startDatabase(home: string): { uri: string; pid: number } {
  const env = { ...process.env };
  delete env.NEO4J_URI;
  const started = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'scripts', 'neo4j.js'), 'start', '--home', home, '--fresh'],
    { cwd: PROJECT_ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const uri = started.stdout.trim().split('\n').pop() ?? '';
  if (started.status !== 0 || !/^bolt:\/\//.test(uri)) throw new Error(`could not start Neo4j in ${home}`);
  const state = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, home, 'state.json'), 'utf8')) as { pid: number };
  return { uri, pid: state.pid };
}

/**
 * CPU seconds a process has used (user + system, from /proc): unlike wall time, it hardly
 * changes when other work shares the machine, so it shows where the work is.
 */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU seconds of this Node process. */
function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function stopDatabase(home: string, keep: boolean): void {
  spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'neo4j.js'), 'stop', '--home', home], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!keep) fs.rmSync(path.join(PROJECT_ROOT, home), { recursive: true, force: true });
}

async function openDatabase(uri: string): Promise<{ driver: Driver; executor: Executor }> {
  const config = loadConfig({ ...process.env, NEO4J_URI: uri, SEED_ON_START: 'false' });
  const driver = createDriver(config.neo4j);
  const executor = new Executor(driver, CypherRegistry.load(), {
    database: config.neo4j.database,
    defaultTimeoutMs: 600_000,
  });
  await migrate(executor);
  return { driver, executor };
}

/** Milliseconds and calls per statement name (and per phase). */
class Timings {
  readonly entries = new Map<string, { ms: number; calls: number }>();

  add(name: string, ms: number): void {
    const entry = this.entries.get(name) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    this.entries.set(name, entry);
  }
}

/**
 * The executor with every statement timed by name, and each transaction's time outside its
 * statements (begin, commit, retries) under "transaction begin/commit".
 */
function timedExecutor(executor: Executor, timings: Timings): Executor {
  const wrap =
    <T>(work: (tx: QueryRunner) => Promise<T>) =>
    async (tx: QueryRunner): Promise<T> =>
      work({
        query: async (name, params) => {
          const started = now();
          try {
            return await tx.query(name, params);
          } finally {
            timings.add(name, now() - started);
          }
        },
      });
  return new Proxy(executor, {
    get(target, property, receiver) {
      if (property === 'writeTransaction' || property === 'readTransaction') {
        return async <T>(work: (tx: QueryRunner) => Promise<T>, options: unknown): Promise<T> => {
          const started = now();
          const before = [...timings.entries.values()].reduce((sum, entry) => sum + entry.ms, 0);
          try {
            return await (target[property] as (w: typeof work, o: unknown) => Promise<T>).call(
              target,
              wrap(work),
              options,
            );
          } finally {
            const inside = [...timings.entries.values()].reduce((sum, entry) => sum + entry.ms, 0) - before;
            timings.add('transaction begin/commit', now() - started - inside);
          }
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

const ENTITY_LABELS = Object.entries(KIND_LABEL) as [EntityKindName, string][];

/**
 * The floor's statements: the plainest `UNWIND … MERGE` for each kind of row, with the label or
 * relationship type written into the text (from the allowlists) instead of `$(…)`.
 */
const FLOOR = {
  entities: (label: string): string =>
    `UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n += row.props, n:${label}`,
  claims: 'UNWIND $rows AS row UNWIND row.names AS name MERGE (c:NameClaim {text: name}) SET c.entityId = row.id',
  evidence:
    'UNWIND $rows AS row MATCH (s:Source {id: row.sourceId}) MERGE (e:Evidence {id: row.id}) ' +
    'SET e.sourceId = row.sourceId, e.paragraph = row.paragraph, e.charStart = row.charStart, e.charEnd = row.charEnd, e.quote = row.quote ' +
    'MERGE (e)-[:IN_SOURCE]->(s)',
  facts:
    'UNWIND $rows AS row MATCH (n:Entity {id: row.entityId}) MERGE (f:Fact {id: row.id}) SET f += row.props MERGE (n)-[:HAS_FACT]->(f)',
  relations: (type: string): string =>
    `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:${type} {id: row.id}]->(b) SET r += row.props`,
};

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group === undefined) groups.set(key(row), [row]);
    else group.push(row);
  }
  return groups;
}

/** One chunk written the plain way, in one transaction. */
async function writeFloorChunk(driver: Driver, database: string, chunk: WriteChunk, timings: Timings): Promise<void> {
  const session = driver.session({ database });
  const started = now();
  let inside = 0;
  try {
    await session.executeWrite(async (tx) => {
      const run = async (name: string, text: string, rows: unknown[]): Promise<void> => {
        if (rows.length === 0) return;
        const at = now();
        await tx.run(text, { rows });
        timings.add(name, now() - at);
        inside += now() - at;
      };
      await run('floor entities (sources)', FLOOR.entities('Source'), chunk.sources);
      for (const [label, rows] of groupBy(chunk.entities, (row) => row.label)) {
        if (!ENTITY_LABELS.some(([, allowed]) => allowed === label)) throw new Error(`unknown label ${label}`);
        await run(
          'floor entities',
          FLOOR.entities(label),
          rows.map(({ id, props }) => ({ id, props })),
        );
      }
      await run(
        'floor name claims',
        FLOOR.claims,
        chunk.entities.map(({ id, names }) => ({ id, names })),
      );
      await run('floor evidence', FLOOR.evidence, chunk.evidence);
      await run('floor facts', FLOOR.facts, chunk.facts);
      for (const [type, rows] of groupBy([...chunk.mentions, ...chunk.relations], (row) => row.type)) {
        if (!RELATION_TYPES.includes(type as RelationTypeName)) throw new Error(`unknown type ${type}`);
        await run('floor relations', FLOOR.relations(type), rows);
      }
    });
    timings.add('transaction begin/commit', now() - started - inside);
  } finally {
    await session.close();
  }
}

interface RunResult {
  /** Wall time of the measured work, and the CPU seconds Neo4j and (for the ingest) this process spent on it. */
  ms: number;
  neo4jCpu: number;
  nodeCpu: number;
  records: number;
  readonly timings: Timings;
  readonly profile?: IngestProfile;
  counts: Record<string, number>;
}

async function graphCounts(driver: Driver, database: string): Promise<Record<string, number>> {
  const result = await driver.executeQuery(
    `CALL () { MATCH (n:Entity) RETURN n.kind AS key, count(*) AS n
       UNION ALL MATCH (f:Fact) RETURN 'Fact' AS key, count(*) AS n
       UNION ALL MATCH (e:Evidence) RETURN 'Evidence' AS key, count(*) AS n
       UNION ALL MATCH (c:NameClaim) RETURN 'NameClaim' AS key, count(*) AS n
       UNION ALL MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n }
     RETURN key, n`,
    {},
    { database },
  );
  return Object.fromEntries(result.records.map((record) => [String(record.get('key')), Number(record.get('n'))]));
}

/** One side of the comparison: its own fresh database, and how it loads one file. */
interface Side {
  readonly name: 'floor' | 'ingest';
  readonly home: string;
  readonly pid: number;
  readonly driver: Driver;
  readonly database: string;
  readonly result: RunResult;
  load(file: string): Promise<void>;
}

async function floorSide(options: Options): Promise<Side> {
  const home = '.neo4j/bench-load-floor';
  const { uri, pid } = startDatabase(home);
  const { driver, executor } = await openDatabase(uri);
  const result: RunResult = { ms: 0, neo4jCpu: 0, nodeCpu: 0, records: 0, timings: new Timings(), counts: {} };
  return {
    name: 'floor',
    home,
    pid,
    driver,
    database: executor.database,
    result,
    async load(file) {
      // Read and planned before the clock starts: the floor is the writing alone.
      const batch = readBatch(file);
      const texts = new Map((batch.sources ?? []).map((source) => [source.id, source.text]));
      const plan = planBatch(batch, texts, options.batchSize);
      const started = now();
      const cpu = cpuSeconds(pid);
      for (const chunk of plan.chunks) await writeFloorChunk(driver, executor.database, chunk, result.timings);
      result.neo4jCpu += cpuSeconds(pid) - cpu;
      result.ms += now() - started;
      result.records += records(batch);
    },
  };
}

async function ingestSide(options: Options): Promise<Side> {
  const home = '.neo4j/bench-load-ingest';
  const { uri, pid } = startDatabase(home);
  const { driver, executor } = await openDatabase(uri);
  const profile: IngestProfile = { validate: 0, lookups: 0, plan: 0, write: 0 };
  const result: RunResult = { ms: 0, neo4jCpu: 0, nodeCpu: 0, records: 0, timings: new Timings(), profile, counts: {} };
  const timedRunner = timedExecutor(executor, result.timings);
  return {
    name: 'ingest',
    home,
    pid,
    driver,
    database: executor.database,
    result,
    async load(file) {
      const started = now();
      const cpu = cpuSeconds(pid);
      const own = ownCpuSeconds();
      const batch = readBatch(file);
      result.timings.add('read and parse the file', now() - started);
      const outcome = await ingestBatch(timedRunner, batch, { origin: 'bench', batchSize: options.batchSize, profile });
      if (outcome.status !== 'APPLIED') {
        throw new Error(`${path.basename(file)}: ${outcome.status} ${JSON.stringify(outcome.issues.slice(0, 5))}`);
      }
      result.neo4jCpu += cpuSeconds(pid) - cpu;
      result.nodeCpu += ownCpuSeconds() - own;
      result.ms += now() - started;
      result.records += records(batch);
    },
  };
}

function expectedCounts(manifest: Manifest): Record<string, number> {
  const { counts } = manifest;
  return {
    ...counts.entitiesByKind,
    SOURCE: counts.sources,
    Fact: counts.facts,
    Evidence: counts.evidence,
    ...counts.relationsByType,
    MENTIONED_IN: counts.mentionedIn,
    HAS_FACT: counts.facts,
    IN_SOURCE: counts.evidence,
  };
}

/** The graph holds what the manifest says (name claims and ledger rows are not in it). */
function checkCounts(side: string, found: Record<string, number>, manifest: Manifest): void {
  const expected = expectedCounts(manifest);
  const wrong = Object.entries(expected).filter(([key, n]) => found[key] !== n);
  if (wrong.length > 0) {
    throw new Error(
      `${side}: counts differ from the manifest: ${wrong.map(([key, n]) => `${key} ${found[key] ?? 0} ≠ ${n}`).join(', ')}`,
    );
  }
}

/** Both sides hold the same graph (for a prefix of the files, whose counts the manifest lacks). */
function checkSame(floor: Record<string, number>, ingest: Record<string, number>, manifest: Manifest): void {
  const wrong = Object.keys(expectedCounts(manifest)).filter((key) => (floor[key] ?? 0) !== (ingest[key] ?? 0));
  if (wrong.length > 0) {
    throw new Error(
      `the two graphs differ: ${wrong.map((key) => `${key} floor ${floor[key] ?? 0} ≠ ingest ${ingest[key] ?? 0}`).join(', ')}`,
    );
  }
}

function rate(result: RunResult): string {
  return `${Math.round(result.records / (result.ms / 1000))}`;
}

function breakdown(result: RunResult): string[] {
  const lines: string[] = [];
  const total = result.ms;
  const row = (name: string, ms: number, calls?: number): string =>
    `  ${name.padEnd(38)} ${seconds(ms).padStart(8)} s ${((100 * ms) / total).toFixed(1).padStart(6)} %${calls === undefined ? '' : `  ${calls} calls`}`;
  if (result.profile !== undefined) {
    const { profile } = result;
    const read = result.timings.entries.get('read and parse the file');
    if (read !== undefined) lines.push(row('read and parse the file', read.ms));
    lines.push(row('validate (JSON Schema, rules, reads)', profile.validate));
    lines.push(row('lookups after validation', profile.lookups));
    lines.push(row('plan', profile.plan));
    lines.push(row('write (chunk transactions)', profile.write));
    lines.push('  statements (all phases):');
  }
  const statements = [...result.timings.entries.entries()]
    .filter(([name]) => name !== 'read and parse the file')
    .sort(([, a], [, b]) => b.ms - a.ms);
  for (const [name, entry] of statements) lines.push(row(`  ${name}`, entry.ms, entry.calls));
  return lines;
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench:load: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const { dir, manifest } = dataset(options);
  const files = manifest.files
    .slice(0, options.files ?? manifest.files.length)
    .map((file) => path.join(dir, file.file));
  const prefix = files.length < manifest.files.length;
  const totalRecords = manifest.counts.sources + manifest.counts.entities + manifest.counts.relations;
  log(
    `bench:load: ${files.length} of ${manifest.files.length} files, ${totalRecords} records in all, batch size ${options.batchSize}`,
  );

  // Both databases run side by side and load the files in turns (floor, then ingest, file by
  // file), so a change in what else runs on the machine falls on both alike.
  const sides: Side[] = [];
  try {
    if (options.only !== 'ingest') sides.push(await floorSide(options));
    if (options.only !== 'floor') sides.push(await ingestSide(options));
    for (const file of files) {
      for (const side of sides) {
        const before = side.result.ms;
        await side.load(file);
        log(`${side.name.padEnd(6)} ${path.basename(file)}: ${seconds(side.result.ms - before)} s`);
      }
    }
    for (const side of sides) side.result.counts = await graphCounts(side.driver, side.database);
    // The whole graph holds the manifest's counts; a prefix, on both sides, the same counts.
    if (!prefix) for (const side of sides) checkCounts(side.name, side.result.counts, manifest);
    else if (sides.length === 2) checkSame(sides[0]?.result.counts ?? {}, sides[1]?.result.counts ?? {}, manifest);
  } finally {
    for (const side of sides) {
      await side.driver.close();
      stopDatabase(side.home, options.keep);
    }
  }
  const floor = sides.find((side) => side.name === 'floor')?.result ?? null;
  const ingest = sides.find((side) => side.name === 'ingest')?.result ?? null;

  const out: string[] = [
    `bench:load ${options.firms} firms (seed ${options.seed}): ${totalRecords} records ` +
      (prefix
        ? `(the first ${files.length} of ${manifest.files.length} files were loaded: ${sides[0]?.result.records ?? 0} records) `
        : '') +
      `(${manifest.counts.sources} sources, ${manifest.counts.entities} entities, ${manifest.counts.relations} relations; ` +
      `${manifest.counts.facts} facts, ${manifest.counts.evidence} evidence), batch size ${options.batchSize}`,
    `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load average at the end ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}; Neo4j heap ${process.env.NEO4J_HEAP ?? '1g'}, page cache ${process.env.NEO4J_PAGECACHE ?? '256m'}`,
    '',
    `${''.padEnd(30)} ${'wall s'.padStart(8)} ${'records/s'.padStart(10)} ${'Neo4j CPU s'.padStart(12)} ${'Node CPU s'.padStart(11)}`,
  ];
  const line = (name: string, result: RunResult, node: boolean): string =>
    `${name.padEnd(30)} ${seconds(result.ms).padStart(8)} ${rate(result).padStart(10)} ${result.neo4jCpu.toFixed(1).padStart(12)} ${(node ? result.nodeCpu.toFixed(1) : '-').padStart(11)}`;
  if (floor !== null) out.push(line('floor (plain UNWIND … MERGE)', floor, false));
  if (ingest !== null) out.push(line('ingest (the write path)', ingest, true));
  if (floor !== null && ingest !== null) {
    out.push(
      '',
      `ratio ingest / floor: ${(floor.ms / ingest.ms).toFixed(2)} (records/s, wall); ` +
        `Neo4j CPU per record ${(ingest.neo4jCpu / floor.neo4jCpu).toFixed(2)} × the floor's`,
    );
  }
  if (ingest !== null) out.push('', 'where the ingest time went (wall):', ...breakdown(ingest));
  if (floor !== null) out.push('', 'floor statements (wall):', ...breakdown(floor));
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
