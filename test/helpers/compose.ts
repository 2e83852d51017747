/*
 * A small indentation-based reader for the compose files (no YAML parser is a dependency of
 * this project): it pulls out the few values a stack relies on, for the structural tests of
 * docker-compose.yml and docker-compose.scale.yml. It reads block mappings and `- item` lists,
 * not anchors or flow collections (kept as their text).
 */
import { spawnSync } from 'node:child_process';

export interface Line {
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

export function readLines(source: string): Line[] {
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

export function blockAt(lines: Line[], keys: string[]): Line[] | undefined {
  let current: Line[] | undefined = lines;
  for (const key of keys) {
    if (!current) return undefined;
    current = childBlock(current, key);
  }
  return current;
}

/** The inline scalar of `key: value` among the top-level lines of `lines`. */
export function scalarIn(lines: Line[] | undefined, key: string): string | undefined {
  if (!lines || lines.length === 0) return undefined;
  const indent = Math.min(...lines.map((l) => l.indent));
  const line = lines.find((l) => l.indent === indent && l.text.startsWith(`${key}:`));
  if (!line) return undefined;
  const value = line.text.slice(key.length + 1).trim();
  return value === '' ? undefined : unquote(value);
}

/** A service's environment, in either the mapping form or the `- KEY=value` list form. */
export function environmentOf(lines: Line[], service: string): Map<string, string> {
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
export function findCompose(): string[] | undefined {
  const probe = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8', timeout: 15000 });
  if (probe('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  const standalone = probe('docker-compose', ['version', '--short']);
  if (standalone.status === 0 && /^v?([2-9]|\d{2,})\./.test(standalone.stdout.trim())) return ['docker-compose'];
  return undefined;
}

/** The keys directly under `services:`. */
export function serviceNames(lines: Line[]): string[] {
  const block = blockAt(lines, ['services']) ?? [];
  if (block.length === 0) return [];
  const indent = Math.min(...block.map((l) => l.indent));
  return block.filter((l) => l.indent === indent && l.text.endsWith(':')).map((l) => l.text.slice(0, -1));
}

/** The `- item` entries of a block list (e.g. `volumes`, `ports`), unquoted. */
export function listItems(block: Line[] | undefined): string[] {
  if (!block || block.length === 0) return [];
  const indent = Math.min(...block.map((l) => l.indent));
  return block.filter((l) => l.indent === indent && l.text.startsWith('- ')).map((l) => unquote(l.text.slice(2)));
}
