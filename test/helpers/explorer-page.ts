// Functions passed to page.evaluate run in the browser, so these files see the DOM types too.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { BrowserContext, Download, Page } from 'playwright-core';
import fs from 'node:fs';
import type { DrawnStyle } from '../../web/explorer/src/types';
import { watchPage, type PageWatch } from './browser';

/** What the page's automation hook (window.zoneGraphExplorer.snapshot) reports: what is drawn. */
export interface ViewSnapshot {
  nodes: string[];
  edges: string[];
  hidden: string[];
  pinned: string[];
  typesOff: string[];
  kindsOff: string[];
  selected: string | null;
  link: string;
}

export type { DrawnStyle };

interface Hook {
  zoneGraphExplorer: {
    snapshot(): ViewSnapshot;
    pagePosition(id: string): { x: number; y: number } | null;
    drawnStyle(id: string): DrawnStyle | null;
  };
}

/**
 * Everything the page may ask its server for: itself, its assets and the public GraphQL API
 * (it has no private endpoint), plus the blob: URLs of its own downloads.
 */
const PAGE_PATHS = /^\/(explore|explore\/assets\/[\w.-]+|graphql)$/;

/** The requests of `urls` that are not the page, its assets, the GraphQL API or a blob:. */
export function requestsOffApi(urls: readonly string[]): string[] {
  return urls.filter((url) => {
    if (url.startsWith('blob:')) return false;
    try {
      return !PAGE_PATHS.test(new URL(url).pathname);
    } catch {
      return true;
    }
  });
}

/** One tab on /explore, watched for console errors and requests outside the server. */
export class ExplorerPage {
  private constructor(
    readonly page: Page,
    readonly watch: PageWatch,
    readonly origin: string,
  ) {}

  static async open(context: BrowserContext, origin: string, query = ''): Promise<ExplorerPage> {
    const page = await context.newPage();
    const explorer = new ExplorerPage(page, watchPage(page, origin), origin);
    await explorer.goto(query);
    return explorer;
  }

  /** Wraps a page that is already on /explore (opened by a test itself). */
  static async attach(page: Page, watch: PageWatch, origin: string): Promise<ExplorerPage> {
    const explorer = new ExplorerPage(page, watch, origin);
    await page.waitForFunction(() => 'zoneGraphExplorer' in window);
    await explorer.idle();
    return explorer;
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.origin}/explore${query}`);
    await this.page.waitForFunction(() => 'zoneGraphExplorer' in window);
    await this.idle();
  }

  /** Waits until no request or layout is in flight (body[data-busy="false"], twice, 100 ms apart). */
  async idle(timeout = 60_000): Promise<void> {
    const quiet = () => this.page.waitForFunction(() => document.body.dataset.busy === 'false', null, { timeout });
    await quiet();
    await this.page.waitForTimeout(100);
    await quiet();
  }

  snapshot(): Promise<ViewSnapshot> {
    return this.page.evaluate(() => (window as unknown as Hook).zoneGraphExplorer.snapshot());
  }

  /** Where the canvas draws a node or an edge, in page coordinates; null when it is not drawn. */
  pagePosition(id: string): Promise<{ x: number; y: number } | null> {
    return this.page.evaluate((key) => (window as unknown as Hook).zoneGraphExplorer.pagePosition(key), id);
  }

  drawnStyle(id: string): Promise<DrawnStyle | null> {
    return this.page.evaluate((key) => (window as unknown as Hook).zoneGraphExplorer.drawnStyle(key), id);
  }

  async status(): Promise<string> {
    return (await this.page.textContent('#status')) ?? '';
  }

  /** Clicks (or double-clicks) a node or an edge where the canvas draws it, as a person would. */
  async clickElement(id: string, options: { double?: boolean } = {}): Promise<void> {
    const position = await this.page.evaluate(
      (key) => (window as unknown as Hook).zoneGraphExplorer.pagePosition(key),
      id,
    );
    if (position === null) throw new Error(`${id} is not drawn`);
    if (options.double === true) await this.page.mouse.dblclick(position.x, position.y);
    else await this.page.mouse.click(position.x, position.y);
  }

  /**
   * Waits for `selector`, failing at once with the message if the page shows an error instead
   * (rather than after a timeout that says nothing).
   */
  async shown(selector: string, timeout = 60_000): Promise<void> {
    await this.page.waitForSelector(`${selector}, #alerts .alert:not(.notice)`, { timeout });
    if (await this.page.isVisible(selector)) return;
    throw new Error(`the page shows an error instead of ${selector}: ${JSON.stringify(await this.alerts())}`);
  }

  /** Clicks a node and waits for its card. */
  async selectNode(id: string): Promise<void> {
    await this.clickElement(id);
    await this.shown(`#panel-entity[data-entity="${id}"][aria-busy="false"]`);
    await this.idle();
  }

  /** Clicks a toolbar button that saves a file and returns the file's bytes. */
  async download(selector: string): Promise<{ name: string; body: Buffer }> {
    const [download] = (await Promise.all([this.page.waitForEvent('download'), this.page.click(selector)])) as [
      Download,
      void,
    ];
    const file = await download.path();
    return { name: download.suggestedFilename(), body: fs.readFileSync(file) };
  }

  /** Alerts shown above the graph: their text and error code. */
  alerts(): Promise<{ code: string; text: string }[]> {
    return this.page.$$eval('#alerts .alert', (items) =>
      items.map((item) => ({ code: item.getAttribute('data-code') ?? '', text: item.textContent ?? '' })),
    );
  }

  /**
   * The page logged no console error, requested nothing outside the server, and of the server
   * only the page, its assets and the public GraphQL API. `allowed`
   * names console lines a test provoked on purpose (the browser's own line for an HTTP 400
   * that a limit refusal answers), each of which must then have appeared.
   */
  expectClean(allowed: RegExp | null = null): void {
    const unexpected = this.watch.consoleErrors.filter((line) => allowed === null || !allowed.test(line));
    expect(unexpected).toEqual([]);
    if (allowed !== null) expect(this.watch.consoleErrors.length).toBeGreaterThan(0);
    expect(this.watch.outsideRequests).toEqual([]);
    expect(requestsOffApi(this.watch.requests)).toEqual([]);
    expect(this.watch.requests.length).toBeGreaterThan(0);
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
