import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';
import { createApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { createDriver } from '../src/db/driver';
import { CASES, type ServerName } from './cases';
import { PEER_TYPE_DEFS } from './peer-schema';

/** A server under measurement, listening on loopback. */
export interface BenchServer {
  readonly name: ServerName;
  /** The GraphQL endpoint, or for the floor the base URL its case routes hang under. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The configuration the three servers share: ZoneGraph's own (NODE_ENV=production, its
 * transaction timeout), and through it the same driver settings (src/db/driver.ts) for all.
 * ZoneGraph's per-client rate limits are off: every request of the bench comes from one
 * loopback address, and the bench measures what the server can serve, not what one client
 * may ask (at the defaults, 100 requests per second per IP capped every throughput phase).
 */
export function benchConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_ON_START: 'false',
    RATE_LIMIT_IP_PER_SECOND: '0',
    RATE_LIMIT_KEY_PER_SECOND: '0',
  });
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** ZoneGraph as `npm start` serves it (createApp), in production mode. */
export async function startZoneGraph(config: Config = benchConfig()): Promise<BenchServer> {
  const app = await createApp(config, { log: () => undefined });
  return { name: 'zonegraph', url: app.url, stop: () => app.stop() };
}

/**
 * The F1 floor: for each case, its hand-written Cypher (bench/cases.ts) behind a bare node:http
 * handler, `POST /<case>` with the parameters as the JSON body, answered `{"rows": [...]}`. One
 * read transaction per request through the same driver settings and transaction timeout as
 * ZoneGraph; nothing else (no GraphQL, no loaders, no limits).
 */
export async function startFloor(config: Config = benchConfig()): Promise<BenchServer> {
  const driver = createDriver(config.neo4j);
  const statements = new Map(CASES.map((c) => [`/${c.name}`, c.floor.request]));
  const server = http.createServer((req, res) => {
    const statement = statements.get(req.url ?? '');
    if (req.method !== 'POST' || statement === undefined) {
      sendJson(res, 404, { error: 'no such case' });
      return;
    }
    void (async () => {
      const params = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      const session = driver.session({ database: config.neo4j.database, defaultAccessMode: 'READ' });
      try {
        const result = await session.executeRead((tx) => tx.run(statement, params), {
          timeout: config.limits.txTimeoutMs,
        });
        sendJson(res, 200, { rows: result.records.map((record) => record.toObject()) });
      } finally {
        await session.close();
      }
    })().catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      sendJson(res, 500, {
        error: String((error as Error).message ?? error),
        code: typeof code === 'string' ? code : null,
      });
    });
  });
  const port = await listen(server);
  return {
    name: 'floor',
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await close(server);
      await driver.close();
    },
  };
}

/** Serves an Apollo Server 5 instance over a bare node:http handler at /graphql. */
async function serveApollo(apollo: ApolloServer): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method ?? 'GET',
          headers,
          search: url.search,
          body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
        },
        context: () => Promise.resolve({}),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    })().catch((error: unknown) => sendJson(res, 500, { errors: [{ message: String(error) }] }));
  });
  return { server, port: await listen(server) };
}

/**
 * @neo4j/graphql 7 over the same database (bench/peer-schema.ts), served by Apollo Server 5 with
 * the settings ZoneGraph uses in production (no introspection, no stack traces, CSRF
 * prevention), through the same driver settings.
 */
export async function startPeer(config: Config = benchConfig(), driverOverride?: Driver): Promise<BenchServer> {
  const driver = driverOverride ?? createDriver(config.neo4j);
  const neo = new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver });
  const schema = await neo.getSchema();
  const apollo = new ApolloServer({
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
  });
  await apollo.start();
  const { server, port } = await serveApollo(apollo);
  return {
    name: 'peer',
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await close(server);
      await apollo.stop();
      if (driverOverride === undefined) await driver.close();
    },
  };
}

export function startServer(name: ServerName, config: Config = benchConfig()): Promise<BenchServer> {
  switch (name) {
    case 'zonegraph':
      return startZoneGraph(config);
    case 'floor':
      return startFloor(config);
    case 'peer':
      return startPeer(config);
    default: {
      const never: never = name;
      throw new Error(`unknown server ${String(never)}`);
    }
  }
}
