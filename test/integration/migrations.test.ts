import type { Driver } from 'neo4j-driver';
import { CypherRegistry } from '../../src/db/cypher';
import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { migrate, migrationsApplied } from '../../src/db/migrations';
import { testConfig } from '../helpers/env';

describe('migrations on real Neo4j', () => {
  let driver: Driver;
  let executor: Executor;

  beforeAll(() => {
    const config = testConfig();
    driver = createDriver(config.neo4j);
    executor = new Executor(driver, CypherRegistry.load(), {
      database: config.neo4j.database,
      defaultTimeoutMs: 60_000,
    });
  });
  afterAll(() => driver.close());

  async function schemaSnapshot(): Promise<unknown> {
    const constraints = await executor.read('system/constraints');
    const indexes = await executor.read('system/indexes');
    return { constraints, indexes: indexes.map(({ state: _state, ...rest }) => rest) };
  }

  test('applying migrations twice gives the same constraints and indexes', async () => {
    await migrate(executor);
    const first = await schemaSnapshot();
    const second = await migrate(executor);
    expect(second.applied).toEqual([]);
    expect(await schemaSnapshot()).toEqual(first);
    expect(await migrationsApplied(executor)).toBe(true);
  });

  test('the schema holds the id constraints and the full-text indexes with their analyzers', async () => {
    await migrate(executor);
    const constraints = (await executor.read('system/constraints')).map((row) => row.name);
    expect(constraints).toEqual(
      expect.arrayContaining(['entity_id', 'source_id', 'evidence_id', 'rel_financed_by_id']),
    );
    const indexes = await executor.read('system/indexes');
    const analyzers = Object.fromEntries(
      indexes.filter((row) => row.type === 'FULLTEXT').map((row) => [row.name, row.analyzer]),
    );
    expect(analyzers).toEqual({
      entity_names_cjk: 'cjk',
      entity_names_std: 'standard-no-stop-words',
      entity_search_keys: 'keyword',
      entity_search_cells: 'cjk',
      entity_search_keys_cjk: 'cjk',
    });
    expect(indexes.every((row) => row.state === 'ONLINE')).toBe(true);
  });

  test('the cjk and standard-no-stop-words analyzers are available', async () => {
    const analyzers = (await executor.read('system/analyzers')).map((row) => row.analyzer);
    expect(analyzers).toEqual(expect.arrayContaining(['cjk', 'standard-no-stop-words', 'keyword']));
  });

  test('applied versions are recorded in the graph', async () => {
    await migrate(executor);
    const recorded = await executor.read('migrations/applied');
    expect(recorded.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        '0001-constraints',
        '0002-relation-ids',
        '0003-indexes',
        '0004-name-claim-owner',
        '0005-merge-record-index',
      ]),
    );
  });
});
