import { loadConfig, type Config } from '../../src/config';

/**
 * The configuration integration tests run with: the real Neo4j that `npm test` started
 * (NEO4J_URI is set by scripts/neo4j.js run), an ephemeral HTTP port and no auto-seeding.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  if (!process.env.NEO4J_URI) {
    throw new Error('NEO4J_URI is not set: run the tests with "npm test", which starts a local Neo4j');
  }
  return loadConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', SEED_ON_START: 'false', ...overrides });
}
