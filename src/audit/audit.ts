import { randomUUID } from 'node:crypto';
import type { Executor, QueryRunner, Row } from '../db/executor';

/** What a write did, as the audit log names it. */
export type AuditAction =
  | 'INGEST'
  | 'UPSERT_ENTITY'
  | 'UPSERT_RELATION'
  | 'DELETE_RELATION'
  | 'MERGE_ENTITIES'
  | 'CLI_INGEST'
  | 'SEED'
  | 'CATALOGUE_IMPORT';

/** An entry lists at most this many ids (a chunk of the CLI writes up to 5,000); `idCount` says how many there were. */
const MAX_IDS = 100;

const MUTATION_ACTIONS: Readonly<Record<string, AuditAction>> = {
  ingest: 'INGEST',
  upsertEntity: 'UPSERT_ENTITY',
  upsertRelation: 'UPSERT_RELATION',
};

/**
 * Who did what, read from the write path's origin: `mutation:<field>:<key name>` for
 * mutations (the API key's name, never the key), `cli`, `seed` or `catalogue` for the tools.
 */
export function auditOf(origin: string): { actor: string; action: AuditAction } {
  const [kind, field = '', ...name] = origin.split(':');
  if (kind === 'mutation') return { actor: name.join(':') || 'anonymous', action: MUTATION_ACTIONS[field] ?? 'INGEST' };
  if (kind === 'seed') return { actor: 'seed', action: 'SEED' };
  if (kind === 'catalogue') return { actor: 'catalogue', action: 'CATALOGUE_IMPORT' };
  return { actor: kind ?? origin, action: 'CLI_INGEST' };
}

export interface AuditRecord {
  readonly actor: string;
  readonly action: AuditAction;
  readonly origin: string;
  /** The idempotency key of the batch or chunk, when there is one. */
  readonly key: string | null;
  readonly counts: Readonly<Record<string, number>>;
  readonly ids: readonly string[];
}

/**
 * Records one write in the audit log, inside the write's own transaction: the entry exists
 * exactly when the write does (a rolled-back chunk leaves none). Admins read the log through
 * `auditLog`; `npm run export` writes it and the ingest CLI restores it.
 */
export async function recordAudit(tx: QueryRunner, record: AuditRecord): Promise<void> {
  await tx.query('audit/record', {
    id: randomUUID(),
    actor: record.actor,
    action: record.action,
    origin: record.origin,
    key: record.key,
    counts: JSON.stringify(record.counts),
    ids: record.ids.slice(0, MAX_IDS),
    idCount: record.ids.length,
  });
}

/** One page of the log, newest first, after the sort key `before`, of one actor or of all. */
export async function readAuditPage(
  executor: Executor,
  query: { before: string; actor: string | null; first: number },
): Promise<{ entry: Row; key: string }[]> {
  const rows = await executor.read('audit/page', query);
  return rows.map((row) => ({ entry: row.entry as Row, key: String(row.key) }));
}

/** An entry of the audit log as `npm run export` writes it and the ingest CLI restores it. */
export interface AuditExport {
  readonly id: string;
  /** ISO date-time. */
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly origin: string;
  readonly key: string | null;
  readonly counts: Readonly<Record<string, number>>;
  readonly ids: readonly string[];
  readonly idCount: number;
}

/** The export form of a row of audit/export-page. */
export function auditExportOf(row: Row): AuditExport {
  let counts: Record<string, number> = {};
  try {
    counts = JSON.parse(String(row.counts)) as Record<string, number>;
  } catch {
    // An entry written by hand with no JSON counts: exported with none.
  }
  return {
    id: String(row.id),
    at: String(row.at),
    actor: String(row.actor),
    action: String(row.action),
    origin: String(row.origin),
    key: row.key === null || row.key === undefined ? null : String(row.key),
    counts,
    ids: Array.isArray(row.ids) ? row.ids.map(String) : [],
    idCount: Number(row.idCount),
  };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks one `{"audit": ...}` record of an export file; returns what is wrong with it, or null.
 * Nothing is restored when any entry is wrong.
 */
export function auditExportProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not an object';
  const entry = value as Record<string, unknown>;
  for (const field of ['id', 'actor', 'action', 'origin'] as const) {
    if (typeof entry[field] !== 'string' || entry[field] === '') return `${field}: a non-empty string is required`;
  }
  if (typeof entry.at !== 'string' || !ISO_DATE_TIME.test(entry.at)) return 'at: an ISO date-time is required';
  if (entry.key !== null && entry.key !== undefined && typeof entry.key !== 'string') return 'key: a string or null';
  const counts = entry.counts;
  if (
    counts === null ||
    typeof counts !== 'object' ||
    Array.isArray(counts) ||
    !Object.values(counts).every((n) => Number.isInteger(n))
  ) {
    return 'counts: an object of integers is required';
  }
  if (!Array.isArray(entry.ids) || !entry.ids.every((id) => typeof id === 'string')) return 'ids: a list of strings';
  if (!Number.isInteger(entry.idCount) || (entry.idCount as number) < 0) return 'idCount: a whole number ≥ 0';
  return null;
}

/** Restores exported entries as history, in chunks (found by id: restoring twice changes nothing). */
export async function restoreAudit(executor: Executor, entries: readonly AuditExport[]): Promise<number> {
  let restored = 0;
  for (let start = 0; start < entries.length; start += 1000) {
    const rows = entries.slice(start, start + 1000).map((entry) => ({
      ...entry,
      key: entry.key ?? null,
      counts: JSON.stringify(entry.counts),
    }));
    const [row] = await executor.write('audit/restore', { rows });
    restored += Number(row?.restored ?? 0);
  }
  return restored;
}
