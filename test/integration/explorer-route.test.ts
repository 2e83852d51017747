import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { EXPLORER_CSP, EXPLORER_WEB_DIR, createExplorer } from '../../src/http/explorer';
import { testConfig } from '../helpers/env';

/** A request with the path sent exactly as written (fetch would normalise `..` segments away). */
function raw(
  port: number,
  method: string,
  requestPath: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: requestPath, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('GET /explore and its assets', () => {
  let app: App;
  let origin: string;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    origin = new URL(app.url).origin;
  });

  afterAll(() => app.stop());

  test('the page has a self-only CSP and references only same-origin files, with no inline code', async () => {
    const response = await fetch(`${origin}/explore?o=zone:shangdang-etdz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"]) {
      expect(EXPLORER_CSP).toContain(directive);
    }
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\{\{/);
    // Every script has a src (no inline script the CSP would block).
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(5);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/explore\/assets\//);
      expect(body?.trim()).toBe('');
    }
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(references.filter((reference) => reference !== '/graphql')).toEqual(
      references.filter((reference) => /^\/explore\/assets\/[\w.-]+(\?v=[\w.%-]+)?$/.test(reference)),
    );
  });

  test('every file the page loads is served, and every module it imports too', async () => {
    const html = await (await fetch(`${origin}/explore`)).text();
    const queue = [...html.matchAll(/\s(?:src|href)="(\/explore\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
    const seen = new Set<string>();
    while (queue.length > 0) {
      const reference = queue.shift() ?? '';
      const pathname = reference.split('?')[0] ?? '';
      if (seen.has(pathname)) continue;
      seen.add(pathname);
      const response = await fetch(`${origin}${reference}`);
      expect({ reference, status: response.status }).toEqual({ reference, status: 200 });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await response.text();
      expect(body.length).toBeGreaterThan(100);
      if (pathname.endsWith('.js')) {
        expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
        // ES module imports between our own files: './api.js'.
        for (const match of body.matchAll(/^import [^'"]*['"]\.\/([\w-]+\.js)['"]/gm)) {
          queue.push(`/explore/assets/${match[1]}`);
        }
      }
      if (reference.includes('?v=')) expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        '/explore/assets/cytoscape.min.js',
        '/explore/assets/cytoscape-fcose.js',
        '/explore/assets/main.js',
        '/explore/assets/queries.js',
        '/explore/assets/explorer.css',
      ]),
    );
    expect(seen.size).toBeGreaterThan(15);
  });

  test('HEAD answers without a body, other methods are 405, a trailing slash redirects', async () => {
    const head = await raw(app.port, 'HEAD', '/explore');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-security-policy']).toBe(EXPLORER_CSP);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const refused = await raw(app.port, method, '/explore');
      expect({ method, status: refused.status, allow: refused.headers.allow }).toEqual({
        method,
        status: 405,
        allow: 'GET, HEAD',
      });
    }
    const slash = await raw(app.port, 'GET', '/explore/?o=zone:a');
    expect(slash.status).toBe(308);
    expect(slash.headers.location).toBe('/explore?o=zone:a');
  });

  test('unknown or traversing asset paths are 404 and reveal nothing', async () => {
    for (const requestPath of [
      '/explore/assets/../../package.json',
      '/explore/assets/..%2F..%2Fpackage.json',
      '/explore/assets/%2e%2e/index.html',
      '/explore/assets/nope.js',
      '/explore/assets/',
      '/explore/assets/index.html',
      '/explore/assets/tsconfig.json',
      '/explore/assets/main.ts',
      '/explore/assets/cytoscape.cjs.js',
      '/explore/x',
    ]) {
      const response = await raw(app.port, 'GET', requestPath);
      expect({ requestPath, status: response.status }).toEqual({ requestPath, status: 404 });
      expect(response.body).not.toContain('"dependencies"');
      expect(response.body).not.toContain('<!doctype');
    }
  });

  test('production serves the same page (it needs no introspection)', async () => {
    const production = await createApp(testConfig({ NODE_ENV: 'production' }), { log: () => undefined });
    try {
      const response = await fetch(new URL('/explore', production.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
      expect(await response.text()).toContain('id="graph"');
    } finally {
      await production.stop();
    }
  });
});

describe('the Docker image', () => {
  test('its runtime stage copies the explorer’s page and stylesheet (read at boot)', () => {
    const dockerfile = fs.readFileSync(path.join(EXPLORER_WEB_DIR, '..', '..', 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.indexOf(' AS runtime'));
    expect(runtime).toMatch(/^COPY web \.\/web$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
  });
});

describe('createExplorer', () => {
  test('without the built modules the page is null (the route answers 503); with them it is served', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zonegraph-explorer-'));
    try {
      const unbuilt = createExplorer({ buildDir: empty });
      expect(unbuilt.page()).toBeNull();
      expect(unbuilt.asset('/explore/assets/main.js')).toBeNull();
      fs.writeFileSync(path.join(empty, 'main.js'), 'export {};\n');
      fs.writeFileSync(path.join(empty, 'Not-Served.js'), 'export {};\n');
      const built = createExplorer({ buildDir: empty });
      expect(built.page()).toContain('/explore/assets/main.js');
      expect(built.asset('/explore/assets/main.js')?.cacheControl).toBe('no-cache');
      expect(built.asset('/explore/assets/Not-Served.js')).toBeNull();
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a page naming an asset that does not exist fails loudly', () => {
    const web = fs.mkdtempSync(path.join(os.tmpdir(), 'zonegraph-explorer-web-'));
    try {
      for (const name of ['explorer.css', 'favicon.svg'])
        fs.copyFileSync(path.join(EXPLORER_WEB_DIR, name), path.join(web, name));
      fs.writeFileSync(path.join(web, 'index.html'), '<script src="{{asset:missing.js}}"></script>');
      const explorer = createExplorer({ webDir: web });
      expect(() => explorer.page()).toThrow(/unknown asset: missing\.js/);
    } finally {
      fs.rmSync(web, { recursive: true, force: true });
    }
  });
});
