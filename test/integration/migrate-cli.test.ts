import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { migrationsApplied, migrationsRecorded } from '../../src/db/migrations';
import type { Executor } from '../../src/db/executor';
import { ROOT } from '../helpers/wrapper';
import { cypher, openTestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { runCli } from '../helpers/ingest-fixtures';

const MIGRATE_CLI = path.join(ROOT, 'dist', 'src', 'tools', 'migrate.js');
const uri = (): string => process.env.NEO4J_URI ?? '';

/**
 * An upgrade as docs/operations.md describes it: `npm run migrate` runs once, while replicas of
 * the version before keep serving. The test edits the record of migration 0001 (its statements
 * are IF NOT EXISTS, so applying it again changes nothing) and always restores it.
 */
describe('npm run migrate and the readiness of replicas during an upgrade', () => {
  let driver: Driver;
  let executor: Executor;
  let app: App | undefined;
  let original: Record<string, unknown> | undefined;

  beforeAll(async () => {
    expect(fs.existsSync(MIGRATE_CLI)).toBe(true); // npm test builds dist/ first
    ({ driver, executor } = await openTestDatabase());
    app = await createApp(testConfig(), { log: () => undefined });
    [original] = await cypher(driver, 'MATCH (m:Migration {version: 1}) RETURN m.name AS name, m.checksum AS checksum');
    expect(original?.checksum).toEqual(expect.any(String));
  });

  afterAll(async () => {
    await cypher(
      driver,
      'MERGE (m:Migration {version: 1}) SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()',
      { name: original?.name, checksum: original?.checksum },
    );
    await app?.stop();
    await driver.close();
  });

  async function readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch((app as App).url.replace('/graphql', '/readyz'));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  test('usage errors exit 2 before the database is touched', async () => {
    const run = await runCli(MIGRATE_CLI, ['--all'], 'bolt://127.0.0.1:1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown argument --all');
    expect(run.stderr).toContain('usage: npm run migrate');
    expect(run.stdout).toBe('');
  });

  test('a replica stays ready while a newer version re-records a migration, turns unready when one it knows is missing, and the migrate CLI applies it once', async () => {
    expect(await readyz()).toEqual({ status: 200, body: expect.objectContaining({ migrations: 'applied' }) });

    // A newer version edited 0001 and recorded its own checksum: this replica still serves.
    await cypher(driver, "MATCH (m:Migration {version: 1}) SET m.checksum = 'written-by-a-newer-version'");
    expect(await migrationsApplied(executor)).toBe(false);
    expect(await migrationsRecorded(executor)).toBe(true);
    expect(await readyz()).toEqual({ status: 200, body: expect.objectContaining({ migrations: 'applied' }) });

    // A migration this replica relies on is not recorded at all: it must not take traffic.
    await cypher(driver, 'MATCH (m:Migration {version: 1}) DELETE m');
    expect(await readyz()).toEqual({
      status: 503,
      body: { status: 'not ready', neo4j: 'up', migrations: 'pending' },
    });

    const run = await runCli(MIGRATE_CLI, [], uri());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('migrations: up to date\n');
    expect(run.stderr).toContain(`migration ${String(original?.name)} applied`);
    expect(run.stderr).not.toMatch(/migration 000[2-9]/);
    const [record] = await cypher(driver, 'MATCH (m:Migration {version: 1}) RETURN m.checksum AS checksum');
    expect(record?.checksum).toBe(original?.checksum);
    expect(await readyz()).toEqual({ status: 200, body: expect.objectContaining({ migrations: 'applied' }) });

    // Run again: nothing is pending, nothing is applied.
    const again = await runCli(MIGRATE_CLI, [], uri());
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('migrations: up to date\n');
    expect(again.stderr).not.toMatch(/migration \d{4}-\S+ applied/);
  });
});
