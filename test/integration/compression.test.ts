/*
 * Compression over real HTTP: answers above the threshold come back gzip or brotli as the
 * client's Accept-Encoding asks, and decode to exactly the uncompressed answer; request bodies
 * may be compressed, and every limit still applies to what they decode to.
 */
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { createApp, type App } from '../../src/app';
import { COMPRESSION_MIN_BYTES } from '../../src/http/compression';
import { testConfig } from '../helpers/env';
import { graphqlGetUrl, httpRequest, type RawResponse } from '../helpers/http';

/** A large answer that needs no data: the schema's types with their fields and descriptions. */
const BIG = '{ __schema { types { name description fields { name description args { name description } } } } }';
const MAX_BODY = 20_000;

function decode(response: RawResponse): string {
  const coding = response.headers['content-encoding'];
  if (coding === 'gzip') return gunzipSync(response.body).toString('utf8');
  if (coding === 'br') return brotliDecompressSync(response.body).toString('utf8');
  if (coding === undefined) return response.body.toString('utf8');
  throw new Error(`unexpected content-encoding ${String(coding)}`);
}

describe('response compression', () => {
  let app: App;
  let plain: RawResponse;

  const postJson = (body: Buffer | string, headers: Record<string, string> = {}): Promise<RawResponse> =>
    httpRequest(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    app = await createApp(testConfig({ MAX_BODY_BYTES: String(MAX_BODY) }), { log: () => undefined });
    plain = await postJson(JSON.stringify({ query: BIG }));
  });
  afterAll(() => app.stop());

  test('without Accept-Encoding the answer is sent as it is, with its length', () => {
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.length).toBeGreaterThan(20_000);
    expect(String(plain.headers.vary)).toMatch(/Accept-Encoding/i);
  });

  test.each([
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.4, gzip;q=0.8', 'gzip'],
    ['*', 'br'],
  ])('Accept-Encoding: %s → %s, decoding to the same bytes, several times smaller', async (accept, coding) => {
    const response = await postJson(JSON.stringify({ query: BIG }), { 'accept-encoding': accept });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(coding);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(decode(response)).toBe(plain.body.toString('utf8'));
    expect(response.body.length * 4).toBeLessThan(plain.body.length);
  });

  test('GET answers are compressed too (with the validator unchanged)', async () => {
    const url = graphqlGetUrl(app.url, BIG);
    const headers = { 'apollo-require-preflight': 'true' };
    const identity = await httpRequest(url, { headers });
    const brotli = await httpRequest(url, { headers: { ...headers, 'accept-encoding': 'br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(decode(brotli)).toBe(identity.body.toString('utf8'));
    expect(brotli.headers.etag).toBe(identity.headers.etag);
  });

  test(`answers under ${COMPRESSION_MIN_BYTES} bytes, and refused codings, are sent as they are`, async () => {
    const small = await postJson(JSON.stringify({ query: '{ apiVersion }' }), { 'accept-encoding': 'gzip, br' });
    expect(small.body.length).toBeLessThan(COMPRESSION_MIN_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ data: { apiVersion: '0.2.0' } });
    for (const accept of ['identity', 'deflate', 'gzip;q=0, br;q=0']) {
      const big = await postJson(JSON.stringify({ query: BIG }), { 'accept-encoding': accept });
      expect(big.headers['content-encoding']).toBeUndefined();
      expect(big.body.equals(plain.body)).toBe(true);
    }
  });

  test('the IDE’s static files are compressed', async () => {
    const response = await httpRequest(`${new URL(app.url).origin}/graphql/assets/graphiql.min.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.body).length).toBeGreaterThan(response.body.length * 2);
  });
});

describe('compressed request bodies: decoded, and bounded after decoding', () => {
  let app: App;

  const postBody = (body: Buffer, headers: Record<string, string>): Promise<RawResponse> =>
    httpRequest(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const code = (response: RawResponse): unknown =>
    (JSON.parse(response.body.toString()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions
      ?.code;

  beforeAll(async () => {
    app = await createApp(testConfig({ MAX_BODY_BYTES: String(MAX_BODY) }), { log: () => undefined });
  });
  afterAll(() => app.stop());

  test.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('Content-Encoding: %s is decoded', async (coding, encode) => {
    const body = encode(Buffer.from(JSON.stringify({ query: '{ apiVersion }' })));
    const response = await postBody(body, { 'content-encoding': coding });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ data: { apiVersion: '0.2.0' } });
  });

  test('a small body that inflates past MAX_BODY_BYTES is 413, before any statement', async () => {
    // 10 MB of spaces around a valid query compress to about 10 KB of gzip (a small zip bomb).
    const padded = `{"query":"{ apiVersion }"${' '.repeat(10_000_000)}}`;
    const bomb = gzipSync(Buffer.from(padded));
    expect(bomb.length).toBeLessThan(MAX_BODY);
    const statements = app.executor.statementCount;
    for (const [coding, body] of [
      ['gzip', bomb],
      ['br', brotliCompressSync(Buffer.from(padded))],
    ] as const) {
      const response = await postBody(body, { 'content-encoding': coding });
      expect(response.status).toBe(413);
      expect(code(response)).toBe('PAYLOAD_TOO_LARGE');
    }
    expect(app.executor.statementCount).toBe(statements);
  });

  test('a body that decodes to just under the limit is accepted, just over it is refused', async () => {
    const query = JSON.stringify({ query: '{ apiVersion }' });
    const fill = (size: number): Buffer => Buffer.from(`${query.slice(0, -1)}${' '.repeat(size - query.length)}}`);
    const under = await postBody(gzipSync(fill(MAX_BODY)), { 'content-encoding': 'gzip' });
    expect(under.status).toBe(200);
    const over = await postBody(gzipSync(fill(MAX_BODY + 1)), { 'content-encoding': 'gzip' });
    expect(over.status).toBe(413);
  });

  test('an uncompressed body over the limit is still 413', async () => {
    const response = await postBody(Buffer.from(`{"query":"{ apiVersion }"${' '.repeat(MAX_BODY)}}`), {});
    expect(response.status).toBe(413);
    expect(code(response)).toBe('PAYLOAD_TOO_LARGE');
  });

  test('an unknown Content-Encoding is 415 naming the accepted ones; a corrupt body is 400', async () => {
    const statements = app.executor.statementCount;
    const zstd = await postBody(Buffer.from('whatever'), { 'content-encoding': 'zstd' });
    expect(zstd.status).toBe(415);
    expect(code(zstd)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(zstd.headers['accept-encoding']).toBe('gzip, deflate, br');
    const corrupt = await postBody(Buffer.from('this is not gzip at all'), { 'content-encoding': 'gzip' });
    expect(corrupt.status).toBe(400);
    expect(code(corrupt)).toBe('BAD_REQUEST');
    expect(app.executor.statementCount).toBe(statements);
  });
});
