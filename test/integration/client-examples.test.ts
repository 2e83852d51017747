/*
 * The client examples run against a seeded server, as a user would run them:
 * examples/typescript (a typed client generated from the schema by graphql-codegen) and
 * examples/python (requests + networkx + pandas, writing GraphML). The Python one needs a
 * python3 with those modules (.ci/install-python installs them); without one it says why it
 * is skipped ("skipped: no python3"), unless ZONEGRAPH_REQUIRE_PYTHON=1 (set by .ci/run) makes
 * that a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { main as runTypescriptExample } from '../../examples/typescript/src/client';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

const ROOT = path.resolve(__dirname, '..', '..');
const PYTHON_SCRIPT = path.join(ROOT, 'examples', 'python', 'zone_network.py');
const MODULES = ['requests', 'networkx', 'pandas'];
const ZONE = 'zone:shangdang-etdz';

/** The first python3 that has every module, or why there is none (the same order as .ci/install-python). */
function findPython(
  candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (candidate): candidate is string => candidate !== undefined && candidate !== '',
  ),
): { python: string } | { skip: string } {
  const present = candidates.filter((python) => spawnSync(python, ['--version']).status === 0);
  if (present.length === 0) return { skip: 'skipped: no python3' };
  const ready = present.find((python) => spawnSync(python, ['-c', `import ${MODULES.join(', ')}`]).status === 0);
  if (ready !== undefined) return { python: ready };
  const first = present[0] as string;
  const missing = MODULES.filter((module) => spawnSync(first, ['-c', `import ${module}`]).status !== 0);
  return { skip: `skipped: ${first} has no ${missing.join(', ')} (run .ci/install-python)` };
}

/**
 * Runs a command without blocking the event loop: the server under test lives in this process,
 * so a synchronous spawn would keep it from answering the script it waits for.
 */
function run(command: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

test('without any python3 the Python example says "skipped: no python3", and names what a python3 lacks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonegraph-fake-python-'));
  try {
    expect(findPython([path.join(dir, 'python3')])).toEqual({ skip: 'skipped: no python3' });
    // A python3 that answers --version but imports nothing.
    const bare = path.join(dir, 'python3');
    fs.writeFileSync(bare, '#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.0" && exit 0\nexit 1\n', { mode: 0o755 });
    expect(findPython([bare])).toEqual({
      skip: `skipped: ${bare} has no requests, networkx, pandas (run .ci/install-python)`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('client examples against the seeded graph', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    expect((await loadSeed(app.executor)).issues).toEqual([]);
  }, 180_000); // a fresh database runs its migrations first, slow on a loaded machine
  afterAll(() => app.stop());

  describe('examples/typescript', () => {
    test('its generated types and documents are up to date with schema/schema.graphql and schema/examples.graphql', () => {
      const check = spawnSync(process.execPath, [path.join(ROOT, 'examples', 'typescript', 'codegen.js'), '--check'], {
        encoding: 'utf8',
      });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    });

    test('runs three operations of schema/examples.graphql, typed, and revalidates a repeated read with 304', async () => {
      const lines: string[] = [];
      const summary = await runTypescriptExample(app.url, (line) => lines.push(line));
      expect(summary.topHit).toBe(ZONE);
      expect(summary.financings).toBeGreaterThan(0);
      expect(summary.quotes.length).toBeGreaterThan(0);
      expect(summary.quotes.every((quote) => quote.length > 0)).toBe(true);
      expect(summary.neighbours).toBeGreaterThan(1);
      expect(summary.relations).toBeGreaterThan(0);
      expect(summary.revalidated).toBe(1);
      expect(lines[0]).toContain(ZONE);
    });
  });

  const found = findPython();
  if ('skip' in found) process.stderr.write(`examples/python: ${found.skip}\n`);
  // CI installs python3 and the requirements (.ci/install-python) and sets this, so a failed
  // install fails the run instead of hiding behind a skipped test.
  if ('skip' in found && process.env.ZONEGRAPH_REQUIRE_PYTHON === '1') {
    test('examples/python can run (ZONEGRAPH_REQUIRE_PYTHON=1)', () => {
      throw new Error(`examples/python was required but ${found.skip}`);
    });
  }
  const describePython = 'skip' in found ? describe.skip : describe;

  describePython(`examples/python${'skip' in found ? ` (${found.skip})` : ''}`, () => {
    const python = 'python' in found ? found.python : 'python3';
    let dir: string;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonegraph-python-example-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('pulls the zone’s neighbourhood into networkx and pandas, and writes GraphML with every quote', async () => {
      const graphml = path.join(dir, 'shangdang.graphml');
      const csv = path.join(dir, 'relations.csv');
      const script = await run(python, [
        PYTHON_SCRIPT,
        '--url',
        app.url,
        '--zone',
        ZONE,
        '--out',
        graphml,
        '--csv',
        csv,
      ]);
      expect(script.stderr).toBe('');
      expect(script.status).toBe(0);
      const summary = JSON.parse(script.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;

      // The same question asked directly: the script keeps every entity, relation and quote.
      const { body } = await postGraphQL(
        app.url,
        'query ($id: ID!) { neighborhood(id: $id, depth: 1, limit: 25) { nodes { entity { id } } edges { id evidence { quote } } } }',
        { id: ZONE },
      );
      const hood = body.data?.neighborhood as {
        nodes: { entity: { id: string } }[];
        edges: { id: string; evidence: { quote: string }[] }[];
      };
      const quotes = hood.edges.flatMap((edge) => edge.evidence.map((evidence) => evidence.quote));
      expect(hood.edges.length).toBeGreaterThan(0);
      expect(summary).toEqual({
        nodes: hood.nodes.length,
        edges: hood.edges.length,
        rows: quotes.length,
        graphml,
        csv,
      });

      const xml = fs.readFileSync(graphml, 'utf8');
      expect(xml).toContain('<graphml');
      expect(xml.match(/<node /g)?.length).toBe(hood.nodes.length);
      expect(xml.match(/<edge /g)?.length).toBe(hood.edges.length);
      for (const node of hood.nodes) expect(xml).toContain(`<node id="${node.entity.id}"`);
      for (const quote of quotes) expect(xml).toContain(quote);
      const table = fs.readFileSync(csv, 'utf8');
      expect(table.split('\n')[0]).toBe('relation,type,from,to,amount,quote,source,paragraph,charStart,charEnd');
      for (const quote of quotes) expect(table).toContain(quote);
    });

    test('an unknown zone is a clear error (exit 1, the API’s code), not a traceback', async () => {
      const script = await run(python, [
        PYTHON_SCRIPT,
        '--url',
        app.url,
        '--zone',
        'zone:nowhere-at-all',
        '--out',
        path.join(dir, 'x.graphml'),
      ]);
      expect(script.status).toBe(1);
      expect(script.stderr).toMatch(/^zone_network: NOT_FOUND: /);
      expect(script.stderr).not.toMatch(/Traceback/);
      expect(fs.existsSync(path.join(dir, 'x.graphml'))).toBe(false);
    });
  });
});
