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
});
