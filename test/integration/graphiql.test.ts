import http from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { createApp, type App } from '../../src/app';
import { DEFAULT_QUERY } from '../../src/http/graphiql';
import { loadSeed } from '../../src/ingest/seed';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

/** A GET with the path sent exactly as written (fetch would normalise `..` segments away). */
function rawGet(port: number, path: string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'] ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('offline GraphiQL at GET /graphql', () => {
  let app: App;
  let origin: string;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    origin = new URL(app.url).origin;
    expect((await loadSeed(app.executor)).issues).toEqual([]);
  });

  afterAll(async () => {
    await app.stop();
  });

  async function fetchPage(): Promise<{ response: Response; html: string }> {
    const response = await fetch(app.url, { headers: { accept: 'text/html' } });
    return { response, html: await response.text() };
  }

  test('serves an HTML page that mounts GraphiQL from same-origin assets only', async () => {
    const { response, html } = await fetchPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<div id="graphiql">');
    expect(html).toContain('GraphiQL.createFetcher');
    expect(html).toContain('query SearchWithEvidence');

    // Nothing points at another host, and there are no inline event handlers.
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*\/\//i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);

    // The only other references are the link to the explorer and its icon, on this server too.
    const others = ['/explore', '/explore/assets/favicon.svg'];
    const all = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(all.filter((reference) => others.includes(reference))).toEqual(others.slice().reverse());
    const references = all.filter((reference) => !others.includes(reference));
    expect(references.length).toBeGreaterThanOrEqual(4);
    for (const reference of references) expect(reference).toMatch(/^\/graphql\/assets\/[\w.-]+(\?[\w.=%-]*)?$/);
  });

  test('opens with a search that shows evidence, and links to the explorer', async () => {
    const { html } = await fetchPage();
    // The default query and the logo link travel in the page's config (as JSON).
    expect(html).toContain('"explorer":"/explore"');
    expect(html).toContain('GraphiQL.Logo');

    const { status, body } = await postGraphQL(app.url, DEFAULT_QUERY);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    type Hit = {
      entity: {
        id: string;
        evidence: { quote: string }[];
        relations: { totalCount: number; edges: { node: { evidence: { quote: string; charEnd: number }[] } }[] };
      };
    };
    const hits = body.data?.search as Hit[];
    expect(hits.map((hit) => hit.entity.id)).toEqual(['zone:shangdang-etdz']);
    const [zone] = hits;
    expect(zone?.entity.evidence.length).toBeGreaterThan(0);
    expect(zone?.entity.relations.totalCount).toBeGreaterThan(5);
    expect(zone?.entity.relations.edges).toHaveLength(5);
    for (const edge of zone?.entity.relations.edges ?? []) {
      expect(edge.node.evidence.length).toBeGreaterThan(0);
      for (const item of edge.node.evidence) expect(item.quote.length).toBeGreaterThan(0);
    }
  });

  test('every asset the page references is served with its content type and a real body', async () => {
    const { html } = await fetchPage();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1] ?? '');
    const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(scripts).toHaveLength(3);
    expect(styles).toHaveLength(1);

    const expected = [
      ...scripts.map((path) => ({ path, type: /^text\/javascript/ })),
      ...styles.map((path) => ({ path, type: /^text\/css/ })),
    ];
    for (const { path, type } of expected) {
      const response = await fetch(`${origin}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
      const body = await response.text();
      expect(body.length).toBeGreaterThan(5000);
    }
  });

  test('unknown or traversing asset paths are 404', async () => {
    for (const path of [
      '/graphql/assets/../../package.json',
      '/graphql/assets/..%2F..%2Fpackage.json',
      '/graphql/assets/nope.js',
      '/graphql/assets/',
      '/graphql/assets/graphiql.min.js.map',
    ]) {
      const response = await rawGet(app.port, path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.contentType).toMatch(/^application\/json/);
      expect(response.body).not.toContain('"dependencies"');
    }
  });

  test('the full introspection query GraphiQL and code generators send is answered in development', async () => {
    for (const options of [{}, { descriptions: true, inputValueDeprecation: true, schemaDescription: true }]) {
      const { status, body } = await postGraphQL(app.url, getIntrospectionQuery(options));
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      const schema = body.data?.__schema as { types: { name: string }[] };
      expect(schema.types.map((type) => type.name)).toEqual(expect.arrayContaining(['Zone', 'Relation', 'Evidence']));
    }
  });

  test('no error carries a stack trace, even in development', async () => {
    const dev = await createApp(testConfig({ NODE_ENV: 'development' }), { log: () => undefined });
    try {
      const { body } = await postGraphQL(dev.url, '{ zones(after: "bm90LWEtY3Vyc29y") { totalCount } }');
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.js:\d+|node_modules/);
    } finally {
      await dev.stop();
    }
  });

  test('a JSON POST still executes GraphQL', async () => {
    const { status, body } = await postGraphQL(app.url, '{ apiVersion }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(typeof body.data?.apiVersion).toBe('string');
  });

  test('a GET with a query and accept: application/json gets JSON, not the IDE', async () => {
    const url = `${app.url}?query=${encodeURIComponent('{ apiVersion }')}`;
    // The header Apollo's CSRF prevention asks of GET operations (a browser cannot send it cross-site).
    const allowed = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await allowed.json()) as { data?: { apiVersion?: unknown } };
    expect(typeof body.data?.apiVersion).toBe('string');

    // Without it, CSRF prevention still answers, and still in JSON.
    const blocked = await fetch(url, { headers: { accept: 'application/json' } });
    expect(blocked.status).toBe(400);
    expect(blocked.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await blocked.text()).toMatch(/CSRF/i);
  });
});
