/**
 * A typed ZoneGraph client in about a hundred lines: the operations of schema/examples.graphql,
 * typed by graphql-codegen from schema/schema.graphql (src/generated/graphql.ts), sent with the
 * platform's fetch. Reads go as GET with the validator the server gave last time, so a read
 * that has not changed since costs the server one index lookup and comes back as 304.
 *
 *   npm run example:typescript -- http://localhost:4000/graphql
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import {
  SearchShortNameDocument,
  ZoneFinancingDocument,
  ZoneNeighbourhoodDocument,
  type ZoneFinancingQuery,
} from './generated/graphql';

/** An error ZoneGraph returned, with its stable code (docs/api.md, "Errors"). */
export class ZoneGraphError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly { message: string; extensions?: { code?: string } }[],
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
    this.name = 'ZoneGraphError';
  }
}

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  readonly url: string;
  /** An API key, for servers that require one for reads (sent as a bearer token). */
  readonly apiKey?: string;
}

export interface ZoneGraphClient {
  /** Runs a query as a GET, revalidating an answer it has seen before with If-None-Match. */
  query<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables?: Variables,
  ): Promise<Result>;
  /** How many answers came back 304 Not Modified and were taken from this client's cache. */
  readonly revalidated: number;
}

interface Body<Result> {
  data?: Result | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export function createClient(options: ClientOptions): ZoneGraphClient {
  const cache = new Map<string, { etag: string; data: unknown }>();
  let revalidated = 0;
  return {
    get revalidated() {
      return revalidated;
    },
    async query<Result, Variables extends Record<string, unknown>>(
      document: TypedDocumentNode<Result, Variables>,
      variables?: Variables,
    ): Promise<Result> {
      const url = new URL(options.url);
      url.searchParams.set('query', print(document));
      if (variables !== undefined) url.searchParams.set('variables', JSON.stringify(variables));
      const key = url.toString();
      const cached = cache.get(key);
      const response = await fetch(key, {
        headers: {
          accept: 'application/graphql-response+json, application/json',
          // Apollo's CSRF prevention asks GET requests for this header (docs/api.md).
          'apollo-require-preflight': 'true',
          ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
          ...(cached === undefined ? {} : { 'if-none-match': cached.etag }),
        },
      });
      if (response.status === 304 && cached !== undefined) {
        revalidated += 1;
        return cached.data as Result;
      }
      const body = (await response.json()) as Body<Result>;
      if (body.errors !== undefined || body.data === undefined || body.data === null) {
        throw new ZoneGraphError(response.status, body.errors ?? [{ message: 'no data in the answer' }]);
      }
      const etag = response.headers.get('etag');
      if (etag !== null) cache.set(key, { etag, data: body.data });
      return body.data;
    },
  };
}

type Zone = Extract<NonNullable<ZoneFinancingQuery['node']>, { financings: unknown }>;

/** `node` is any Node; the fragment `... on Zone` selected `financings` for zones only. */
function isZone(node: ZoneFinancingQuery['node']): node is Zone {
  return node !== null && 'financings' in node;
}

/** What the example found, for the test that runs it against the seed graph. */
export interface Summary {
  readonly topHit: string;
  readonly financings: number;
  readonly quotes: readonly string[];
  readonly neighbours: number;
  readonly relations: number;
  readonly revalidated: number;
}

/** Runs three operations of schema/examples.graphql and prints what they say. */
export async function main(url: string, log: (line: string) => void = console.log): Promise<Summary> {
  const client = createClient({
    url,
    ...(process.env.ZONEGRAPH_API_KEY ? { apiKey: process.env.ZONEGRAPH_API_KEY } : {}),
  });

  const { search } = await client.query(SearchShortNameDocument);
  const top = search[0];
  if (top === undefined) throw new Error('the search found nothing');
  log(`search 上党经开区 → ${top.entity.name} (${top.entity.id}, matched ${top.matched.kind} "${top.matched.text}")`);

  const { node } = await client.query(ZoneFinancingDocument);
  if (!isZone(node)) throw new Error('zone:shangdang-etdz is not a zone');
  const zone = node;
  const quotes = zone.financings.edges.flatMap(({ node: relation }) => relation.evidence.map((e) => e.quote));
  for (const { node: relation } of zone.financings.edges) {
    const amount = relation.amount === null ? '' : ` ${relation.amount.raw}`;
    log(`  ${relation.from.name} ← ${relation.to.name}${amount}: “${relation.evidence[0]?.quote ?? ''}”`);
  }

  const { neighborhood } = await client.query(ZoneNeighbourhoodDocument);
  log(`neighbourhood: ${neighborhood.nodes.length} entities, ${neighborhood.edges.length} relations`);

  // Asked again, an unchanged answer is revalidated (304) instead of sent again.
  await client.query(ZoneNeighbourhoodDocument);
  log(`revalidated from cache: ${client.revalidated}`);

  return {
    topHit: top.entity.id,
    financings: zone.financings.totalCount,
    quotes,
    neighbours: neighborhood.nodes.length,
    relations: neighborhood.edges.length,
    revalidated: client.revalidated,
  };
}

if (require.main === module) {
  main(process.argv[2] ?? 'http://localhost:4000/graphql').catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
