import fs from 'node:fs';
import path from 'node:path';
import { EXPLORER_ASSET_PREFIX, EXPLORER_PATH } from './explorer';

/** URL prefix the IDE's static files are served under (routed in http-server.ts). */
export const GRAPHIQL_ASSET_PREFIX = '/graphql/assets/';

export interface GraphiqlAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

export interface Graphiql {
  /** The IDE's HTML document: it loads only same-origin files from `GRAPHIQL_ASSET_PREFIX`. */
  page(): string;
  /** One allowlisted static file by full URL pathname (e.g. `/graphql/assets/graphiql.min.js`), or null. */
  asset(pathname: string): GraphiqlAsset | null;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The complete allowlist: URL file name → file inside an installed package. GraphiQL 3 ships a
 * prebuilt browser bundle that expects React 18's UMD builds as `window.React`/`window.ReactDOM`
 * (React 19 has no UMD build), so nothing is bundled or downloaded: the files come straight
 * from node_modules.
 */
const FILES = [
  { name: 'react.production.min.js', pkg: 'react', file: 'umd/react.production.min.js', contentType: JS },
  { name: 'react-dom.production.min.js', pkg: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: JS },
  { name: 'graphiql.min.js', pkg: 'graphiql', file: 'graphiql.min.js', contentType: JS },
  { name: 'graphiql.min.css', pkg: 'graphiql', file: 'graphiql.min.css', contentType: CSS },
] as const;

type FileName = (typeof FILES)[number]['name'];

interface ResolvedFile {
  readonly filename: string;
  readonly contentType: string;
  /** Appended to the URL in the page so a dependency upgrade is not hidden by browser caches. */
  readonly version: string;
  cached?: Buffer;
}

/**
 * What GraphiQL opens with on a first visit (it remembers the user's own query afterwards): a
 * search that shows what ZoneGraph is about, each hit with the sentences that name it and its
 * relations with their evidence. A test runs it against the seed graph.
 */
export const DEFAULT_QUERY = `# Welcome to ZoneGraph. Ctrl-Enter runs the query; Docs (top left) shows the schema.
# To explore the graph as a picture (search, expand, paths, evidence), open /explore.
#
# Find a zone by any form of its name (汉字, pinyin such as "shangdang", initials such as
# "sdjkq", or English), with the sentences that name it and its relations, each relation
# with the verbatim quote, paragraph and character span that state it.
query SearchWithEvidence {
  search(query: "上党", kinds: [ZONE], first: 3) {
    score
    matched { text kind }
    entity {
      id
      kind
      name
      englishName
      evidence { quote source { title byline } }
      relations(first: 5) {
        totalCount
        edges {
          node {
            type
            from { name }
            to { name }
            evidence { quote paragraph charStart charEnd source { title } }
          }
        }
      }
    }
  }
}
`;

/**
 * Resolves a package's file from its package.json: React 18's `exports` map does not expose
 * `umd/*`, but react and react-dom export `./package.json` and graphiql has no `exports` map.
 */
function resolvePackageFile(pkg: string, file: string): { filename: string; version: string } {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { version?: unknown };
  return {
    filename: path.join(path.dirname(manifestPath), file),
    version: typeof manifest.version === 'string' ? manifest.version : '0',
  };
}

/** JSON that is safe inside an inline <script>: no `</script>` or `<!--` can appear. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An offline GraphiQL: an HTML page plus the handful of static files it needs, read from
 * node_modules once (on first request) and kept in memory. Package paths are resolved here, at
 * boot, so a missing dependency fails startup instead of the first page load.
 */
export function createGraphiql(options: { endpoint: string }): Graphiql {
  const files = new Map<string, ResolvedFile>();
  for (const { name, pkg, file, contentType } of FILES) {
    const { filename, version } = resolvePackageFile(pkg, file);
    files.set(`${GRAPHIQL_ASSET_PREFIX}${name}`, { filename, contentType, version });
  }

  const src = (name: FileName): string => {
    const pathname = `${GRAPHIQL_ASSET_PREFIX}${name}`;
    const version = files.get(pathname)?.version ?? '0';
    return escapeAttribute(`${pathname}?v=${encodeURIComponent(version)}`);
  };

  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>ZoneGraph · GraphiQL</title>
    <link rel="stylesheet" href="${src('graphiql.min.css')}" />
    <link rel="icon" type="image/svg+xml" href="${EXPLORER_ASSET_PREFIX}favicon.svg" />
    <style>
      html, body { height: 100%; margin: 0; overflow: hidden; }
      #graphiql { height: 100vh; }
    </style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL… (or open the <a href="/explore">graph explorer</a>)</div>
    <script src="${src('react.production.min.js')}"></script>
    <script src="${src('react-dom.production.min.js')}"></script>
    <script src="${src('graphiql.min.js')}"></script>
    <script>
      (function () {
        var config = ${scriptJson({ endpoint: options.endpoint, defaultQuery: DEFAULT_QUERY, explorer: EXPLORER_PATH })};
        // A plain JSON POST (content-type: application/json), which Apollo's CSRF prevention accepts.
        var fetcher = GraphiQL.createFetcher({ url: config.endpoint, enableIncrementalDelivery: false });
        // The logo slot (top right) links to the graph explorer instead of GraphiQL's home page.
        var logo = React.createElement(
          GraphiQL.Logo,
          null,
          React.createElement('a', { className: 'graphiql-logo-link', href: config.explorer, title: 'Explore the graph as a picture' }, 'ZoneGraph · Explorer')
        );
        ReactDOM.createRoot(document.getElementById('graphiql')).render(
          React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: config.defaultQuery }, logo)
        );
      })();
    </script>
  </body>
</html>
`;

  return {
    page: () => html,
    asset(pathname) {
      const file = files.get(pathname);
      if (file === undefined) return null;
      file.cached ??= fs.readFileSync(file.filename);
      return { contentType: file.contentType, body: file.cached };
    },
  };
}

/**
 * The instance the app serves, created once when the server boots (app.ts imports it), so a
 * missing dependency fails startup rather than the first page load.
 */
export const graphiql: Graphiql = createGraphiql({ endpoint: '/graphql' });
