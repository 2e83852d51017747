/*
 * CORS over real HTTP: preflights as a browser sends them (OPTIONS with Origin and
 * Access-Control-Request-*), allowed and refused, and the headers on the requests that follow.
 * Apollo's CSRF prevention stays on underneath: CORS decides what a page may read, not what runs.
 */
import { createApp, type App } from '../../src/app';
import { testConfig } from '../helpers/env';
import { httpRequest, graphqlGetUrl, type RawResponse } from '../helpers/http';
import { API_KEYS, KEYS } from '../helpers/keys';

const LISTED = 'http://127.0.0.1:5555';
const OTHER = 'https://elsewhere.example';
const QUERY = JSON.stringify({ query: '{ apiVersion }' });

const corsHeaders = (response: RawResponse): string[] =>
  Object.keys(response.headers)
    .filter((name) => name.startsWith('access-control-'))
    .sort();

const vary = (response: RawResponse): string[] =>
  String(response.headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());

function preflight(app: App, origin: string, method: string, headers: string): Promise<RawResponse> {
  return httpRequest(app.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

function post(app: App, origin: string | null, headers: Record<string, string> = {}): Promise<RawResponse> {
  return httpRequest(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin === null ? {} : { origin }), ...headers },
    body: QUERY,
  });
}

describe('CORS with an allowlist (CORS_ORIGINS)', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(testConfig({ CORS_ORIGINS: `${LISTED},https://app.example`, API_KEYS }), {
      log: () => undefined,
    });
  });
  afterAll(() => app.stop());

  test('a listed origin’s preflight is 204 with the methods and every header a client sends, keys included', async () => {
    const response = await preflight(app, LISTED, 'POST', 'content-type, authorization, x-zonegraph-bookmark');
    expect(response.status).toBe(204);
    expect(response.body.length).toBe(0);
    expect(response.headers['access-control-allow-origin']).toBe(LISTED);
    expect(response.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect(String(response.headers['access-control-allow-headers']).split(', ').sort()).toEqual(
      [
        'apollo-require-preflight',
        'authorization',
        'content-type',
        'x-api-key',
        'x-apollo-operation-name',
        'x-zonegraph-bookmark',
      ].sort(),
    );
    expect(response.headers['access-control-max-age']).toBe('600');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(vary(response)).toContain('origin');
  });

  test('a GET preflight with the header Apollo requires is allowed too', async () => {
    const response = await preflight(app, 'https://app.example', 'GET', 'apollo-require-preflight, x-api-key');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
  });

  test.each([
    ['an origin not listed', OTHER, 'POST', 'content-type'],
    ['the listed host on another port', 'http://127.0.0.1:5556', 'POST', 'content-type'],
    ['a method other than GET or POST', LISTED, 'DELETE', 'content-type'],
    ['a header ZoneGraph does not read', LISTED, 'POST', 'content-type, x-custom'],
  ])('%s: the preflight is 403 with no CORS header', async (_name, origin, method, headers) => {
    const response = await preflight(app, origin, method, headers);
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual([]);
    expect(vary(response)).toContain('origin');
    expect(JSON.parse(response.body.toString()).error).toBe('CORS preflight refused');
  });

  test('the request after the preflight: a listed origin may read the answer and the exposed headers', async () => {
    const response = await post(app, LISTED, { authorization: `Bearer ${KEYS.reader}` });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ data: { apiVersion: '0.2.0' } });
    expect(response.headers['access-control-allow-origin']).toBe(LISTED);
    expect(response.headers['access-control-expose-headers']).toBe('etag, x-zonegraph-bookmark, retry-after');
    expect(vary(response)).toContain('origin');
  });

  test('a refused origin gets the answer with no CORS header, so its page cannot read it', async () => {
    const response = await post(app, OTHER);
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual([]);
    expect(vary(response)).toContain('origin');
  });

  test('CSRF prevention stays on: a GET a page could send without a preflight is refused before any statement', async () => {
    const statements = app.executor.statementCount;
    const simple = await httpRequest(graphqlGetUrl(app.url, '{ apiVersion }'), { headers: { origin: LISTED } });
    expect(simple.status).toBe(400);
    expect(simple.body.toString()).toMatch(/CSRF/);
    const textPlain = await post(app, LISTED, { 'content-type': 'text/plain' });
    expect(textPlain.status).toBe(400);
    expect(textPlain.body.toString()).toMatch(/CSRF/);
    expect(app.executor.statementCount).toBe(statements);
    // With the header that forces a preflight, the same GET runs.
    const preflighted = await httpRequest(graphqlGetUrl(app.url, '{ apiVersion }'), {
      headers: { origin: LISTED, 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    expect(preflighted.headers['access-control-allow-origin']).toBe(LISTED);
  });

  test('an OPTIONS request that is not a preflight is answered 204 with Allow', async () => {
    const response = await httpRequest(app.url, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.allow).toBe('GET, POST, OPTIONS');
    expect(corsHeaders(response)).toEqual([]);
  });
});

describe('CORS_ORIGINS=* (public reads): any origin may read without a key, never with one', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(testConfig({ CORS_ORIGINS: `*,${LISTED}`, API_KEYS }), { log: () => undefined });
  });
  afterAll(() => app.stop());

  test('an unlisted origin’s key-less preflight and request get Access-Control-Allow-Origin: *', async () => {
    const pre = await preflight(app, OTHER, 'POST', 'content-type');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(String(pre.headers['access-control-allow-headers'])).not.toMatch(/authorization|x-api-key/);
    const response = await post(app, OTHER);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('an unlisted origin may not send a key: its preflight is refused, and a keyed request gets no CORS header', async () => {
    for (const header of ['authorization', 'x-api-key']) {
      const pre = await preflight(app, OTHER, 'POST', `content-type, ${header}`);
      expect(pre.status).toBe(403);
      expect(corsHeaders(pre)).toEqual([]);
    }
    const keyed = await post(app, OTHER, { 'x-api-key': KEYS.reader });
    expect(corsHeaders(keyed)).toEqual([]);
  });

  test('an origin listed beside * may send keys, and gets its own origin back', async () => {
    const pre = await preflight(app, LISTED, 'POST', 'content-type, authorization');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(LISTED);
  });
});

describe('CORS under the rate limit: a page can read its 429 and when to retry', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(
      testConfig({ CORS_ORIGINS: LISTED, RATE_LIMIT_IP_PER_SECOND: '1', RATE_LIMIT_IP_BURST: '1' }),
      { log: () => undefined },
    );
  });
  afterAll(() => app.stop());

  test('preflights are answered past the limit, and the 429 carries the CORS headers and Retry-After', async () => {
    expect((await preflight(app, LISTED, 'POST', 'content-type')).status).toBe(204);
    expect((await post(app, LISTED)).status).toBe(200);
    // The bucket is empty now. A preflight costs nothing to answer, and refusing it would hide
    // the 429 that follows from the page (a failed preflight is only a network error to it).
    const again = await preflight(app, LISTED, 'POST', 'content-type');
    expect(again.status).toBe(204);
    expect(again.headers['access-control-allow-origin']).toBe(LISTED);
    const limited = await post(app, LISTED);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['access-control-allow-origin']).toBe(LISTED);
    expect(String(limited.headers['access-control-expose-headers'])).toMatch(/retry-after/);
    expect(vary(limited)).toContain('origin');
    // A refused origin still gets no CORS header on its 429.
    const other = await post(app, OTHER);
    expect(other.status).toBe(429);
    expect(corsHeaders(other)).toEqual([]);
  });
});

describe('without CORS_ORIGINS: same-origin only', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
  });
  afterAll(() => app.stop());

  test('every cross-origin preflight is refused with no CORS header; the same origin needs none', async () => {
    const pre = await preflight(app, LISTED, 'POST', 'content-type');
    expect(pre.status).toBe(403);
    expect(corsHeaders(pre)).toEqual([]);
    const own = new URL(app.url).origin;
    const sameOrigin = await post(app, own);
    expect(sameOrigin.status).toBe(200);
    expect(corsHeaders(sameOrigin)).toEqual([]);
  });
});
