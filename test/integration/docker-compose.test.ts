/*
 * Checks docker-compose.yml two ways:
 *  - structurally, always: a small indentation-based reader (no YAML parser is a dependency of
 *    this project) pulls out the few values the stack relies on;
 *  - with Docker Compose itself, when it is installed: `docker compose config -q` must accept
 *    the file. Where Compose is missing that test is registered as skipped, never as passed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

interface Line {
  indent: number;
  text: string;
  lineNo: number;
}

/** Drops a trailing ` # comment` that is not inside quotes. */
function stripComment(raw: string): string {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(raw[i - 1] ?? ''))) {
      return raw.slice(0, i);
    }
  }
  return raw;
}

function readLines(source: string): Line[] {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '') return;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), lineNo: index + 1 });
  });
  return lines;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/** The lines nested under `key:` among the top-level lines of `lines` (which share one indent). */
function childBlock(lines: Line[], key: string): Line[] | undefined {
  if (lines.length === 0) return undefined;
  const indent = Math.min(...lines.map((l) => l.indent));
  const start = lines.findIndex((l) => l.indent === indent && l.text.startsWith(`${key}:`));
  if (start < 0) return undefined;
  const parentIndent = lines[start]!.indent;
  const block: Line[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.indent <= parentIndent) break;
    block.push(line);
  }
  return block;
}

function blockAt(lines: Line[], keys: string[]): Line[] | undefined {
  let current: Line[] | undefined = lines;
  for (const key of keys) {
    if (!current) return undefined;
    current = childBlock(current, key);
  }
  return current;
}

/** The inline scalar of `key: value` among the top-level lines of `lines`. */
function scalarIn(lines: Line[] | undefined, key: string): string | undefined {
  if (!lines || lines.length === 0) return undefined;
  const indent = Math.min(...lines.map((l) => l.indent));
  const line = lines.find((l) => l.indent === indent && l.text.startsWith(`${key}:`));
  if (!line) return undefined;
  const value = line.text.slice(key.length + 1).trim();
  return value === '' ? undefined : unquote(value);
}

/** A service's environment, in either the mapping form or the `- KEY=value` list form. */
function environmentOf(lines: Line[], service: string): Map<string, string> {
  const env = new Map<string, string>();
  const block = blockAt(lines, ['services', service, 'environment']) ?? [];
  for (const line of block) {
    if (line.text.startsWith('- ')) {
      const entry = unquote(line.text.slice(2));
      const eq = entry.indexOf('=');
      if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
    } else {
      const colon = line.text.indexOf(':');
      if (colon > 0) env.set(line.text.slice(0, colon), unquote(line.text.slice(colon + 1)));
    }
  }
  return env;
}

/**
 * Which Compose v2 CLI is installed, if any: the `docker compose` plugin, or the standalone
 * `docker-compose` binary when it is v2 or later. Compose v1 (EOL) rejects the top-level `name:`.
 */
function findCompose(): string[] | undefined {
  const probe = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8', timeout: 15000 });
  if (probe('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  const standalone = probe('docker-compose', ['version', '--short']);
  if (standalone.status === 0 && /^v?([2-9]|\d{2,})\./.test(standalone.stdout.trim())) return ['docker-compose'];
  return undefined;
}

const compose = findCompose();
const composeTest = compose ? test : test.skip;

describe('docker-compose.yml', () => {
  const lines = readLines(readFileSync(COMPOSE_FILE, 'utf8'));

  test('neo4j runs an exact 5.26 community patch release', () => {
    expect(scalarIn(blockAt(lines, ['services', 'neo4j']), 'image')).toMatch(/^neo4j:5\.26\.\d+-community$/);
  });

  test('neo4j takes its password from the environment, with no committed default', () => {
    expect(environmentOf(lines, 'neo4j').get('NEO4J_AUTH')).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?[^}]*\}$/);
  });

  test('neo4j has a healthcheck', () => {
    expect(blockAt(lines, ['services', 'neo4j', 'healthcheck', 'test'])).toBeDefined();
  });

  test('app waits for a healthy neo4j', () => {
    expect(scalarIn(blockAt(lines, ['services', 'app', 'depends_on', 'neo4j']), 'condition')).toBe('service_healthy');
  });

  test('app connects to the neo4j service over Bolt', () => {
    const env = environmentOf(lines, 'app');
    expect(env.get('NEO4J_URI')).toMatch(/^(bolt|neo4j):\/\/neo4j:7687$/);
    expect(env.get('NEO4J_PASSWORD')).toMatch(/^\$\{NEO4J_PASSWORD[:?}]/);
  });

  composeTest(`is accepted by \`${(compose ?? ['docker', 'compose']).join(' ')} config -q\``, () => {
    const [command, ...args] = compose!;
    const result = spawnSync(command!, [...args, '-f', COMPOSE_FILE, 'config', '-q'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, NEO4J_PASSWORD: 'compose-config-check-only' },
    });
    // One string, so that a failure prints Compose's own message next to the status.
    const error = result.error ? ` (${result.error.message})` : '';
    expect(`exit status ${String(result.status)}${error}\n${result.stderr}`).toMatch(/^exit status 0\n/);
  });
});
