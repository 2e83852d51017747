import { CypherRegistry } from '../db/cypher';
import { createDriver } from '../db/driver';
import { Executor } from '../db/executor';
import { migrate } from '../db/migrations';
import { ConfigError, loadConfig } from '../config';

/**
 * Opens the database for a command-line tool (seed, ingest, export): validated config, one
 * driver, migrations applied. The tool's work runs in `work`; the driver is always closed.
 */
export async function withDatabase(work: (executor: Executor) => Promise<number>): Promise<never> {
  let code = 1;
  try {
    const config = loadConfig();
    const driver = createDriver(config.neo4j);
    try {
      const executor = new Executor(driver, CypherRegistry.load(), {
        database: config.neo4j.database,
        defaultTimeoutMs: Math.max(config.limits.txTimeoutMs, 120_000),
        maxRetryMs: config.neo4j.maxRetryMs,
      });
      await migrate(executor, undefined, (line) => process.stderr.write(`${line}\n`));
      code = await work(executor);
    } finally {
      await driver.close();
    }
  } catch (error) {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    code = error instanceof ConfigError ? 2 : 1;
  }
  process.exit(code);
}
