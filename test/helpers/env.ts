import { loadConfig, type Config } from '../../src/config';

/**
 * The configuration integration tests run with: the real Neo4j that `npm test` started
 * (NEO4J_URI is set by scripts/neo4j.js run), an ephemeral HTTP port and no auto-seeding.
 * Transactions may take 60 s instead of 5: tests check answers, not speed (the benchmarks
 * measure that), and on a shared, loaded machine the first planning of a large statement
 * alone has taken longer than 5 s. A test of the timeout itself sets its own.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  if (!process.env.NEO4J_URI) {
    throw new Error('NEO4J_URI is not set: run the tests with "npm test", which starts a local Neo4j');
  }
  return loadConfig({
    NEO4J_TX_TIMEOUT_MS: '60000',
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    SEED_ON_START: 'false',
    ...overrides,
  });
}
