/**
 * The explorer's only way to the data: the public GraphQL endpoint, as any client uses it. Each
 * request is a POST with content-type application/json (what Apollo's CSRF prevention accepts),
 * and every failure becomes an ApiError whose message a person can read.
 */

const ENDPOINT = '/graphql';
const KEY_STORAGE = 'zonegraph.apiKey';

/** A failed request: `code` is the API's `extensions.code` (or NETWORK / HTTP_<status>). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/**
 * What each error code means to someone exploring the graph. The server's own message follows
 * as the detail: it names the value or the limit involved.
 */
const READABLE: Readonly<Record<string, string>> = {
  NOT_FOUND: 'Nothing in the graph has that id.',
  BAD_USER_INPUT: 'The server refused the request:',
  QUERY_TOO_COMPLEX: 'The request was refused as too large for this server (its query-cost limit).',
  QUERY_TOO_DEEP: 'The request was refused as too deeply nested for this server.',
  TOO_MANY_ALIASES: 'The request was refused: it asks for too many things at once.',
  PAYLOAD_TOO_LARGE: 'The request was refused as too large for this server.',
  QUERY_TIMEOUT: 'The database took too long and the query was stopped. Try fewer hops or fewer neighbours.',
  DATABASE_UNAVAILABLE: 'The database is not reachable right now. Try again in a moment.',
  UNAUTHENTICATED: 'This server needs an API key for reads. Set one with “API key” and try again.',
  FORBIDDEN: 'Your API key may not read this.',
  GRAPHQL_VALIDATION_FAILED: 'The server does not understand this request (is it a different version?).',
  INTERNAL_SERVER_ERROR: 'The server failed on this request (the error is logged on the server).',
  NETWORK: 'The server cannot be reached. Is it running?',
};

export function readableMessage(code: string, serverMessage: string | null): string {
  return READABLE[code] ?? (serverMessage !== null ? serverMessage : `The request failed (${code}).`);
}

/** The API key the user set for this tab (sessionStorage: gone when the tab closes), or null. */
export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(key: string | null): void {
  if (key === null || key.trim() === '') sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key.trim());
}

/** Runs one operation and returns its data, or throws an ApiError. */
export async function request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const key = apiKey();
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError(readableMessage('NETWORK', null), 'NETWORK');
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    const code = `HTTP_${response.status}`;
    throw new ApiError(`The server answered HTTP ${response.status} without a GraphQL result.`, code);
  }
  const first = body.errors?.[0];
  if (first !== undefined) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    const message = typeof first.message === 'string' ? first.message : null;
    throw new ApiError(readableMessage(code, message), code, message);
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError(`The server answered HTTP ${response.status} with no data.`, `HTTP_${response.status}`);
  }
  return body.data;
}
