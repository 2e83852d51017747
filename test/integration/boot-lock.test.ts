/*
 * Replicas that start together share one database: migrations and the first seed must run in
 * one of them, while the others wait and then find the work done. Two drivers and executors
 * stand for two processes here (the e2e replica test starts real ones).
 */
import type { Driver } from 'neo4j-driver';
import { runOnce } from '../../src/db/boot-lock';
import { CypherRegistry, readMigrations, type Migration } from '../../src/db/cypher';
import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { migrate } from '../../src/db/migrations';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';

const RUN = `bl${Date.now().toString(36)}`;

describe('boot steps run once across processes', () => {
  const drivers: Driver[] = [];
  let first: Executor;
  let second: Executor;

  function replica(): Executor {
    const config = testConfig();
    const driver = createDriver(config.neo4j);
    drivers.push(driver);
    return new Executor(driver, CypherRegistry.load(), { database: config.neo4j.database, defaultTimeoutMs: 60_000 });
  }

  beforeAll(async () => {
    first = replica();
    second = replica();
    await migrate(first);
  });
  afterAll(async () => {
    await cypher(drivers[0] as Driver, 'MATCH (l:BootLock) WHERE l.id STARTS WITH $run DELETE l', { run: RUN });
    await Promise.all(drivers.map((driver) => driver.close()));
  });

  test('two processes migrating at once: one applies a pending migration, the other waits and finds it done', async () => {
    const version = 90_000 + Math.floor(Math.random() * 9_000);
    const index = `boot_lock_test_${RUN}`;
    const extra: Migration = {
      version,
      name: `${version}-boot-lock-test`,
      statements: [`CREATE INDEX ${index} IF NOT EXISTS FOR (n:BootLockTest) ON (n.id)`],
    };
    const migrations = [...readMigrations(), extra];
    const logs: string[][] = [[], []];
    try {
      const reports = await Promise.all([
        migrate(first, migrations, (line) => logs[0]?.push(line)),
        migrate(second, migrations, (line) => logs[1]?.push(line)),
      ]);
      expect(reports.flatMap((report) => report.applied)).toEqual([extra.name]);
      expect(reports.filter((report) => report.unchanged.includes(extra.name))).toHaveLength(1);
      const [recorded] = await cypher(
        drivers[0] as Driver,
        'MATCH (m:Migration {version: $version}) RETURN count(m) AS n',
        {
          version,
        },
      );
      expect(Number(recorded?.n)).toBe(1);
    } finally {
      await cypher(drivers[0] as Driver, `DROP INDEX ${index} IF EXISTS`);
      await cypher(drivers[0] as Driver, 'MATCH (m:Migration {version: $version}) DELETE m', { version });
    }
  });

  test('while one process holds a step, another waits; its work starts only after the first finished', async () => {
    const name = `${RUN}-serial`;
    const events: string[] = [];
    let done = false;
    // a works until b has either started to wait (right) or started the same work (wrong).
    let aStarted: () => void = () => undefined;
    let bWaitsOrWorks: () => void = () => undefined;
    const aWorking = new Promise<void>((resolve) => (aStarted = resolve));
    const bMoved = new Promise<void>((resolve) => (bWaitsOrWorks = resolve));
    const step = (executor: Executor, who: 'a' | 'b'): Promise<string | null> =>
      runOnce(
        executor,
        () => Promise.resolve(!done),
        async () => {
          events.push(`${who} starts`);
          if (who === 'a') {
            aStarted();
            await bMoved;
          } else bWaitsOrWorks();
          events.push(`${who} ends`);
          done = true;
          return who;
        },
        {
          name,
          log: (line) => {
            events.push(`${who} log: ${line.replace(/ \(.*/, '')}`);
            if (who === 'b' && line.includes('waiting for')) bWaitsOrWorks();
          },
          pollMs: 100,
        },
      );
    const [a, b] = await Promise.all([step(first, 'a'), aWorking.then(() => step(second, 'b'))]);
    expect([a, b]).toEqual(['a', null]);
    expect(events.filter((event) => !event.includes('log:'))).toEqual(['a starts', 'a ends']);
    expect(events.filter((event) => event.startsWith('b log:'))).toEqual([
      expect.stringMatching(new RegExp(`^b log: ${name}: waiting for `)),
      `b log: ${name}: done by another process`,
    ]);
  });

  test('a lease whose holder died is taken over once it expires', async () => {
    const name = `${RUN}-dead`;
    const [held] = await first.write('boot/lock-acquire', { name, holder: 'a-process-that-died', leaseMs: 1500 });
    expect(held?.holder).toBe('a-process-that-died');
    const lines: string[] = [];
    const result = await runOnce(
      second,
      () => Promise.resolve(true),
      () => Promise.resolve('ran'),
      {
        name,
        log: (line) => lines.push(line),
        pollMs: 100,
      },
    );
    expect(result).toBe('ran');
    expect(lines.some((line) => line.startsWith(`${name}: waiting for a-process-that-died`))).toBe(true);
    // Released afterwards: nobody holds it.
    const [lock] = await cypher(drivers[0] as Driver, 'MATCH (l:BootLock {id: $name}) RETURN l.holder AS holder', {
      name,
    });
    expect(lock?.holder).toBeNull();
  });
});
