import { ConfigError, loadConfig } from '../../src/config';

const base = { NEO4J_URI: 'bolt://localhost:7687' };

describe('loadConfig', () => {
  test('applies documented defaults', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(4000);
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.limits.maxBodyBytes).toBe(100_000);
    expect(config.seedOnStart).toBe(true);
    expect(config.neo4j.maxRetryMs).toBe(10_000);
    expect(config.neo4j.maxConcurrentReads).toBe(16);
  });

  test('NEO4J_MAX_CONCURRENT_READS takes 0 (no limit) up to 10000 and refuses anything else, naming it', () => {
    expect(loadConfig({ ...base, NEO4J_MAX_CONCURRENT_READS: '0' }).neo4j.maxConcurrentReads).toBe(0);
    expect(loadConfig({ ...base, NEO4J_MAX_CONCURRENT_READS: '4' }).neo4j.maxConcurrentReads).toBe(4);
    for (const bad of ['-1', '10001', '2.5', 'many']) {
      expect(() => loadConfig({ ...base, NEO4J_MAX_CONCURRENT_READS: bad })).toThrow(/NEO4J_MAX_CONCURRENT_READS/);
    }
  });

  test('NEO4J_MAX_RETRY_MS takes 0 (no retry) up to 600000 and refuses anything else, naming it', () => {
    expect(loadConfig({ ...base, NEO4J_MAX_RETRY_MS: '0' }).neo4j.maxRetryMs).toBe(0);
    expect(loadConfig({ ...base, NEO4J_MAX_RETRY_MS: '2500' }).neo4j.maxRetryMs).toBe(2500);
    for (const bad of ['-1', '600001', 'soon']) {
      expect(() => loadConfig({ ...base, NEO4J_MAX_RETRY_MS: bad })).toThrow(/NEO4J_MAX_RETRY_MS/);
    }
  });

  test.each([['abc'], ['-1'], ['70000'], ['4000.5']])('rejects PORT=%s naming the variable', (port) => {
    expect(() => loadConfig({ ...base, PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: port })).toThrow(/PORT/);
  });

  test.each([['not a uri'], ['http://localhost:7474'], ['']])('rejects NEO4J_URI=%p naming the variable', (uri) => {
    expect(() => loadConfig({ NEO4J_URI: uri })).toThrow(/NEO4J_URI/);
  });

  test('accepts every Neo4j scheme', () => {
    for (const uri of ['bolt://h:1', 'neo4j://h', 'neo4j+s://h.example', 'bolt+ssc://h']) {
      expect(loadConfig({ NEO4J_URI: uri }).neo4j.uri).toBe(uri);
    }
  });

  test('rejects a malformed boolean and NODE_ENV', () => {
    expect(() => loadConfig({ ...base, SEED_ON_START: 'maybe' })).toThrow(/SEED_ON_START/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });
});
