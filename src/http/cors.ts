import type http from 'node:http';
import type { CorsOrigins } from '../config';

/** Methods a cross-origin page may use on /graphql. */
export const CORS_METHODS = ['GET', 'POST', 'OPTIONS'] as const;

/**
 * Request headers a cross-origin page may send without a key: the JSON content type, the
 * headers that satisfy Apollo's CSRF prevention, and the read-your-writes bookmark (issue 12).
 */
export const CORS_HEADERS = [
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-zonegraph-bookmark',
] as const;

/** The headers that carry an API key: allowed only to origins listed by name. */
export const CORS_KEY_HEADERS = ['authorization', 'x-api-key'] as const;

/** Response headers a page may read: the cache validator, the write bookmark, a rate limit's wait. */
export const CORS_EXPOSED_HEADERS = ['etag', 'x-zonegraph-bookmark', 'retry-after'] as const;

/** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours). */
export const CORS_MAX_AGE_SECONDS = 600;

/** Adds names to the response's `Vary` header, keeping what is there and listing each once. */
export function appendVary(res: http.ServerResponse, ...names: string[]): void {
  const current = res.getHeader('vary');
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const lower = new Set(listed.map((name) => name.toLowerCase()));
  for (const name of names) if (!lower.has(name.toLowerCase())) listed.push(name);
  res.setHeader('vary', listed.join(', '));
}

function carriesKey(req: http.IncomingMessage): boolean {
  return CORS_KEY_HEADERS.some((name) => req.headers[name] !== undefined);
}

function requestedHeaders(req: http.IncomingMessage): string[] {
  const raw = req.headers['access-control-request-headers'];
  return (typeof raw === 'string' ? raw : '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

/**
 * Cross-origin access to /graphql, from an allowlist (CORS_ORIGINS):
 *
 * - a listed origin may use GET and POST with every header ZoneGraph reads, keys included;
 * - with `*`, any other origin may read without a key (its preflight may not ask for
 *   `authorization` or `x-api-key`), and gets `Access-Control-Allow-Origin: *`;
 * - any other origin gets no CORS header at all, so the browser keeps the answer from the page;
 *   its preflight is answered 403.
 *
 * Credentials (cookies) are never allowed: keys travel in headers, so pages need no
 * `credentials: 'include'`. CORS only decides what a browser shows to a page; Apollo's CSRF
 * prevention still refuses a GET or POST that a browser could send without a preflight.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(private readonly config: CorsOrigins) {
    this.origins = new Set(config.origins);
  }

  /** What the origin may do: everything (listed), key-less requests (`*`), or nothing. */
  private grant(origin: string): 'listed' | 'any' | null {
    if (this.origins.has(origin.toLowerCase())) return 'listed';
    return this.config.anyOrigin ? 'any' : null;
  }

  /**
   * Applies the policy to a request for /graphql. Answers preflights and other OPTIONS requests
   * itself and returns true; on any other request it adds the CORS headers the origin is granted
   * (if any) and returns false, for the request to be handled as usual.
   */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    // The answer depends on Origin whether or not it is granted, so a cache keeps them apart.
    appendVary(res, 'Origin');
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    const method = (req.method ?? 'GET').toUpperCase();
    const preflight = method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string';
    if (preflight && origin !== null) {
      this.preflight(req, res, origin);
      return true;
    }
    const grant = origin === null ? null : this.grant(origin);
    const allowed = grant === 'listed' || (grant === 'any' && !carriesKey(req));
    if (allowed && origin !== null) {
      res.setHeader('access-control-allow-origin', grant === 'listed' ? origin : '*');
      res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
    }
    if (method === 'OPTIONS') {
      res.writeHead(204, { allow: CORS_METHODS.join(', '), 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    return false;
  }

  private preflight(req: http.IncomingMessage, res: http.ServerResponse, origin: string): void {
    appendVary(res, 'Access-Control-Request-Method', 'Access-Control-Request-Headers');
    const grant = this.grant(origin);
    const method = String(req.headers['access-control-request-method']).trim().toUpperCase();
    const allowedHeaders: readonly string[] =
      grant === 'listed' ? [...CORS_HEADERS, ...CORS_KEY_HEADERS] : grant === 'any' ? CORS_HEADERS : [];
    const refused =
      grant === null
        ? `origin ${origin} is not in CORS_ORIGINS`
        : !(CORS_METHODS as readonly string[]).includes(method)
          ? `method ${method} is not allowed`
          : requestedHeaders(req)
              .filter((name) => !allowedHeaders.includes(name))
              .map((name) => `header ${name} is not allowed${grant === 'any' ? ' to unlisted origins' : ''}`)[0];
    if (refused !== undefined) {
      const body = JSON.stringify({ error: 'CORS preflight refused', reason: refused });
      res.writeHead(403, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      res.end(body);
      return;
    }
    res.writeHead(204, {
      'access-control-allow-origin': grant === 'listed' ? origin : '*',
      'access-control-allow-methods': CORS_METHODS.join(', '),
      'access-control-allow-headers': allowedHeaders.join(', '),
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      'cache-control': 'no-store',
    });
    res.end();
  }
}
