import { createHash } from 'node:crypto';
import { readMigrations, type Migration } from './cypher';
import type { Executor } from './executor';
import { refreshDerived } from '../ingest/derived';

/**
 * Data backfills that a migration's Cypher cannot express simply, run right after that
 * migration is applied (and only then): 0007 introduced maintained relation counts,
 * investments and list keys, which the write path's own statement recomputes for every entity
 * of an older graph, a page of ids per transaction.
 */
const BACKFILLS: Readonly<Record<number, (executor: Executor, log: (line: string) => void) => Promise<void>>> = {
  7: async (executor, log) => {
    let after = '';
    let done = 0;
    for (;;) {
      const ids = (await executor.read('migrations/entity-ids-page', { after, limit: 2000 })).map((row) =>
        String(row.id),
      );
      if (ids.length === 0) break;
      await executor.writeTransaction((tx) => refreshDerived(tx, ids), {
        tag: 'migration:backfill',
        timeoutMs: 600_000,
      });
      done += ids.length;
      after = ids[ids.length - 1] as string;
    }
    if (done > 0) log(`migration 0007: derived keys of ${done} entities recomputed`);
  },
};

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly unchanged: readonly string[];
}

function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.statements.join(';\n')).digest('hex');
}

/**
 * Applies `cypher/migrations/*.cypher` in version order and records each version in the graph
 * as a (:Migration) node. Every statement is written to be idempotent (IF NOT EXISTS), so a
 * migration whose file changed since it was recorded is simply applied again and re-recorded.
 */
export async function migrate(
  executor: Executor,
  migrations: readonly Migration[] = readMigrations(),
  log: (line: string) => void = () => undefined,
): Promise<MigrationReport> {
  const recorded = new Map(
    (await executor.read('migrations/applied')).map((row) => [Number(row.version), String(row.checksum)]),
  );
  const applied: string[] = [];
  const unchanged: string[] = [];
  for (const migration of migrations) {
    const sum = checksum(migration);
    if (recorded.get(migration.version) === sum) {
      unchanged.push(migration.name);
      continue;
    }
    for (const statement of migration.statements) {
      // Schema statements cannot share a transaction with data writes, so each runs alone.
      await executor.runMigrationStatement(statement);
    }
    await BACKFILLS[migration.version]?.(executor, log);
    await executor.write('migrations/record', { version: migration.version, name: migration.name, checksum: sum });
    applied.push(migration.name);
    log(`migration ${migration.name} applied (${migration.statements.length} statements)`);
  }
  await executor.read('migrations/await-indexes', { timeoutSeconds: 120 }, { timeoutMs: 130_000 });
  return { applied, unchanged };
}

/** True when every migration file is recorded with its current checksum. */
export async function migrationsApplied(
  executor: Executor,
  migrations: readonly Migration[] = readMigrations(),
): Promise<boolean> {
  const recorded = new Map(
    (await executor.read('migrations/applied')).map((row) => [Number(row.version), String(row.checksum)]),
  );
  return migrations.every((migration) => recorded.get(migration.version) === checksum(migration));
}
