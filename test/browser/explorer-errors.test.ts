// Functions passed to page.evaluate run in the browser, so this file sees the DOM types too.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { createApp, type App } from '../../src/app';
import { EXPLORER_CSP } from '../../src/http/explorer';
import { loadSeed } from '../../src/ingest/seed';
import { describeInChromium, launchBrowser, screenshot, watchPage, type Browser } from '../helpers/browser';
import { testConfig } from '../helpers/env';
import { ExplorerPage } from '../helpers/explorer-page';
import { postGraphQL } from '../helpers/graphql';
import { API_KEYS, KEYS } from '../helpers/keys';
import { startTcpProxy } from '../helpers/tcp-proxy';

// A browser on a shared 2-core machine: generous per-test timeouts.
jest.setTimeout(180_000);

const ZONE = 'zone:shangdang-etdz';
/** The browser's own console line for a response with HTTP status 400 (a refused request). */
const HTTP_400_LINE = /^Failed to load resource: the server responded with a status of 400 \(Bad Request\)$/;

describeInChromium('the explorer in Chromium: errors, production mode and GraphiQL', () => {
  let browser: Browser;
  const apps: App[] = [];

  async function start(overrides: Record<string, string> = {}): Promise<{ app: App; origin: string }> {
    const app = await createApp(testConfig(overrides), { log: () => undefined });
    apps.push(app);
    return { app, origin: new URL(app.url).origin };
  }

  beforeAll(async () => {
    const { app } = await start();
    expect((await loadSeed(app.executor)).issues).toEqual([]);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.stop();
  });

  test('an unknown id in a link is a readable message, and the rest of the link still loads', async () => {
    const origin = new URL(apps[0]?.url ?? '').origin;
    const missing = 'zone:no-such-zone-in-the-graph';
    const page = await ExplorerPage.open(browser.context, origin, `?o=${missing}&o=${ZONE}&x=${missing}~5~1`);
    try {
      const alerts = await page.alerts();
      expect(alerts.map((alert) => alert.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(alerts.map((alert) => alert.text).join('\n')).toContain(`Nothing in the graph has the id ${missing}.`);
      expect((await page.snapshot()).nodes).toEqual([ZONE]);
      await screenshot(page.page, '10-error-unknown-id');
      page.expectClean();
    } finally {
      await page.close();
    }
  });

  test('a limit refusal (query cost) is a readable message and changes nothing', async () => {
    // A server with a small cost limit: opening an entity and its card fit, a page of 25
    // relations with their evidence does not (nor the card's list of 20 relations).
    const { origin } = await start({ MAX_QUERY_COST: '1000' });
    const page = await ExplorerPage.open(browser.context, origin, `?o=${ZONE}&e=${ZONE}`);
    try {
      await page.shown('#card-expand');
      const before = await page.snapshot();
      await page.page.click('#card-expand');
      const expanding = 'Expanding 上党经济技术开发区: The request was refused as too large for this server';
      await page.page.waitForFunction(
        (text) => [...document.querySelectorAll('#alerts .alert')].some((alert) => alert.textContent?.includes(text)),
        expanding,
      );
      await page.idle();
      const alerts = await page.alerts();
      const refusal = alerts.find((alert) => alert.text.includes(expanding));
      expect(refusal?.code).toBe('QUERY_TOO_COMPLEX');
      // The server's own words follow: what the request cost and what the limit is.
      expect(refusal?.text).toMatch(/costs \d+; the limit is 1000/);
      expect(alerts.every((alert) => alert.code === 'QUERY_TOO_COMPLEX')).toBe(true);
      const after = await page.snapshot();
      expect(after.nodes).toEqual(before.nodes);
      expect(after.edges).toEqual(before.edges);
      await screenshot(page.page, '11-error-limit');
      // The page logs nothing itself; the browser logs one line per HTTP 400 response.
      page.expectClean(HTTP_400_LINE);
    } finally {
      await page.close();
    }
  });

  test('a database that goes away is a readable message, not a blank page', async () => {
    const bolt = new URL(testConfig().neo4j.uri);
    const proxy = await startTcpProxy(Number(bolt.port), bolt.hostname);
    const { origin } = await start({ NEO4J_URI: `bolt://127.0.0.1:${proxy.port}`, NEO4J_MAX_RETRY_MS: '1000' });
    const page = await ExplorerPage.open(browser.context, origin, `?o=${ZONE}&e=${ZONE}`);
    try {
      await page.shown('#card-expand');
      await proxy.cut();
      await page.page.fill('#search-input', '平遥');
      await page.page.press('#search-input', 'Enter');
      await page.page.waitForSelector('#alerts .alert[data-code="DATABASE_UNAVAILABLE"]', { timeout: 60_000 });
      await page.idle();
      expect(await page.page.textContent('#alerts .alert')).toContain(
        'Search: The database is not reachable right now. Try again in a moment.',
      );
      // What was on screen stays there.
      expect((await page.snapshot()).nodes).toEqual([ZONE]);
      expect(await page.page.textContent('#card-name')).toBe('上党经济技术开发区');
      await screenshot(page.page, '12-error-database-down');
      page.expectClean();
    } finally {
      await page.close();
    }
  });

  test('a server that requires a key for reads says so, and the page works once the key is set', async () => {
    const { origin } = await start({ API_KEYS, REQUIRE_API_KEY_FOR_READS: 'true' });
    const page = await ExplorerPage.open(browser.context, origin, `?o=${ZONE}&e=${ZONE}`);
    try {
      const alerts = await page.alerts();
      expect(alerts.map((alert) => alert.code)).toEqual(['UNAUTHENTICATED']);
      expect(alerts[0]?.text).toContain('This server needs an API key for reads.');
      expect((await page.snapshot()).nodes).toEqual([]);

      page.page.once('dialog', (dialog) => void dialog.accept(KEYS.reader));
      await page.page.click('#api-key');
      await page.shown(`#panel-entity[data-entity="${ZONE}"][aria-busy="false"]`);
      await page.idle();
      expect((await page.snapshot()).nodes).toEqual([ZONE]);
      expect((await page.alerts()).map((alert) => alert.code)).toEqual(['NOTICE']);
      // The first answers were HTTP 401, which the browser logs as a failed resource.
      page.expectClean(/^Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/);
    } finally {
      await page.close();
    }
  });

  test('in production (introspection off) the page works, under a self-only Content-Security-Policy', async () => {
    const { app, origin } = await start({ NODE_ENV: 'production' });
    const { body } = await postGraphQL(app.url, '{ __schema { types { name } } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const page = await browser.context.newPage();
    const watch = watchPage(page, origin);
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (line: string) => violations.push(line));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation(line: string): void }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI}`,
        ),
      );
    });
    try {
      const response = await page.goto(`${origin}/explore`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toBe(EXPLORER_CSP);
      expect(EXPLORER_CSP).toMatch(/default-src 'self'/);
      expect(EXPLORER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
      const tab = await ExplorerPage.attach(page, watch, origin);
      await page.fill('#search-input', 'sdjkq');
      await page.press('#search-input', 'Enter');
      await page.click(`#search-results button[data-entity="${ZONE}"]`);
      await tab.shown('#card-expand');
      await page.click('#card-expand');
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('19 nodes'));
      await tab.idle();
      await screenshot(page, '13-production');
      expect(violations).toEqual([]);
      tab.expectClean();
    } finally {
      await page.close();
    }
  });

  test('GraphiQL opens with a search that shows evidence and links to the explorer', async () => {
    const origin = new URL(apps[0]?.url ?? '').origin;
    const page = await browser.context.newPage();
    const watch = watchPage(page, origin);
    try {
      await page.goto(`${origin}/graphql`);
      await page.waitForSelector('.graphiql-logo-link');
      expect(await page.textContent('.graphiql-logo-link')).toBe('ZoneGraph · Explorer');
      await page.waitForFunction(() =>
        document.querySelector('.graphiql-query-editor')?.textContent?.includes('SearchWithEvidence'),
      );
      await screenshot(page, '14-graphiql');
      await page.click('.graphiql-logo-link');
      await page.waitForURL(`${origin}/explore`);
      await page.waitForSelector('#search-input');
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.outsideRequests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
