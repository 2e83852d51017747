import http from 'node:http';
import type { BenchCase, Call, ServerName, Side, Vars } from './cases';

/** A request that failed: GraphQL errors, an HTTP error, or no answer within the client's timeout. */
export class RequestError extends Error {
  constructor(
    message: string,
    /** `extensions.code` (QUERY_TIMEOUT, ...), a Neo4j status code, or CLIENT_TIMEOUT / HTTP_<n>. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Codes that mean the database stopped the statement at its transaction timeout (or the client gave up). */
export function isTimeout(code: string): boolean {
  return (
    code === 'QUERY_TIMEOUT' ||
    code === 'CLIENT_TIMEOUT' ||
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    code === 'Neo.TransientError.Transaction.LockClientStopped'
  );
}

/** How long the client waits for one answer by default: well past the servers' 5 s transaction timeout. */
const CLIENT_TIMEOUT_MS = 30_000;

/**
 * Loopback HTTP with keep-alive, one socket per concurrent client at most. Only 127.0.0.1 URLs
 * are accepted: the bench never sends traffic anywhere else.
 */
export class Client {
  private readonly agent: http.Agent;

  constructor(
    maxSockets = 64,
    private readonly timeoutMs = CLIENT_TIMEOUT_MS,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  close(): void {
    this.agent.destroy();
  }

  post(url: string, body: unknown): Promise<unknown> {
    const target = new URL(url);
    if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
      return Promise.reject(new Error(`the bench only talks to loopback, not ${target.hostname}`));
    }
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        target,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch {
              reject(new RequestError(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`, `HTTP_${res.statusCode}`));
              return;
            }
            resolve(parsed);
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new RequestError(`no answer within ${this.timeoutMs} ms`, 'CLIENT_TIMEOUT')));
      req.on('error', reject);
      req.end(payload);
    });
  }
}

interface GraphQLBody {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** The side of a case a server answers. */
export function sideOf(benchCase: BenchCase, server: ServerName): Side | null {
  if (server === 'zonegraph') return benchCase.zonegraph;
  if (server === 'floor') return benchCase.floor;
  return 'unsupported' in benchCase.peer ? null : benchCase.peer;
}

/**
 * A function that sends one case's request to one server and returns the answer (GraphQL
 * `data`, or the floor's `{rows}`), throwing a RequestError for any error the answer carries.
 */
export function caller(client: Client, server: ServerName, url: string, benchCase: BenchCase, side: Side): Call {
  if (server === 'floor') {
    const route = `${url}/${benchCase.name}`;
    return async (variables: Vars) => {
      const answer = (await client.post(route, variables)) as { rows?: unknown; error?: string; code?: string };
      if (answer.error !== undefined) throw new RequestError(answer.error, answer.code ?? 'FLOOR_ERROR');
      return answer;
    };
  }
  return async (variables: Vars) => {
    const answer = (await client.post(url, { query: side.request, variables })) as GraphQLBody;
    if (answer.errors !== undefined && answer.errors.length > 0) {
      const first = answer.errors[0];
      throw new RequestError(first?.message ?? 'GraphQL error', first?.extensions?.code ?? 'GRAPHQL_ERROR');
    }
    return answer.data;
  };
}
