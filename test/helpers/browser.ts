import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { ROOT } from './wrapper';

/** Debian's Chromium (installed by .ci/install-browser); playwright-core never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots of the main states go for a reviewer (git-ignored). */
export const ARTEFACTS = path.join(ROOT, '.artifacts', 'explorer');

export function hasChromium(): boolean {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` when Chromium is installed; otherwise a skipped block whose name, and a line on
 * stderr, say so plainly (CI installs it, so CI runs these).
 */
export function describeInChromium(name: string, body: () => void): void {
  if (hasChromium()) {
    describe(name, body);
    return;
  }
  process.stderr.write(`${name}: skipped: no chromium at ${CHROMIUM} (run .ci/install-browser)\n`);
  describe.skip(`${name} (skipped: no chromium)`, body);
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a new, empty profile directory, no network services of its own
 * (background networking, component updates, sync and QUIC off), and no GPU.
 */
export async function launchBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zonegraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a test must account for: console errors and requests off the server. */
export interface PageWatch {
  readonly consoleErrors: string[];
  readonly outsideRequests: string[];
  readonly requests: string[];
}

/**
 * Records every console error, uncaught page error and request of `page`; a request counts as
 * outside when its origin is not the server's (blob: URLs of the page's own origin are inside).
 */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { consoleErrors: [], outsideRequests: [], requests: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    watch.requests.push(url);
    let requestOrigin = 'unparsable';
    try {
      requestOrigin = new URL(url).origin;
    } catch {
      // counted as outside
    }
    if (requestOrigin !== origin) watch.outsideRequests.push(url);
  });
  return watch;
}

/** Saves a screenshot of the page as .artifacts/explorer/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Decodes a PNG far enough to know it is one: the signature, every chunk's CRC, the header,
 * and the image data inflated to exactly the size its dimensions and colour type require.
 */
export function decodePng(png: Buffer): { width: number; height: number; nonWhitePixels: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) throw new Error('not a PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (;;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      const colourType = body[9];
      if (bitDepth !== 8) throw new Error(`unexpected bit depth ${bitDepth}`);
      // Canvas exports are truecolour, with or without alpha.
      channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
      if (channels === 0) throw new Error(`unexpected colour type ${colourType}`);
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) {
    throw new Error(`image data is ${raw.length} bytes, expected ${height * (stride + 1)}`);
  }
  // Undo the per-row filters (PNG spec, section 9) to get the pixels back.
  const pixels = Buffer.alloc(height * stride);
  for (let row = 0; row < height; row += 1) {
    const filter = raw[row * (stride + 1)];
    for (let i = 0; i < stride; i += 1) {
      const x = raw[row * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (pixels[row * stride + i - channels] ?? 0) : 0;
      const b = row > 0 ? (pixels[(row - 1) * stride + i] ?? 0) : 0;
      const c = row > 0 && i >= channels ? (pixels[(row - 1) * stride + i - channels] ?? 0) : 0;
      let predictor: number;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = Math.floor((a + b) / 2);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`unknown filter ${filter} in row ${row}`);
      pixels[row * stride + i] = (x + predictor) & 0xff;
    }
  }
  let nonWhitePixels = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const colour = [pixels[i], pixels[i + 1], pixels[i + 2]];
    if (colour.some((value) => value !== undefined && value < 240)) nonWhitePixels += 1;
  }
  return { width, height, nonWhitePixels };
}
