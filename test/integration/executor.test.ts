import { randomUUID } from 'node:crypto';
import { ManagedTransaction, Session, type Driver } from 'neo4j-driver';
import { CypherRegistry } from '../../src/db/cypher';
import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { ReadGate } from '../../src/db/read-gate';
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

  test("reads leave Error.stackTraceLimit as they found it, and a failed read still fails with the driver's error", async () => {
    const limit = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = 17;
      await executor.read('migrations/applied');
      expect(Error.stackTraceLimit).toBe(17);
      const failure = executor.read('migrations/await-indexes', { timeoutSeconds: 'not a number' });
      expect(Error.stackTraceLimit).toBe(17);
      const error = await failure.catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: expect.stringMatching(/^Neo\.ClientError\./) });
      expect(Error.stackTraceLimit).toBe(17);
      // The driver's own trace of where the statement was sent is not made: a read does not
      // format a stack per statement.
      expect(String((error as { stack?: string }).stack)).not.toContain('autoCommitRead');
    } finally {
      Error.stackTraceLimit = limit;
    }
  });

  test('sends a statement only the parameters it names, undefined as null', async () => {
    // Observes the real sessions' runs (the statement still runs on Neo4j).
    const run = jest.spyOn(Session.prototype, 'run');
    const tx = jest.spyOn(ManagedTransaction.prototype, 'run');
    try {
      // await-indexes names $timeoutSeconds; a read's other fields are not sent.
      await executor.read('migrations/await-indexes', { timeoutSeconds: 30, kind: 'ZONE', unused: undefined });
      await expect(executor.read('migrations/await-indexes', { timeoutSeconds: undefined })).rejects.toBeDefined();
      await executor.readTransaction((runner) => runner.query('migrations/applied', { extra: 1 }));
      expect(run.mock.calls.map((call) => call[1])).toEqual([{ timeoutSeconds: 30 }, { timeoutSeconds: null }]);
      expect(tx.mock.calls.map((call) => call[1])).toEqual([{}]);
    } finally {
      run.mockRestore();
      tx.mockRestore();
    }
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

  describe('with a read gate (NEO4J_MAX_CONCURRENT_READS)', () => {
    const config = testConfig();
    const gated = (gate: ReadGate): Executor =>
      new Executor(driver, CypherRegistry.load(), {
        database: config.neo4j.database,
        defaultTimeoutMs: 10_000,
        readGate: gate,
      });
    /** A read transaction that stays open in Neo4j until released. */
    const holdOpen = (on: Executor): { done: Promise<unknown>; release: () => void } => {
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const done = on.readTransaction(async (tx) => {
        await tx.query('graph/version');
        await held;
      });
      return { done, release };
    };

    test('the executors of all requests share its slots; a read that finds none free within the wait is refused, unsent', async () => {
      const gate = new ReadGate(2, 300);
      const root = gated(gate);
      const holders = [holdOpen(root.forRequest()), holdOpen(root.forRequest())];
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(gate.inFlight).toBe(2);
      const other = root.forRequest();
      const sent = other.statementCount;
      await expect(other.read('graph/version')).rejects.toMatchObject({
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
        message: expect.stringContaining('busy'),
      });
      expect(gate.refused).toBe(1);
      // Not sent: no statement counted, no session opened (only the two holders hold one).
      expect(other.statementCount).toBe(sent);
      expect(other.openSessions).toBe(2);
      for (const holder of holders) holder.release();
      await Promise.all(holders.map((holder) => holder.done));
      await expect(other.read('graph/version')).resolves.toHaveLength(1);
      expect([gate.inFlight, root.openSessions]).toEqual([0, 0]);
    });

    test('many reads at once run at most the limit side by side, and all answer', async () => {
      const gate = new ReadGate(3, 60_000);
      const root = gated(gate);
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          i % 2 === 0
            ? root.forRequest().read('graph/version')
            : root.forRequest().readTransaction((tx) => tx.query('graph/version')),
        ),
      );
      const [first] = answers;
      expect(answers.every((rows) => JSON.stringify(rows) === JSON.stringify(first))).toBe(true);
      expect(gate.peak).toBe(3);
      expect([gate.inFlight, gate.queued, gate.refused]).toEqual([0, 0, 0]);
    });

    test('writes do not wait for it', async () => {
      const gate = new ReadGate(1, 200);
      const root = gated(gate);
      const [before] = await root.read('graph/version');
      const holder = holdOpen(root.forRequest());
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(gate.inFlight).toBe(1);
      // A write transaction (it ends by advancing the graph version) commits while the one slot is held.
      await root.forRequest().writeTransaction(() => Promise.resolve());
      expect([gate.inFlight, gate.refused]).toEqual([1, 0]);
      holder.release();
      await holder.done;
      const [after] = await root.read('graph/version');
      expect(after?.token).not.toEqual(before?.token);
    });
  });
});
