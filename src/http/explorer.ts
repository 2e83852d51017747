import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/cypher';

/** Where the explorer page is served (routed in http-server.ts). */
export const EXPLORER_PATH = '/explore';
/** URL prefix of the explorer's static files. */
export const EXPLORER_ASSET_PREFIX = '/explore/assets/';

/**
 * The page's Content-Security-Policy: everything from this origin only, no inline script or
 * style, no plugins, no framing, and GraphQL requests only to this server (`connect-src`).
 * Cytoscape would insert one inline `<style>` element; the page ships that rule in its own
 * stylesheet under the id Cytoscape looks for (see web/explorer/index.html).
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of the explorer's HTML page. */
export const EXPLORER_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': EXPLORER_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export interface ExplorerAsset {
  readonly contentType: string;
  readonly body: Buffer;
  /** Files versioned in their URL may be cached; our own modules are revalidated. */
  readonly cacheControl: string;
}

export interface Explorer {
  /** The HTML page, or null when the browser modules have not been built (`npm run build`). */
  page(): string | null;
  /** One allowlisted static file by full URL pathname, or null. */
  asset(pathname: string): ExplorerAsset | null;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const SVG = 'image/svg+xml';

/** The web sources (page, stylesheet) and the directory `npm run build` compiles the modules into. */
export const EXPLORER_WEB_DIR = path.join(PROJECT_ROOT, 'web', 'explorer');
export const EXPLORER_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'web', 'explorer');

/**
 * Browser builds of the graph library, straight from node_modules: cytoscape's UMD build sets
 * `window.cytoscape`; the fCoSE layout's UMD chain (layout-base → cose-base → cytoscape-fcose)
 * sets globals in that order and registers itself with `window.cytoscape`. Nothing is bundled.
 */
const VENDOR = [
  { name: 'cytoscape.min.js', pkg: 'cytoscape', from: null, file: 'dist/cytoscape.min.js' },
  { name: 'layout-base.js', pkg: 'layout-base', from: 'cose-base', file: 'layout-base.js' },
  { name: 'cose-base.js', pkg: 'cose-base', from: 'cytoscape-fcose', file: 'cose-base.js' },
  { name: 'cytoscape-fcose.js', pkg: 'cytoscape-fcose', from: null, file: 'cytoscape-fcose.js' },
] as const;

/** A module file name the build may produce: lower-case words joined by hyphens. */
const MODULE_NAME = /^[a-z][a-z0-9-]*\.js$/;

/**
 * The directory of an installed package, found from its entry point (cytoscape's `exports`
 * map hides its package.json). `from` names the package that depends on it, so a transitive
 * dependency is found where npm put it, hoisted or not.
 */
function packageDir(pkg: string, fromDirs: readonly string[]): { dir: string; version: string } {
  const entry = require.resolve(pkg, { paths: [...fromDirs] });
  let dir = path.dirname(entry);
  for (;;) {
    const manifestPath = path.join(dir, 'package.json');
    if (fs.existsSync(manifestPath)) {
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === pkg) return { dir, version: typeof manifest.version === 'string' ? manifest.version : '0' };
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package.json of ${pkg} above ${entry}`);
    dir = parent;
  }
}

interface ServedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** Appended to the URL in the page, so an upgrade is never hidden by a browser cache. */
  readonly version: string;
  cached?: Buffer;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function contentHash(filename: string): string {
  return createHash('sha256').update(fs.readFileSync(filename)).digest('hex').slice(0, 12);
}

/**
 * The graph explorer: web/explorer/index.html with its asset references filled in, the
 * stylesheet and icon, the modules `npm run build` compiles from web/explorer/src, and the graph library
 * from node_modules. Vendor packages are resolved at boot, so a missing dependency fails
 * startup; a missing build only makes /explore answer 503 with what to run.
 */
export function createExplorer(options: { webDir?: string; buildDir?: string } = {}): Explorer {
  const webDir = options.webDir ?? EXPLORER_WEB_DIR;
  const buildDir = options.buildDir ?? EXPLORER_BUILD_DIR;
  const files = new Map<string, ServedFile>();
  const vendorDirs = new Map<string, string>();
  for (const { name, pkg, from, file } of VENDOR) {
    const fromDirs = from === null ? [PROJECT_ROOT] : [vendorDirs.get(from) ?? PROJECT_ROOT];
    const { dir, version } = packageDir(pkg, fromDirs);
    vendorDirs.set(pkg, dir);
    files.set(name, {
      filename: path.join(dir, file),
      contentType: JS,
      cacheControl: 'public, max-age=86400',
      version,
    });
  }
  for (const [name, contentType] of [
    ['explorer.css', CSS],
    ['favicon.svg', SVG],
  ] as const) {
    const filename = path.join(webDir, name);
    // Versioned by a hash of their content, so they may be cached like the vendor files.
    files.set(name, { filename, contentType, cacheControl: 'public, max-age=86400', version: contentHash(filename) });
  }
  const template = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');

  let html: string | null = null;
  const built = (): boolean => {
    if (html !== null) return true;
    if (!fs.existsSync(path.join(buildDir, 'main.js'))) return false;
    for (const name of fs.readdirSync(buildDir)) {
      if (!MODULE_NAME.test(name) || files.has(name)) continue;
      // ES modules import each other by bare file name, so they cannot carry a version in the
      // URL; they are small and revalidated on every load instead.
      files.set(name, { filename: path.join(buildDir, name), contentType: JS, cacheControl: 'no-cache', version: '' });
    }
    html = template.replace(/\{\{asset:([a-z0-9.-]+)\}\}/g, (_match, name: string) => {
      const file = files.get(name);
      if (file === undefined) throw new Error(`web/explorer/index.html names an unknown asset: ${name}`);
      const query = file.version === '' ? '' : `?v=${encodeURIComponent(file.version)}`;
      return escapeAttribute(`${EXPLORER_ASSET_PREFIX}${name}${query}`);
    });
    return true;
  };

  return {
    page: () => (built() ? html : null),
    asset(pathname) {
      if (!pathname.startsWith(EXPLORER_ASSET_PREFIX) || !built()) return null;
      const file = files.get(pathname.slice(EXPLORER_ASSET_PREFIX.length));
      if (file === undefined) return null;
      file.cached ??= fs.readFileSync(file.filename);
      return { contentType: file.contentType, body: file.cached, cacheControl: file.cacheControl };
    },
  };
}

/** The instance the app serves, created when the server boots (app.ts imports it). */
export const explorer: Explorer = createExplorer();
