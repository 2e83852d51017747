import { createApp, type App } from '../../src/app';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';
import { API_KEYS, KEYS, bearer } from '../helpers/keys';

/** Rate limits over real HTTP: 429 with Retry-After and a stable code, nothing executed. */
describe('rate limits per address and per key', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(
      testConfig({
        API_KEYS,
        RATE_LIMIT_IP_PER_SECOND: '1',
        RATE_LIMIT_IP_BURST: '4',
        RATE_LIMIT_KEY_PER_SECOND: '1',
        RATE_LIMIT_KEY_BURST: '2',
      }),
      { log: () => undefined },
    );
  });
  afterAll(() => app.stop());

  test('past its burst a client gets 429, Retry-After and RATE_LIMITED, and no statement runs', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(app.url, '{ apiVersion }')).status);
    expect(statuses).toEqual([200, 200, 200]);
    // A keyed request counts against the address (1 token left) and its key (burst 2).
    expect((await postGraphQL(app.url, '{ apiVersion }', {}, bearer(KEYS.reader))).status).toBe(200);
    const before = app.executor.statementCount;
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ zones(first: 1) { edges { cursor } } }' }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(app.executor.statementCount).toBe(before);
    // The health probes are never limited: an orchestrator must always be able to ask.
    expect((await fetch(app.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  test('after the wait it says, the client is served again', async () => {
    const first = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ apiVersion }' }),
    });
    const wait = Number(first.headers.get('retry-after') ?? '0');
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await postGraphQL(app.url, '{ apiVersion }')).status).toBe(200);
  });
});
