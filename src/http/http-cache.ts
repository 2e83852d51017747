import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { printSchema, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context';
import { CYPHER_DIR } from '../db/cypher';
import type { Executor } from '../db/executor';

/**
 * HTTP caching of reads. The graph changes only when something writes, at moments nobody can
 * predict, so answers are not given a lifetime; they are given a validator:
 *
 * - a GET query that succeeds gets `ETag` and `Cache-Control: no-cache` (public without a key,
 *   private with one), so a browser or proxy keeps it and asks again each time with
 *   `If-None-Match`;
 * - the ETag is a hash of the graph version, the request (its URL query: document, variables,
 *   operation name), who asks (the key's name) and the deployment (schema, code, Cypher);
 * - the graph version is a token in Neo4j that every write transaction replaces
 *   (Executor.writeTransaction runs graph/bump-version last), so it is the same for every API
 *   replica, and a write through any of them makes every earlier ETag stale;
 * - when `If-None-Match` holds the current ETag, the answer is 304 without running the query:
 *   revalidating costs one index seek (graph/version);
 * - everything else (POST, mutations, errors, partial answers) is `Cache-Control: no-store`.
 */
export const CACHE_CONTROL_PUBLIC = 'public, no-cache';
export const CACHE_CONTROL_PRIVATE = 'private, no-cache';
export const CACHE_CONTROL_NONE = 'no-store';

/** Reads the graph version token ('initial' before the first write ever). */
export async function graphVersion(executor: Executor): Promise<string> {
  const [row] = await executor.read('graph/version');
  return typeof row?.token === 'string' ? row.token : 'initial';
}

function listFiles(dir: string, extensions: readonly string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full, extensions);
      return extensions.some((ext) => entry.name.endsWith(ext)) ? [full] : [];
    })
    .sort();
}

/**
 * A hash of what, besides the graph, decides an answer: the schema, the server's code and its
 * Cypher. Replicas running the same release compute the same value, so they accept each other's
 * ETags; a new release gives new ETags, so an answer cached before a fix is not revalidated.
 */
export function deploymentFingerprint(schema: GraphQLSchema): string {
  const hash = createHash('sha256').update(printSchema(schema));
  const codeDir = path.dirname(__dirname);
  for (const [root, extensions] of [
    [codeDir, ['.js', '.ts']],
    [CYPHER_DIR, ['.cypher']],
  ] as const) {
    for (const file of listFiles(root, extensions)) {
      hash.update(`\0${path.relative(root, file)}\0`).update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/** The ETag of one answer: weak, because the same answer is sent compressed or not. */
export function entityTag(parts: { version: string; fingerprint: string; caller: string; search: string }): string {
  const digest = createHash('sha256')
    .update([parts.version, parts.fingerprint, parts.caller, parts.search].join('\n'))
    .digest('base64url')
    .slice(0, 32);
  return `W/"${digest}"`;
}

/** Whether `If-None-Match` names `tag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function ifNoneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const opaque = (value: string): string => value.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(tag));
}

/**
 * The Apollo plugin that applies the policy above. It answers 304 from `responseForOperation`,
 * which Apollo calls after every check (keys, limits) passed and before execution, so a refused
 * request never reads the version and a revalidated one never runs its resolvers. Apollo's own
 * cache-control plugin must be disabled (app.ts), since this one owns the header.
 */
export function httpCachePlugin(fingerprint: () => string): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart({ request }) {
      let tag: string | null = null;
      let policy = CACHE_CONTROL_NONE;
      const cacheable = request.http?.method === 'GET';
      return Promise.resolve({
        async responseForOperation({ operation, contextValue, request: { http } }) {
          if (!cacheable || operation.operation !== 'query' || http === undefined) return null;
          const caller = contextValue.caller.keyName;
          policy = caller === null ? CACHE_CONTROL_PUBLIC : CACHE_CONTROL_PRIVATE;
          tag = entityTag({
            version: await graphVersion(contextValue.executor),
            fingerprint: fingerprint(),
            caller: caller ?? '',
            search: http.search,
          });
          if (!ifNoneMatch(http.headers.get('if-none-match'), tag)) return null;
          const headers = new HeaderMap([
            ['etag', tag],
            ['cache-control', policy],
          ]);
          return { http: { status: 304, headers }, body: { kind: 'single', singleResult: {} } };
        },
        willSendResponse({ response }) {
          const headers = response.http.headers;
          if (response.http.status === 304) return Promise.resolve();
          const whole = response.body.kind === 'single' && response.body.singleResult.errors === undefined;
          if (tag !== null && whole && (response.http.status ?? 200) === 200) {
            headers.set('etag', tag);
            headers.set('cache-control', policy);
          } else {
            headers.delete('etag');
            headers.set('cache-control', CACHE_CONTROL_NONE);
          }
          return Promise.resolve();
        },
      });
    },
  };
}
