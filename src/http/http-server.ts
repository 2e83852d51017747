import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { RequestContext } from '../context';
import { ConfigError } from '../config';
import { ErrorCode } from '../errors/error-code';
import { EXPLORER_ASSET_PREFIX, EXPLORER_PAGE_HEADERS, EXPLORER_PATH } from './explorer';
import { readRequestBody, RequestBodyError, sendBody } from './compression';
import { appendVary, type CorsPolicy } from './cors';

export interface HttpHandlers {
  /** Liveness: the process answers. */
  healthz(): Promise<{ status: number; body: unknown }>;
  /** Readiness: Neo4j answers and migrations are applied. */
  readyz(): Promise<{ status: number; body: unknown }>;
  /** The offline GraphQL IDE, or null when none is served. */
  ide(): string | null;
  /** A static file of the IDE by URL pathname (under /graphql/assets/), or null when unknown. */
  asset?(pathname: string): { contentType: string; body: Buffer } | null;
  /** The graph explorer's page, or null when it is not built (answered with 503). */
  explorerPage?(): string | null;
  /** A static file of the explorer by URL pathname (under /explore/assets/), or null when unknown. */
  explorerAsset?(pathname: string): { contentType: string; body: Buffer; cacheControl: string } | null;
}

export interface HttpServerOptions {
  readonly maxBodyBytes: number;
  /**
   * Seconds the request must wait under the rate limits, or null when it may proceed; asked
   * before the body is read, for every path but the health probes.
   */
  readonly rateLimit?: (request: http.IncomingMessage) => number | null;
  readonly buildContext: (request: http.IncomingMessage) => Promise<RequestContext>;
  /**
   * Trusted documents: given the operation's text and persisted-query id, the text to run, or a
   * refusal (src/http/trusted-documents.ts). Absent: requests go to Apollo as they are.
   */
  readonly trustedDocument?: (
    request: http.IncomingMessage,
    query: string | undefined,
    hash: string | undefined,
  ) => { query?: string } | { status: number; code: string; message: string };
  /** Cross-origin access to /graphql (CORS_ORIGINS); without one, same-origin only. */
  readonly cors?: CorsPolicy;
}

/** The operation text and persisted-query id of a GET's search or a POST's JSON body. */
function operationOf(body: unknown, url: URL, method: string): { query?: string; hash?: string } {
  let query: unknown;
  let extensions: unknown;
  if (method === 'GET') {
    query = url.searchParams.get('query') ?? undefined;
    const raw = url.searchParams.get('extensions');
    try {
      extensions = raw === null ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      extensions = undefined; // Apollo refuses it with its own message.
    }
  } else if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    ({ query, extensions } = body as { query?: unknown; extensions?: unknown });
  }
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  const hash = typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
  return { ...(typeof query === 'string' ? { query } : {}), ...(hash === undefined ? {} : { hash }) };
}

/** The request with the operation text set and the persisted-query id removed (it is resolved). */
function withQuery(body: unknown, url: URL, method: string, query: string): { body: unknown; search: string } {
  if (method === 'GET') {
    const params = new URLSearchParams(url.searchParams);
    params.set('query', query);
    params.delete('extensions');
    return { body, search: `?${params.toString()}` };
  }
  const { extensions, ...rest } = body as { extensions?: Record<string, unknown> };
  const { persistedQuery: _resolved, ...others } = extensions ?? {};
  return {
    body: { ...rest, query, ...(Object.keys(others).length > 0 ? { extensions: others } : {}) },
    search: url.search,
  };
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  res.end(text);
}

function graphQLErrorBody(message: string, code: string): unknown {
  return { errors: [{ message, extensions: { code } }] };
}

function headerMap(req: http.IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function wantsHtml(req: http.IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * A small Node `http` integration for Apollo Server: it owns body limits, health endpoints and
 * the offline IDE, and hands GraphQL requests to `executeHTTPGraphQLRequest` so Apollo keeps
 * doing content negotiation, CSRF prevention and error formatting.
 */
export function createRequestHandler(
  apollo: ApolloServer<RequestContext>,
  handlers: HttpHandlers,
  options: HttpServerOptions,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // Nothing about the failure is sent: the client gets a generic 500.
      process.stderr.write(`http handler error: ${String(error instanceof Error ? error.stack : error)}\n`);
      if (!res.headersSent) sendJson(res, 500, graphQLErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.end();
    });
  };

  /**
   * GET or HEAD of the explorer's page or one of its allowlisted files. The page carries a
   * Content-Security-Policy that allows this origin only (EXPLORER_CSP); it talks to /graphql
   * like any client, so every GraphQL limit applies to it.
   */
  function serveExplorer(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed', allow: 'GET, HEAD' }, { allow: 'GET, HEAD' });
      return;
    }
    const head = req.method === 'HEAD';
    if (url.pathname === EXPLORER_PATH) {
      const page = handlers.explorerPage?.() ?? null;
      if (page === null) {
        const text = 'The explorer is not built: run `npm run build` (npm start does), then reload.\n';
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end(head ? undefined : text);
        return;
      }
      res.writeHead(200, { ...EXPLORER_PAGE_HEADERS, 'content-length': Buffer.byteLength(page) });
      res.end(head ? undefined : page);
      return;
    }
    const asset = handlers.explorerAsset?.(url.pathname) ?? null;
    if (asset === null) {
      sendJson(res, 404, { error: 'not found', see: EXPLORER_PATH });
      return;
    }
    res.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': asset.body.length,
      'cache-control': asset.cacheControl,
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    });
    res.end(head ? undefined : asset.body);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz' || url.pathname === '/readyz') {
      const { status, body } = await (url.pathname === '/healthz' ? handlers.healthz() : handlers.readyz());
      sendJson(res, status, body);
      return;
    }
    // CORS before the rate limit: a preflight (no statement, nothing read) is answered without
    // taking a token, and a 429 carries the origin's CORS headers, so a page on another origin
    // sees the refusal and its Retry-After instead of a bare network error.
    if (url.pathname === '/graphql' && options.cors?.handle(req, res)) return;
    const wait = options.rateLimit?.(req) ?? null;
    if (wait !== null) {
      sendJson(
        res,
        429,
        {
          errors: [
            {
              message: `Too many requests: the rate limit is reached; retry after ${wait} s.`,
              extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: wait },
            },
          ],
        },
        { 'retry-after': String(wait) },
      );
      return;
    }
    if (url.pathname.startsWith('/graphql/assets/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const asset = handlers.asset?.(url.pathname) ?? null;
      if (asset === null) {
        sendJson(res, 404, { error: 'not found', see: '/graphql' });
        return;
      }
      res.statusCode = 200;
      res.setHeader('content-type', asset.contentType);
      res.setHeader('cache-control', 'public, max-age=86400');
      res.setHeader('x-content-type-options', 'nosniff');
      await sendBody(req, res, asset.body);
      return;
    }
    if (url.pathname === `${EXPLORER_PATH}/`) {
      res.writeHead(308, { location: `${EXPLORER_PATH}${url.search}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (url.pathname === EXPLORER_PATH || url.pathname.startsWith(EXPLORER_ASSET_PREFIX)) {
      serveExplorer(req, res, url);
      return;
    }
    if (url.pathname !== '/graphql') {
      sendJson(res, 404, { error: 'not found', see: '/graphql' });
      return;
    }
    if (wantsHtml(req, url)) {
      const page = handlers.ide();
      if (page !== null) {
        res.statusCode = 200;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.setHeader('x-content-type-options', 'nosniff');
        await sendBody(req, res, page);
        return;
      }
    }
    let rawBody = '';
    try {
      rawBody = req.method === 'POST' ? await readRequestBody(req, options.maxBodyBytes) : '';
    } catch (error) {
      if (error instanceof RequestBodyError) {
        sendJson(res, error.status, graphQLErrorBody(error.message, error.code), error.headers);
        return;
      }
      throw error;
    }
    let body: unknown = rawBody;
    const contentType = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && contentType.toLowerCase().includes('json')) {
      try {
        body = rawBody === '' ? {} : (JSON.parse(rawBody) as unknown);
      } catch {
        sendJson(res, 400, graphQLErrorBody('The request body is not valid JSON.', ErrorCode.BAD_REQUEST));
        return;
      }
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let search = url.search;
    if (options.trustedDocument !== undefined && (method === 'GET' || method === 'POST')) {
      const operation = operationOf(body, url, method);
      const resolved = options.trustedDocument(req, operation.query, operation.hash);
      if ('code' in resolved) {
        sendJson(res, resolved.status, graphQLErrorBody(resolved.message, resolved.code));
        return;
      }
      if (resolved.query !== undefined && operation.hash !== undefined) {
        ({ body, search } = withQuery(body, url, method, resolved.query));
      }
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers: headerMap(req), search, body };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.buildContext(req),
    });
    for (const [key, value] of response.headers) {
      if (key === 'vary') appendVary(res, value);
      else res.setHeader(key, value);
    }
    res.statusCode = response.status ?? 200;
    // A refusal before execution (a bad key, CSRF) may come without a policy: never store it.
    if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store');
    if (res.statusCode === 304) {
      // Not modified (src/http/http-cache.ts): the validator and policy, no body, and the Vary
      // the 200 would have had (RFC 9110 §15.4.5): the answer it stands for varies by coding.
      res.removeHeader('content-type');
      appendVary(res, 'Accept-Encoding');
      res.end();
      return;
    }
    if (response.body.kind === 'complete') {
      await sendBody(req, res, response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** Starts listening and resolves with the bound port (useful when PORT=0 in tests). */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // Errors that mean the configuration is wrong name the variable, like config.ts does.
    const fail = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL' || error.code === 'EAI_AGAIN') {
        reject(new ConfigError('HOST', `cannot listen on "${host}" (${error.code})`));
      } else if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(new ConfigError('PORT', `cannot listen on port ${port} (${error.code})`));
      } else reject(error);
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
