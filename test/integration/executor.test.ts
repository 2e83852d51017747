import { randomUUID } from 'node:crypto';
import type { Driver, Session } from 'neo4j-driver';
import { CypherRegistry } from '../../src/db/cypher';
import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { migrate } from '../../src/db/migrations';
import { ErrorCode } from '../../src/errors/error-code';
import { ConflictError, QueryTimeoutError } from '../../src/errors/errors';
import { testConfig } from '../helpers/env';

describe('Executor on real Neo4j', () => {
  let driver: Driver;
  let executor: Executor;
  const opened: Session[] = [];
  const closed = new Set<Session>();

  beforeAll(async () => {
    const config = testConfig();
    driver = createDriver(config.neo4j);
    const realSession = driver.session.bind(driver);
    // Observe (not replace) the real driver's sessions so the test can see which were closed.
    jest.spyOn(driver, 'session').mockImplementation((config) => {
      const session = realSession(config);
      opened.push(session);
      const close = session.close.bind(session);
      session.close = async () => {
        closed.add(session);
        return close();
      };
      return session;
    });
    executor = new Executor(driver, CypherRegistry.load(), {
      database: config.neo4j.database,
      defaultTimeoutMs: 10_000,
    });
    await migrate(executor);
  });
  afterAll(() => driver.close());

  test('closes its session when a statement throws', async () => {
    const before = opened.length;
    await expect(executor.read('migrations/await-indexes', { timeoutSeconds: 'not a number' })).rejects.toBeDefined();
    const sessions = opened.slice(before);
    expect(sessions).toHaveLength(1);
    expect(closed.has(sessions[0] as Session)).toBe(true);
  });

  test('maps a uniqueness-constraint violation to CONFLICT and closes the session', async () => {
    const id = `test:${randomUUID()}`;
    await executor.runMigrationStatement('CREATE (:Entity {id: $id})', { id });
    const before = opened.length;
    const failure = executor.runMigrationStatement('CREATE (:Entity {id: $id})', { id });
    await expect(failure).rejects.toBeInstanceOf(ConflictError);
    await expect(executor.runMigrationStatement('CREATE (:Entity {id: $id})', { id })).rejects.toMatchObject({
      extensions: { code: ErrorCode.CONFLICT },
    });
    expect(opened.slice(before).every((session) => closed.has(session))).toBe(true);
    await executor.runMigrationStatement('MATCH (n:Entity {id: $id}) DELETE n', { id });
  });

  test('maps a transaction timeout to QUERY_TIMEOUT', async () => {
    const slow = new Executor(driver, CypherRegistry.load(), {
      database: testConfig().neo4j.database,
      defaultTimeoutMs: 200,
    });
    await expect(
      slow.runMigrationStatement('UNWIND range(1, 100000000) AS x WITH x WHERE x = -1 RETURN count(*) AS n'),
    ).rejects.toBeInstanceOf(QueryTimeoutError);
  });

  test('counts every statement it sends', async () => {
    const before = executor.statementCount;
    await executor.read('migrations/applied');
    await executor.readTransaction(async (tx) => {
      await tx.query('migrations/applied');
      await tx.query('system/analyzers');
    });
    expect(executor.statementCount - before).toBe(3);
  });

  test('counts the sessions it holds open, shared with the executors it makes for requests, and none at rest', async () => {
    const request = executor.forRequest();
    expect(executor.openSessions).toBe(0);
    const seen: number[] = [];
    await executor.readTransaction(async (tx) => {
      seen.push(executor.openSessions);
      await request.readTransaction(async (inner) => {
        seen.push(executor.openSessions, request.openSessions);
        await inner.query('migrations/applied');
      });
      await tx.query('migrations/applied');
    });
    // A failing unit of work and a ping close theirs too.
    await expect(request.read('migrations/await-indexes', { timeoutSeconds: 'not a number' })).rejects.toBeDefined();
    await executor.ping();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([1, 2, 2]);
    expect([executor.openSessions, request.openSessions]).toEqual([0, 0]);
  });
});
