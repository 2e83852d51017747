import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { jsonlLine } from '../src/ingest/export';
import { benchFixture } from './fixture';
import { ROOT } from './results';

/**
 * The entry of `npm run bench` and `npm run bench:build`: each size has its own Neo4j home
 * (.bench/neo4j/<size>), started through the wrapper (scripts/neo4j.js run --home ...) for the
 * command and stopped after it.
 *
 *   bench:build -- --size S [--data DIR] [--fixture N]
 *       Generates the graph (`npm run bench:data -- --size S`, into .bench/data/<size>) unless
 *       its manifest is already there, and loads it into the size's home through the ingest CLI.
 *       A home already loaded from the same manifest is reused (.bench/neo4j/<size>/loaded.json);
 *       a different manifest rebuilds it from scratch. `--fixture N` loads the small hand-made
 *       graph of bench/fixture.ts (N firms) instead, to try the harness without a generator.
 *   bench -- --size S [run options]
 *       Runs bench/run.ts against the size's home (built first), or against NEO4J_URI when set.
 *
 * Neo4j memory per size (NEO4J_HEAP / NEO4J_PAGECACHE override): S 1g / 512m, M 2g / 1500m,
 * L 2g / 4g.
 */

const USAGE = `usage: npm run bench:build -- --size S|M|L [--data DIR] [--fixture N]
       npm run bench -- --size S|M|L [--iterations N] [--duration-s N] [--only CASE] (see bench/run.ts)`;

const MEMORY: Record<string, { heap: string; pagecache: string }> = {
  S: { heap: '1g', pagecache: '512m' },
  M: { heap: '2g', pagecache: '1500m' },
  L: { heap: '2g', pagecache: '4g' },
};

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index] as string;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

function sizeOf(argv: readonly string[]): string {
  const size = option(argv, '--size');
  if (size === undefined || !/^[A-Za-z0-9_-]{1,20}$/.test(size)) usage('--size S|M|L is required');
  return size;
}

const homeOf = (size: string): string => path.join(ROOT, '.bench', 'neo4j', size);
const markerOf = (size: string): string => path.join(homeOf(size), 'loaded.json');

function neo4jEnv(size: string): NodeJS.ProcessEnv {
  const memory = MEMORY[size] ?? MEMORY.S;
  return {
    ...process.env,
    NEO4J_HEAP: process.env.NEO4J_HEAP ?? memory?.heap,
    NEO4J_PAGECACHE: process.env.NEO4J_PAGECACHE ?? memory?.pagecache,
  };
}

/** Runs a command with the size's Neo4j (or NEO4J_URI) and returns its exit code. */
function withNeo4j(size: string, command: string[], fresh = false): number {
  const args = [
    path.join(ROOT, 'scripts', 'neo4j.js'),
    'run',
    '--home',
    homeOf(size),
    ...(fresh ? ['--fresh'] : []),
    '--',
    ...command,
  ];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: neo4jEnv(size), cwd: ROOT });
  return result.status ?? 1;
}

interface Manifest {
  readonly files: string[];
  readonly sha256: string;
}

/** The data files of a generated graph, in load order, and a hash that names the graph. */
function readManifest(dir: string): Manifest | null {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  const parsed = JSON.parse(text) as { files?: unknown };
  // The manifest lists its files when it can; otherwise every .jsonl beside it, by name.
  const listed = Array.isArray(parsed.files)
    ? parsed.files.map((entry) =>
        String(
          typeof entry === 'object' && entry !== null
            ? ((entry as { path?: unknown; file?: unknown }).path ?? (entry as { file?: unknown }).file)
            : entry,
        ),
      )
    : fs
        .readdirSync(dir)
        .filter((name) => name.endsWith('.jsonl'))
        .sort();
  const files = listed.map((name) => path.resolve(dir, name));
  // The manifest and each file's size and time: data written again is loaded again.
  const hash = createHash('sha256').update(text);
  for (const data of files) {
    const stat = fs.existsSync(data) ? fs.statSync(data) : null;
    hash.update(`\n${path.basename(data)} ${stat?.size ?? 'missing'} ${stat?.mtimeMs ?? ''}`);
  }
  // And the migrations: a graph loaded before a new one was written by an older write path (its
  // derived keys would come from a backfill, not from the writes), so it is loaded again.
  hash.update(
    `\n${fs
      .readdirSync(path.join(ROOT, 'cypher', 'migrations'))
      .sort()
      .join(',')}`,
  );
  return { files, sha256: hash.digest('hex') };
}

/** The folder of the newest manifest.json under .bench/data written since `since` (ms), if any. */
function newestManifestDir(since: number): string | null {
  const root = path.join(ROOT, '.bench', 'data');
  if (!fs.existsSync(root)) return null;
  const found = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === 'manifest.json')
    .map((file) => path.join(root, file))
    .map((file) => ({ file, mtime: fs.statSync(file).mtimeMs }))
    .filter((entry) => entry.mtime >= since)
    .sort((a, b) => b.mtime - a.mtime);
  return found[0] === undefined ? null : path.dirname(found[0].file);
}

function writeFixture(dir: string, firms: number): void {
  const fixture = benchFixture('fx', firms);
  fs.mkdirSync(dir, { recursive: true });
  const lines = [
    ...fixture.batch.sources.map((source) => jsonlLine({ source })),
    ...fixture.batch.entities.map((entity) => jsonlLine({ entity })),
    ...fixture.batch.relations.map((relation) => jsonlLine({ relation })),
  ];
  // Written only when it changed, so that a home built from the same fixture is reused.
  const write = (file: string, text: string): void => {
    const target = path.join(dir, file);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
  };
  write('fixture.jsonl', lines.join(''));
  write('manifest.json', `${JSON.stringify({ fixture: true, firms, files: ['fixture.jsonl'] }, null, 2)}\n`);
}

function build(argv: readonly string[]): number {
  const size = sizeOf(argv);
  const given = option(argv, '--data');
  let dataDir = path.resolve(ROOT, given ?? path.join('.bench', 'data', size));
  const fixture = option(argv, '--fixture');
  if (fixture !== undefined) {
    const firms = Number(fixture);
    if (!Number.isInteger(firms) || firms < 40 || firms > 500)
      usage('--fixture takes a number of firms from 40 to 500');
    writeFixture(dataDir, firms);
  } else if (!fs.existsSync(path.join(dataDir, 'manifest.json'))) {
    if (given !== undefined) usage(`no manifest.json in ${dataDir}`);
    log(`generating the ${size} graph (npm run bench:data -- --size ${size})...`);
    const before = Date.now();
    const generated = spawnSync('npm', ['run', '--silent', 'bench:data', '--', '--size', size], {
      stdio: 'inherit',
      cwd: ROOT,
    });
    if (generated.status !== 0) {
      log('npm run bench:data failed (is the generator of issue 8 item 1 in this branch?); nothing loaded');
      return generated.status ?? 1;
    }
    // The generator's own folder for the size, else the manifest it has just written.
    dataDir = fs.existsSync(path.join(dataDir, 'manifest.json')) ? dataDir : (newestManifestDir(before) ?? dataDir);
  }
  const manifest = readManifest(dataDir);
  if (manifest === null) usage(`no manifest.json in ${dataDir}`);
  const marker = markerOf(size);
  if (process.env.NEO4J_URI === undefined && fs.existsSync(marker)) {
    const loaded = JSON.parse(fs.readFileSync(marker, 'utf8')) as { sha256?: string };
    if (loaded.sha256 === manifest.sha256) {
      log(`${path.relative(ROOT, homeOf(size))} already holds this graph; nothing to do`);
      return 0;
    }
    log(`${path.relative(ROOT, homeOf(size))} holds another graph: rebuilding it`);
  }
  const started = Date.now();
  const ingest = path.join(ROOT, 'dist', 'src', 'tools', 'ingest.js');
  // One wrapper run for all files: a shell loop would need a shell; node runs them in turn.
  const script = `
    const { spawnSync } = require('node:child_process');
    for (const file of ${JSON.stringify(manifest.files)}) {
      process.stderr.write('[bench] loading ' + file + '\\n');
      const r = spawnSync(process.execPath, [${JSON.stringify(ingest)}, file, '--batch-size', '2000'], { stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }`;
  // An offline bulk load: each chunk's transaction may take longer than a request's 5 s.
  process.env.NEO4J_TX_TIMEOUT_MS ??= '600000';
  const code = withNeo4j(size, [process.execPath, '-e', script], process.env.NEO4J_URI === undefined);
  if (code !== 0) return code;
  if (process.env.NEO4J_URI === undefined) {
    fs.writeFileSync(
      marker,
      `${JSON.stringify({ sha256: manifest.sha256, data: path.relative(ROOT, dataDir), loadedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
    );
  }
  log(`loaded ${manifest.files.length} file(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

function bench(argv: readonly string[]): number {
  const size = sizeOf(argv);
  const run = [process.execPath, path.join(__dirname, 'run.js'), ...argv];
  if (process.env.NEO4J_URI !== undefined) {
    return spawnSync(run[0] as string, run.slice(1), { stdio: 'inherit' }).status ?? 1;
  }
  if (!fs.existsSync(markerOf(size))) {
    usage(`${path.relative(ROOT, homeOf(size))} holds no graph yet: run npm run bench:build -- --size ${size} first`);
  }
  return withNeo4j(size, run);
}

function main(): void {
  const [command, ...argv] = process.argv.slice(2);
  if (command === 'build') process.exit(build(argv));
  if (command === 'bench') process.exit(bench(argv));
  usage(`unknown command ${command ?? ''}`);
}

main();
