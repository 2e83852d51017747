import { createHash } from 'node:crypto';
import { readMigrations, type Migration } from './cypher';
import { runOnce } from './boot-lock';
import type { Executor } from './executor';
import { refreshDerived, refreshZoneInvestments } from '../ingest/derived';
import { CELL_MAX_LENGTH } from '../search/search-cells';

/** Runs `work` on every entity's id, a page of `limit` ids in id order at a time; returns how many. */
async function forEachEntityPage(
  executor: Executor,
  limit: number,
  work: (ids: string[], done: number) => Promise<void>,
): Promise<number> {
  let after = '';
  let done = 0;
  for (;;) {
    const ids = (await executor.read('migrations/entity-ids-page', { after, limit })).map((row) => String(row.id));
    if (ids.length === 0) break;
    await work(ids, done);
    done += ids.length;
    after = ids[ids.length - 1] as string;
  }
  return done;
}

/** Recomputes the derived properties of every entity with the write path's own statement, a page of ids per transaction. */
function recomputeDerived(executor: Executor): Promise<number> {
  return forEachEntityPage(executor, 2000, (ids) =>
    executor.writeTransaction((tx) => refreshDerived(tx, ids), { tag: 'migration:backfill', timeoutMs: 600_000 }),
  );
}

/** Stores the search cells of every entity (migration 0019), a page of ids per transaction. */
function storeSearchCells(executor: Executor, log: (line: string) => void): Promise<number> {
  return forEachEntityPage(executor, 5000, async (ids, done) => {
    await executor.write(
      'migrations/search-cells-page',
      { ids, searchCellMax: CELL_MAX_LENGTH },
      { tag: 'migration:backfill', timeoutMs: 600_000 },
    );
    // Progress on a large graph (a million entities take minutes).
    if ((done + ids.length) % 100_000 < ids.length)
      log(`migration 0019: search cells of ${done + ids.length} entities stored`);
  });
}

/** Sums every zone's project investments again (refreshZoneInvestments), a page of zones per transaction. */
async function recomputeZoneInvestments(executor: Executor): Promise<number> {
  let after = '';
  let done = 0;
  for (;;) {
    const rows = await executor.read('migrations/zone-ids-page', { after, limit: 200 });
    if (rows.length === 0) break;
    await executor.writeTransaction(
      (tx) =>
        refreshZoneInvestments(
          tx,
          rows.map((row) => String(row.id)),
        ),
      { tag: 'migration:backfill', timeoutMs: 600_000 },
    );
    done += rows.length;
    after = String(rows[rows.length - 1]?.key);
  }
  return done;
}

/**
 * Data backfills that a migration's Cypher cannot express simply, run right after that
 * migration is applied (and only then): 0007 introduced maintained relation counts,
 * investments and list keys, and 0016 the zone-only order keys and zone classes, which the
 * write path's own statement recomputes for every entity of an older graph; 0017 the zones'
 * exact project investment sums, which the write path's own function makes for every zone; 0019
 * the search cells of every entity, as the write path's own fragment stores them.
 */
const BACKFILLS: Readonly<Record<number, (executor: Executor, log: (line: string) => void) => Promise<void>>> = {
  7: async (executor, log) => {
    const done = await recomputeDerived(executor);
    if (done > 0) log(`migration 0007: derived keys of ${done} entities recomputed`);
  },
  16: async (executor, log) => {
    const done = await recomputeDerived(executor);
    if (done > 0) log(`migration 0016: zone order keys and classes of ${done} entities recomputed`);
  },
  17: async (executor, log) => {
    const done = await recomputeZoneInvestments(executor);
    if (done > 0) log(`migration 0017: project investment sums of ${done} zones made`);
  },
  19: async (executor, log) => {
    const done = await storeSearchCells(executor, log);
    if (done > 0) log(`migration 0019: search cells of ${done} entities stored`);
  },
};

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly unchanged: readonly string[];
}

function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.statements.join(';\n')).digest('hex');
}

/** Schema statements may validate a constraint over the whole graph: they get a long timeout. */
const MIGRATION_TIMEOUT_MS = 600_000;

async function recordedChecksums(executor: Executor): Promise<Map<number, string>> {
  return new Map((await executor.read('migrations/applied')).map((row) => [Number(row.version), String(row.checksum)]));
}

/**
 * Applies `cypher/migrations/*.cypher` in version order and records each version in the graph
 * as a (:Migration) node. Every statement is written to be idempotent (IF NOT EXISTS), so a
 * migration whose file changed since it was recorded is simply applied again and re-recorded.
 *
 * Replicas may start together: the work runs under the `migrations` boot lease
 * (src/db/boot-lock.ts), so one process applies what is pending while the others wait and then
 * find it done. When nothing is pending, migrate only reads.
 */
export async function migrate(
  executor: Executor,
  migrations: readonly Migration[] = readMigrations(),
  log: (line: string) => void = () => undefined,
): Promise<MigrationReport> {
  const applied: string[] = [];
  await runOnce(
    executor,
    async () => !(await migrationsApplied(executor, migrations)),
    async () => {
      const recorded = await recordedChecksums(executor);
      for (const migration of migrations) {
        const sum = checksum(migration);
        if (recorded.get(migration.version) === sum) continue;
        for (const statement of migration.statements) {
          // Schema statements cannot share a transaction with data writes, so each runs alone.
          await executor.runMigrationStatement(statement, {}, { timeoutMs: MIGRATION_TIMEOUT_MS });
        }
        await BACKFILLS[migration.version]?.(executor, log);
        await executor.write('migrations/record', { version: migration.version, name: migration.name, checksum: sum });
        applied.push(migration.name);
        log(`migration ${migration.name} applied (${migration.statements.length} statements)`);
      }
    },
    { name: 'migrations', log },
  );
  await executor.read('migrations/await-indexes', { timeoutSeconds: 120 }, { timeoutMs: 130_000 });
  return { applied, unchanged: migrations.filter((m) => !applied.includes(m.name)).map((m) => m.name) };
}

/**
 * True when every migration this version knows is recorded, whatever its checksum: the
 * readiness check of a running replica. During a rolling upgrade a newer version may re-apply
 * an edited migration and record another checksum; the older replicas still serving must not
 * all turn unready because of it (migrations are written so that the version before keeps
 * working: docs/operations.md, "Upgrades").
 */
export async function migrationsRecorded(
  executor: Executor,
  migrations: readonly Migration[] = readMigrations(),
): Promise<boolean> {
  const recorded = await recordedChecksums(executor);
  return migrations.every((migration) => recorded.has(migration.version));
}

/** True when every migration file is recorded with its current checksum (nothing left to apply). */
export async function migrationsApplied(
  executor: Executor,
  migrations: readonly Migration[] = readMigrations(),
): Promise<boolean> {
  const recorded = await recordedChecksums(executor);
  return migrations.every((migration) => recorded.get(migration.version) === checksum(migration));
}
