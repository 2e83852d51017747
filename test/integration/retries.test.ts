/*
 * On a cluster the leader can change during a write: the driver then gets a transient error
 * (or a lost connection) and a managed transaction runs the whole unit of work again on the
 * new leader. These tests inject transient Neo4j errors into real transactions on the real
 * driver and database (the error is simulated, the rollback and the retry loop are the
 * driver's) and check what ZoneGraph makes of them.
 */
import neo4j, { type Driver, type ManagedTransaction, type SessionConfig } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { CypherRegistry } from '../../src/db/cypher';
import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { migrate } from '../../src/db/migrations';
import { ErrorCode } from '../../src/errors/error-code';
import { DatabaseUnavailableError } from '../../src/errors/errors';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { removeRun, runToken } from '../helpers/isolation';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';

const RUN = runToken('rt');
const STARTED = new Date();
const MAX_RETRY_MS = 2000;

/** A transient Neo4j error, as a cluster sends on a leader switch (Neo.TransientError.Transaction.LeaderSwitch) or a deadlock. */
function transient(code = 'Neo.TransientError.Transaction.DeadlockDetected'): Error {
  return new neo4j.Neo4jError('injected by the test', code, '50N42', 'injected');
}

describe('transient errors in the executor (real driver retries)', () => {
  let driver: Driver;
  let executor: Executor;

  beforeAll(async () => {
    const config = testConfig({ NEO4J_MAX_RETRY_MS: String(MAX_RETRY_MS) });
    driver = createDriver(config.neo4j);
    executor = new Executor(driver, CypherRegistry.load(), {
      database: config.neo4j.database,
      defaultTimeoutMs: 60_000,
    });
    // The first test reads the migrations' ledger: it must not depend on an earlier file migrating.
    await migrate(executor);
  });
  afterAll(() => driver.close());

  test('a unit of work that fails twice with a transient error is run again and succeeds', async () => {
    let attempts = 0;
    const rows = await executor.readTransaction(async (tx) => {
      attempts += 1;
      const result = await tx.query('migrations/applied');
      if (attempts <= 2) throw transient();
      return result;
    });
    expect(attempts).toBe(3);
    expect(rows.length).toBeGreaterThan(0);
  });

  test(`one that keeps failing surfaces as DATABASE_UNAVAILABLE, only after NEO4J_MAX_RETRY_MS`, async () => {
    let attempts = 0;
    const started = Date.now();
    const failure = await executor
      .writeTransaction(async () => {
        attempts += 1;
        throw transient('Neo.TransientError.General.DatabaseUnavailable');
      })
      .catch((error: unknown) => error);
    const elapsed = Date.now() - started;
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect((failure as DatabaseUnavailableError).extensions.code).toBe(ErrorCode.DATABASE_UNAVAILABLE);
    expect(attempts).toBeGreaterThanOrEqual(2);
    // The driver stops retrying once NEO4J_MAX_RETRY_MS have passed since the first failure.
    expect(elapsed).toBeGreaterThanOrEqual(MAX_RETRY_MS);
  });

  test('a client error is not retried and is not reported as unavailability', async () => {
    let attempts = 0;
    const failure = await executor
      .readTransaction(async () => {
        attempts += 1;
        throw new neo4j.Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '42001', 'bad');
      })
      .catch((error: unknown) => error);
    expect(attempts).toBe(1);
    expect(failure).not.toBeInstanceOf(DatabaseUnavailableError);
  });
});

describe('transient errors in an auto-commit read (Executor.read: the driver does not retry it, the executor does)', () => {
  let driver: Driver;

  beforeAll(() => {
    driver = createDriver(testConfig().neo4j);
  });
  afterAll(() => driver.close());

  /**
   * An executor on the real driver whose sessions' auto-commit `run` fails with `error` for the
   * first `failures` calls, after the statement really ran on Neo4j (as a connection lost while
   * the answer streams back would).
   */
  function flakyExecutor(failures: number, error: () => Error): { executor: Executor; attempts: () => number } {
    let attempts = 0;
    const flaky = new Proxy(driver, {
      get(target, property) {
        if (property !== 'session') return Reflect.get(target, property, target) as unknown;
        return (config?: SessionConfig) => {
          const session = target.session(config);
          const run = session.run.bind(session);
          session.run = ((...args: Parameters<typeof run>) => {
            attempts += 1;
            const result = run(...args);
            return attempts <= failures ? result.then(() => Promise.reject(error())) : result;
          }) as typeof session.run;
          return session;
        };
      },
    });
    const executor = new Executor(flaky, CypherRegistry.load(), {
      database: testConfig().neo4j.database,
      defaultTimeoutMs: 60_000,
      maxRetryMs: MAX_RETRY_MS,
    });
    return { executor, attempts: () => attempts };
  }

  test('a read that fails twice with a transient error is run again, answers, and counts as one unit of work', async () => {
    const { executor, attempts } = flakyExecutor(2, () => transient());
    const rows = await executor.read('migrations/applied');
    expect(attempts()).toBe(3);
    expect(rows.length).toBeGreaterThan(0);
    expect({
      statements: executor.statementCount,
      transactions: executor.transactionCount,
      open: executor.openSessions,
    }).toEqual({
      statements: 1,
      transactions: 1,
      open: 0,
    });
  });

  test('one that keeps failing surfaces as DATABASE_UNAVAILABLE, only after NEO4J_MAX_RETRY_MS', async () => {
    const { executor, attempts } = flakyExecutor(Number.MAX_SAFE_INTEGER, () =>
      transient('Neo.TransientError.General.DatabaseUnavailable'),
    );
    const started = Date.now();
    const failure = await executor.read('migrations/applied').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect(attempts()).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_RETRY_MS);
    expect(executor.openSessions).toBe(0);
  });

  test('a client error is not retried and is not reported as unavailability', async () => {
    const { executor, attempts } = flakyExecutor(
      1,
      () => new neo4j.Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '42001', 'bad'),
    );
    const failure = await executor.read('migrations/applied').catch((error: unknown) => error);
    expect(attempts()).toBe(1);
    expect(failure).not.toBeInstanceOf(DatabaseUnavailableError);
  });
});

describe('a leader switch during a mutation, over HTTP', () => {
  let app: App;
  const SOURCE = `source:${RUN}`;

  /** Makes each write transaction's work fail with a transient error after it ran, `failures` times. */
  function failWrites(failures: number): { attempts: () => number; restore(): void } {
    let attempts = 0;
    const open = app.driver.session.bind(app.driver);
    const spy = jest.spyOn(app.driver, 'session').mockImplementation((config?: SessionConfig) => {
      const session = open(config);
      const executeWrite = session.executeWrite.bind(session);
      session.executeWrite = <T>(work: (tx: ManagedTransaction) => Promise<T> | T, txConfig?: object) =>
        executeWrite(async (tx) => {
          attempts += 1;
          // The statements ran; the commit is what fails, so the driver rolls them back.
          const result = await work(tx);
          if (attempts <= failures) throw transient('Neo.TransientError.Transaction.LeaderSwitch');
          return result;
        }, txConfig);
      return session;
    });
    return { attempts: () => attempts, restore: () => spy.mockRestore() };
  }

  async function ingest(slug: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const name = `乙${RUN}${slug}公司`;
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(KEYS.editor) },
      body: JSON.stringify({
        query: 'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status } }',
        variables: {
          batch: {
            idempotencyKey: `${RUN}-${slug}`,
            entities: [
              {
                id: `enterprise:${RUN}-${slug}`,
                kind: 'ENTERPRISE',
                name,
                evidence: [{ source: SOURCE, quote: `乙${RUN}` }],
              },
            ],
          },
        },
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const stored = async (slug: string): Promise<number> => {
    const [row] = await cypher(
      app.driver,
      `OPTIONAL MATCH (n:Entity {id: $id}) OPTIONAL MATCH (l:IngestLedger {key: $key})
       RETURN count(DISTINCT n) + count(DISTINCT l) AS n`,
      { id: `enterprise:${RUN}-${slug}`, key: `${RUN}-${slug}` },
    );
    return Number(row?.n);
  };

  beforeAll(async () => {
    app = await createApp(
      testConfig({ API_KEYS, NEO4J_MAX_RETRY_MS: String(MAX_RETRY_MS), NEO4J_TX_TIMEOUT_MS: '60000' }),
      { log: () => undefined },
    );
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(KEYS.editor) },
      body: JSON.stringify({
        query: 'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status } }',
        variables: { batch: { sources: [{ id: SOURCE, publisher: 'test', text: `甲${RUN}与乙${RUN}。` }] } },
      }),
    });
    expect(await response.json()).toEqual({ data: { ingest: { status: 'APPLIED' } } });
  });
  afterAll(async () => {
    // Everything this file wrote names RUN (its source, firms and ledger keys).
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  test('the write is rolled back and run again, and applied once', async () => {
    const injected = failWrites(2);
    let answer;
    try {
      answer = await ingest('retried');
    } finally {
      injected.restore();
    }
    expect(answer.body).toEqual({ data: { ingest: { status: 'APPLIED' } } });
    expect(injected.attempts()).toBe(3);
    // The entity and its ledger row, once each.
    expect(await stored('retried')).toBe(2);
  });

  test('when the cluster does not recover within NEO4J_MAX_RETRY_MS the client gets DATABASE_UNAVAILABLE and nothing is written', async () => {
    const injected = failWrites(Number.MAX_SAFE_INTEGER);
    const started = Date.now();
    let answer;
    try {
      answer = await ingest('lost');
    } finally {
      injected.restore();
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_RETRY_MS);
    expect(injected.attempts()).toBeGreaterThanOrEqual(2);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: ErrorCode.DATABASE_UNAVAILABLE }, path: ['ingest'] }),
    ]);
    expect(await stored('lost')).toBe(0);
  });
});
