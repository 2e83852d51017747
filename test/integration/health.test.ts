import { createApp, type App } from '../../src/app';
import { launcherPids, wrapper, wrapperAsync } from '../helpers/wrapper';
import { testConfig } from '../helpers/env';

const HOME = '.neo4j/test-readyz';

async function probe(
  app: App,
  path: '/healthz' | '/readyz',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(app.url.replace('/graphql', path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/healthz and /readyz follow Neo4j', () => {
  let app: App | undefined;
  let port = 0;

  beforeAll(() => {
    const started = wrapper(['start', '--home', HOME, '--fresh']);
    expect(started.status).toBe(0);
    port = Number(/:(\d+)$/.exec(started.stdout.trim())?.[1]);
  });

  afterAll(async () => {
    await app?.stop();
    wrapper(['stop', '--home', HOME]);
    expect(launcherPids(HOME)).toEqual([]);
  });

  test('readyz turns false when Neo4j stops (requests fail with DATABASE_UNAVAILABLE) and true when it is back, while healthz stays true', async () => {
    // A short retry window, so that a request to the stopped database gives up quickly.
    app = await createApp(testConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_MAX_RETRY_MS: '1000' }), {
      log: () => undefined,
    });
    expect(await probe(app, '/readyz')).toEqual({ status: 200, body: expect.objectContaining({ status: 'ready' }) });
    expect((await probe(app, '/healthz')).status).toBe(200);

    expect((await wrapperAsync(['stop', '--home', HOME])).status).toBe(0);
    const asked = Date.now();
    const down = await probe(app, '/readyz');
    // A probe must answer, not hang: before the ping stopped retrying, this took ~35 s (the
    // driver's 30 s retry window). Each check step has a 2 s deadline; the bound is generous.
    expect(Date.now() - asked).toBeLessThan(15_000);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not ready', neo4j: 'down' });
    expect(await probe(app, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });

    // A request that needs the database gets a typed error, with no driver internals.
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ zones(first: 1) { totalCount } }' }),
    });
    const answer = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(JSON.stringify(answer)).not.toMatch(/ServiceUnavailable|bolt:|127\.0\.0\.1|stacktrace/i);

    expect((await wrapperAsync(['start', '--home', HOME, '--port', String(port)])).status).toBe(0);
    let back = await probe(app, '/readyz');
    // The driver reconnects on its own; under a loaded test run that can take several seconds.
    const giveUp = Date.now() + 60_000;
    while (back.status !== 200 && Date.now() < giveUp) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      back = await probe(app, '/readyz');
    }
    expect(back).toEqual({ status: 200, body: expect.objectContaining({ status: 'ready', migrations: 'applied' }) });
    // A stop and a start of Neo4j each take 10-30 s on a loaded machine.
  }, 180_000);

  test('killed outright (SIGKILL): once a ping fails, requests are refused at once instead of waiting out the retries, and are served again after its return without a restart', async () => {
    await app?.stop();
    // A retry window far longer than any bound below: without the breaker a read would wait it out.
    const logged: string[] = [];
    app = await createApp(testConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_MAX_RETRY_MS: '60000' }), {
      log: (line) => logged.push(line),
    });
    const warmUps = (): number => logged.filter((line) => line.startsWith('query plans warmed up')).length;
    expect(warmUps()).toBe(1);
    const read = async (): Promise<{ code: unknown; ms: number }> => {
      const started = Date.now();
      const response = await fetch(app?.url ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ zones(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
      return { code: body.errors?.[0]?.extensions?.code ?? 'OK', ms: Date.now() - started };
    };
    expect((await read()).code).toBe('OK');

    const pids = launcherPids(HOME);
    expect(pids.length).toBe(1);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    // A read in flight when Neo4j dies is given up when the next ping fails.
    const inFlight = read();
    const giveUp = Date.now() + 30_000;
    while (!app.isDatabaseDown() && Date.now() < giveUp) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.isDatabaseDown()).toBe(true);
    expect((await inFlight).code).toBe('DATABASE_UNAVAILABLE');
    // While it is down: refused without waiting for the driver (whose retries would take 60 s),
    // reads and writes alike, and nothing is sent.
    const statements = app.executor.statementCount;
    for (let i = 0; i < 3; i += 1) {
      const answer = await read();
      expect(answer.code).toBe('DATABASE_UNAVAILABLE');
      expect(answer.ms).toBeLessThan(10_000);
    }
    await expect(app.executor.write('mutations/entity-exists', { ids: ['zone:none'] })).rejects.toMatchObject({
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(app.executor.statementCount).toBe(statements);
    expect((await probe(app, '/readyz')).status).toBe(503);

    expect((await wrapperAsync(['start', '--home', HOME, '--port', String(port)])).status).toBe(0);
    // Served again, by the same process: the next successful ping closes the breaker.
    let back = await read();
    const until = Date.now() + 60_000;
    while (back.code !== 'OK' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      back = await read();
    }
    expect(back.code).toBe('OK');
    expect(app.isDatabaseDown()).toBe(false);
    // The restarted Neo4j lost its query plans: the app plans its statements again by itself,
    // and a write sent meanwhile waits for that (reads do not), so it is not planned inside its
    // own transaction timeout; it succeeds after the warm-up instead of timing out.
    const warmUpsWhenWriteSent = warmUps();
    await expect(app.executor.write('mutations/entity-exists', { ids: ['zone:none'] })).resolves.toEqual([]);
    expect(warmUps()).toBe(2);
    const planned = Date.now() + 120_000;
    while (warmUps() < 2 && Date.now() < planned) await new Promise((resolve) => setTimeout(resolve, 200));
    // The write above was sent while the warm-up ran (the read came back first): it waited.
    expect(warmUpsWhenWriteSent).toBe(1);
    expect(logged.filter((line) => line.startsWith('warm-up after'))).toEqual([]);
    expect(warmUps()).toBe(2);
  }, 360_000);
});
