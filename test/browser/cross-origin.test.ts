// Functions passed to page.evaluate run in the browser, so this file sees the DOM types too.
/// <reference lib="dom" />
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app';
import { describeInChromium, launchBrowser, type Browser } from '../helpers/browser';
import { testConfig } from '../helpers/env';

jest.setTimeout(180_000);

/** A web app on its own loopback port: one empty page, so that its origin is its own. */
async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another app</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * What a browser does with CORS_ORIGINS (issue 13): a page on another loopback port that the
 * list names reads the API (JSON POST, so the browser sends a preflight first); a page on a
 * port the list does not name is stopped by the browser itself.
 */
describeInChromium('a web app on another origin, in Chromium', () => {
  let browser: Browser;
  let app: App;
  let allowed: Awaited<ReturnType<typeof pageServer>>;
  let refused: Awaited<ReturnType<typeof pageServer>>;

  beforeAll(async () => {
    allowed = await pageServer();
    refused = await pageServer();
    app = await createApp(testConfig({ CORS_ORIGINS: allowed.origin }), { log: () => undefined });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await allowed?.close();
    await refused?.close();
  });

  /** Opens `origin` and posts a query to the API from the page, as a web app would. */
  async function callFrom(origin: string): Promise<{ ok: boolean; body?: unknown; error?: string }> {
    const page = await browser.context.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(async (url) => {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ apiVersion }' }),
          });
          return { ok: response.ok, body: (await response.json()) as unknown };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      }, app.url);
    } finally {
      await page.close();
    }
  }

  test('an origin in CORS_ORIGINS reads the API; another is stopped by the browser', async () => {
    const answer = await callFrom(allowed.origin);
    expect(answer).toEqual({ ok: true, body: { data: { apiVersion: expect.any(String) as unknown } } });

    const stopped = await callFrom(refused.origin);
    expect(stopped.ok).toBe(false);
    // The browser refuses to hand the answer to the page: fetch rejects with a TypeError.
    expect(stopped.error).toMatch(/TypeError/);
  });
});
