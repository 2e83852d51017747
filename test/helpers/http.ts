import http from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body exactly as received: not decompressed. */
  readonly body: Buffer;
}

/**
 * One HTTP request with exactly the headers given (fetch adds Accept-Encoding and decompresses,
 * and browsers' rules forbid setting Origin), returning the raw status, headers and bytes.
 */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A GET of /graphql with the query in the URL and the header Apollo's CSRF prevention asks for. */
export function graphqlGetUrl(base: string, query: string, variables?: Record<string, unknown>): string {
  const url = new URL(base);
  url.searchParams.set('query', query);
  if (variables !== undefined) url.searchParams.set('variables', JSON.stringify(variables));
  return url.toString();
}
