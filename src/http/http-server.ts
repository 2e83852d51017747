import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { RequestContext } from '../context';
import { ConfigError } from '../config';
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
}

export interface HttpServerOptions {
  readonly maxBodyBytes: number;
  readonly buildContext: (request: http.IncomingMessage) => Promise<RequestContext>;
  /** Cross-origin access to /graphql (CORS_ORIGINS); without one, same-origin only. */
  readonly cors?: CorsPolicy;
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

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz' || url.pathname === '/readyz') {
      const { status, body } = await (url.pathname === '/healthz' ? handlers.healthz() : handlers.readyz());
      sendJson(res, status, body);
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
    if (url.pathname !== '/graphql') {
      sendJson(res, 404, { error: 'not found', see: '/graphql' });
      return;
    }
    if (options.cors?.handle(req, res)) return;
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
        sendJson(res, 400, graphQLErrorBody('The request body is not valid JSON.', 'BAD_REQUEST'));
        return;
      }
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers: headerMap(req),
      search: url.search,
      body,
    };
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
      // Not modified (src/http/http-cache.ts): the validator and policy, no body.
      res.removeHeader('content-type');
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
