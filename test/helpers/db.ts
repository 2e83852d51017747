import type { Driver } from 'neo4j-driver';
import { CypherRegistry } from '../../src/db/cypher';
import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { migrate } from '../../src/db/migrations';
import { testConfig } from './env';

/** A real driver and executor on the test database, migrated. Close the driver in afterAll. */
export async function openTestDatabase(): Promise<{ driver: Driver; executor: Executor }> {
  const config = testConfig();
  const driver = createDriver(config.neo4j);
  const executor = new Executor(driver, CypherRegistry.load(), {
    database: config.neo4j.database,
    defaultTimeoutMs: 60_000,
  });
  await migrate(executor);
  return { driver, executor };
}

/** Runs ad-hoc Cypher for test assertions only (never used by the application). */
export async function cypher(
  driver: Driver,
  query: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  const result = await driver.executeQuery(query, params, { database: testConfig().neo4j.database });
  return result.records.map((record) => record.toObject());
}
