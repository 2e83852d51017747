import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { jsonlLine } from '../../src/ingest/export';
import type { IngestBatch } from '../../src/ingest/types';
import { ROOT } from './wrapper';

export const INGEST_CLI = path.join(ROOT, 'dist', 'src', 'tools', 'ingest.js');
export const EXPORT_CLI = path.join(ROOT, 'dist', 'src', 'tools', 'export.js');

export { syntheticBatch, type FullBatch } from '../../bench/synthetic';

/** The batch as .jsonl: sources, entities, relations, one tagged record per line. */
export function toJsonl(batch: IngestBatch): string {
  return [
    ...(batch.sources ?? []).map((source) => jsonlLine({ source })),
    ...(batch.entities ?? []).map((entity) => jsonlLine({ entity })),
    ...(batch.relations ?? []).map((relation) => jsonlLine({ relation })),
  ].join('');
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a built CLI (`node dist/src/tools/<tool>.js`) against the database at `uri`. When
 * `killWhen` is given, it is called with each complete stderr line and the process is killed
 * with SIGKILL (after `killDelayMs`) the first time it returns true.
 */
export function runCli(
  script: string,
  args: readonly string[],
  uri: string,
  options: { killWhen?: (line: string) => boolean; killDelayMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: uri, INIT_CWD: ROOT },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let killing = false;
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (killing || options.killWhen === undefined) return;
      if (lines.some((line) => options.killWhen?.(line))) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), options.killDelayMs ?? 0);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

type Rows = Record<string, unknown>[];

async function query(driver: Driver, database: string, text: string): Promise<Rows> {
  const result = await driver.executeQuery(text, {}, { database, routing: 'READ' });
  return result.records.map((record) => record.toObject());
}

/** JSON with object keys sorted, so equal values always serialise the same way. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const TIMESTAMPS = new Set(['createdAt', 'updatedAt']);

function withoutTimestamps(props: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((props ?? {}) as Record<string, unknown>).filter(([key]) => !TIMESTAMPS.has(key)),
  );
}

function byId(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const x = canonicalJson([a.id, a.entity ?? null]);
  const y = canonicalJson([b.id, b.entity ?? null]);
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface GraphProjection {
  readonly counts: {
    readonly nodesByKind: Record<string, number>;
    readonly relationsByType: Record<string, number>;
    readonly facts: number;
    readonly evidence: number;
  };
  /** The canonical rows, for a readable diff when hashes differ. */
  readonly sections: Record<'entities' | 'facts' | 'relations' | 'evidence', Rows>;
  readonly hashes: Record<'entities' | 'facts' | 'relations' | 'evidence', string>;
  readonly hash: string;
}

/**
 * A canonical projection of what the graph says, computed the same way on any database:
 * every Entity (sources included) with its labels and properties, every fact attached to an
 * entity, every relation between entities (MENTIONED_IN included) with its ends and
 * properties, and every evidence span a fact or relation cites. Timestamps, ledger rows, name
 * claims, migrations, and nodes nothing points at (evidence left behind when facts were
 * replaced or entities deleted) are not part of it.
 */
export async function graphProjection(driver: Driver, database: string): Promise<GraphProjection> {
  const entities = (
    await query(driver, database, 'MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props')
  )
    .map((row) => ({ id: row.id, labels: [...(row.labels as string[])].sort(), props: withoutTimestamps(row.props) }))
    .sort(byId);
  const facts = (
    await query(
      driver,
      database,
      'MATCH (n:Entity)-[:HAS_FACT]->(f:Fact) RETURN n.id AS entity, f.id AS id, properties(f) AS props',
    )
  )
    .map((row) => ({ entity: row.entity, id: row.id, props: withoutTimestamps(row.props) }))
    .sort(byId);
  const relations = (
    await query(
      driver,
      database,
      'MATCH (a:Entity)-[r]->(b:Entity) RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props',
    )
  )
    .map((row) => ({ id: row.id, type: row.type, from: row.from, to: row.to, props: withoutTimestamps(row.props) }))
    .sort(byId);
  const evidence = (
    await query(
      driver,
      database,
      `CALL () {
         MATCH (:Entity)-[r]->(:Entity) UNWIND r.evidenceIds AS id RETURN id
         UNION
         MATCH (:Entity)-[:HAS_FACT]->(f:Fact) UNWIND f.evidenceIds AS id RETURN id
       }
       MATCH (e:Evidence {id: id})
       OPTIONAL MATCH (e)-[:IN_SOURCE]->(s:Source)
       RETURN e.id AS id, properties(e) AS props, collect(s.id) AS inSource`,
    )
  )
    .map((row) => ({ id: row.id, props: withoutTimestamps(row.props), inSource: row.inSource }))
    .sort(byId);

  const count = (rows: Rows, key: (row: Record<string, unknown>) => string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const row of rows) out[key(row)] = (out[key(row)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  const sections = { entities, facts, relations, evidence };
  const digest = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');
  const hashes = {
    entities: digest(entities),
    facts: digest(facts),
    relations: digest(relations),
    evidence: digest(evidence),
  };
  return {
    counts: {
      nodesByKind: count(entities, (row) => String((row.props as Record<string, unknown>).kind)),
      relationsByType: count(relations, (row) => String(row.type)),
      facts: facts.length,
      evidence: evidence.length,
    },
    sections,
    hashes,
    hash: digest(hashes),
  };
}

/** A temporary directory for one test file's generated inputs and exports. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `zonegraph-${label}-`));
}
