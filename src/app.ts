import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { Driver } from 'neo4j-driver';
import { ConfigError, type Config } from './config';
import type { RequestContext } from './context';
import { CypherRegistry, readMigrations } from './db/cypher';
import { createDriver } from './db/driver';
import { Availability } from './db/availability';
import { Executor, withDeadline } from './db/executor';
import { ReadGate } from './db/read-gate';
import { migrate, migrationsRecorded } from './db/migrations';
import { warmUpPlans } from './db/warmup';
import { createLoaders } from './entities/loaders';
import { createFormatError } from './errors/format-error';
import { explorer } from './http/explorer';
import { graphiql } from './http/graphiql';
import { createRequestHandler, listen } from './http/http-server';
import { buildAppSchema } from './schema';
import { KeyRing, presentedKey } from './auth/api-keys';
import { RateLimiter } from './http/rate-limit';
import { TrustedDocuments } from './http/trusted-documents';
import { BadUserInputError, DatabaseUnavailableError, UnauthenticatedError } from './errors/errors';
import { limitsPlugin } from './http/limits-plugin';
import { BOOKMARK_HEADER, parseBookmarkHeader } from './db/bookmarks';
import { bookmarkPlugin } from './http/bookmark-plugin';
import { CorsPolicy } from './http/cors';
import { deploymentFingerprint, httpCachePlugin } from './http/http-cache';

/** How often Neo4j is asked whether it answers, and how long it may take (src/db/availability.ts). */
const AVAILABILITY_INTERVAL_MS = 1000;

/** How long each step of the readiness check may take; /readyz answers within about twice this. */
const READY_PING_MS = 2000;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly executor: Executor;
  readonly apollo: ApolloServer<RequestContext>;
  readonly driver: Driver;
  /** Re-reads API_KEYS and API_KEYS_FILE (on SIGHUP); throws ConfigError and keeps the old keys when they do not parse. */
  reloadApiKeys(): number;
  /** True while the background ping finds Neo4j not answering (requests are refused meanwhile). */
  isDatabaseDown(): boolean;
  stop(): Promise<void>;
}

export interface AppOptions {
  readonly log?: (line: string) => void;
  /** Hook for the seed loader, run after migrations; see main.ts. */
  readonly afterMigrations?: (executor: Executor) => Promise<void>;
}

/**
 * The composition root: config → driver → migrations → schema → Apollo → HTTP. Tests use it
 * too (with PORT=0), so they exercise exactly what `npm start` serves.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cypher = CypherRegistry.load();
  const driver = createDriver(config.neo4j);
  // Requests fail fast while Neo4j is down, and are served again within a second of its
  // return (src/db/availability.ts); the watch starts once the server listens.
  let rewarming: Promise<void> | null = null;
  const availability = new Availability({
    ping: (timeoutMs) => startup.ping(timeoutMs),
    intervalMs: AVAILABILITY_INTERVAL_MS,
    timeoutMs: AVAILABILITY_INTERVAL_MS,
    log,
    // A restarted Neo4j plans every statement again; the first writes after it would spend
    // their transaction timeout planning (QUERY_TIMEOUT under load). The write path is planned
    // once, meanwhile; writes wait for it (at most NEO4J_MAX_RETRY_MS), reads do not.
    onRecovered: () => {
      rewarming ??= warmUpPlans(startup, log, 'writes')
        .catch((error: unknown) => log(`warm-up after Neo4j's return stopped: ${(error as Error).message}`))
        .finally(() => (rewarming = null));
      return rewarming;
    },
    writeWaitMs: config.neo4j.maxRetryMs,
  });
  const executor = new Executor(driver, cypher, {
    database: config.neo4j.database,
    defaultTimeoutMs: config.limits.txTimeoutMs,
    availability,
    maxRetryMs: config.neo4j.maxRetryMs,
    // Reads beyond NEO4J_MAX_CONCURRENT_READS wait for a slot rather than all slowing down
    // together past the transaction timeout (src/db/read-gate.ts).
    readGate: new ReadGate(config.neo4j.maxConcurrentReads, config.limits.txTimeoutMs),
  });
  // Start-up work (migrations, planning, the seed) is not a request: it gets minutes, not the
  // request timeout, so a slow first statement of a cold or busy database does not stop the boot.
  const startup = new Executor(driver, cypher, {
    database: config.neo4j.database,
    defaultTimeoutMs: 120_000,
    maxRetryMs: config.neo4j.maxRetryMs,
  });
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
    const migrations = readMigrations();
    const report = await migrate(startup, migrations, log).catch((error: unknown) => {
      // The first statement is where a database name the server does not have shows up.
      if ((error as { code?: unknown }).code === 'Neo.ClientError.Database.DatabaseNotFound') {
        throw new ConfigError('NEO4J_DATABASE', `the server has no database "${config.neo4j.database}"`);
      }
      throw error;
    });
    log(`migrations: ${report.applied.length} applied, ${report.unchanged.length} already up to date`);
    await warmUpPlans(startup, log);
    if (options.afterMigrations) await options.afterMigrations(startup);

    const keys = new KeyRing(config.auth.apiKeys, config.auth.apiKeysFile);
    const limiter = new RateLimiter(config.rateLimit);
    const trusted = TrustedDocuments.load(config.persistedQueries.mode, config.persistedQueries.file);
    if (trusted.mode !== 'off') log(`trusted documents: ${trusted.mode}, ${trusted.size} operations`);
    const schema = await buildAppSchema();
    const fingerprint = deploymentFingerprint(schema);
    const httpServer = http.createServer();
    const production = config.nodeEnv === 'production';
    const apollo = new ApolloServer<RequestContext>({
      schema,
      introspection: !production,
      hideSchemaDetailsFromClientErrors: production,
      includeStacktraceInErrorResponses: false,
      allowBatchedHttpRequests: false,
      // With trusted documents, ids are resolved from the manifest before Apollo sees the
      // request; Apollo's own automatic persisted queries would let any client register one.
      ...(trusted.mode === 'off' ? {} : { persistedQueries: false as const }),
      // main.ts owns SIGTERM/SIGINT: it drains HTTP and closes the driver in one place.
      stopOnTerminationSignals: false,
      csrfPrevention: true,
      formatError: createFormatError({ log }),
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        // ETag and Cache-Control are set by httpCachePlugin (src/http/http-cache.ts).
        ApolloServerPluginCacheControlDisabled(),
        httpCachePlugin(() => fingerprint),
        limitsPlugin(() => schema, {
          maxDepth: config.limits.maxDepth,
          maxCost: config.limits.maxCost,
          maxAliases: config.limits.maxAliases,
          requireKeyForReads: config.auth.requireKeyForReads,
        }),
        bookmarkPlugin(),
      ],
    });
    await apollo.start();

    httpServer.on(
      'request',
      createRequestHandler(
        apollo,
        {
          healthz: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
          readyz: async () => {
            try {
              await executor.ping(READY_PING_MS);
              // The migration check is a managed read (it retries); a deadline keeps the probe short.
              const migrated = await withDeadline(
                migrationsRecorded(executor, migrations),
                READY_PING_MS,
                () => new DatabaseUnavailableError(),
              );
              return migrated
                ? { status: 200, body: { status: 'ready', neo4j: 'up', migrations: 'applied' } }
                : { status: 503, body: { status: 'not ready', neo4j: 'up', migrations: 'pending' } };
            } catch {
              return { status: 503, body: { status: 'not ready', neo4j: 'down' } };
            }
          },
          ide: () => graphiql.page(),
          asset: (pathname) => graphiql.asset(pathname),
          explorerPage: () => explorer.page(),
          explorerAsset: (pathname) => explorer.asset(pathname),
        },
        {
          maxBodyBytes: config.limits.maxBodyBytes,
          rateLimit: (request) =>
            limiter.take(limiter.address(request), keys.identify(presentedKey(request.headers))?.keyName ?? null),
          ...(trusted.mode === 'off'
            ? {}
            : {
                trustedDocument: (request: http.IncomingMessage, query?: string, hash?: string) => {
                  const role = keys.identify(presentedKey(request.headers))?.role ?? 'anonymous';
                  return trusted.resolve(query, hash, role === 'editor' || role === 'admin');
                },
              }),
          cors: new CorsPolicy(config.cors),
          buildContext: (request) => {
            const caller = keys.identify(presentedKey(request.headers));
            if (caller === null) {
              const error = new UnauthenticatedError('The API key is not valid.');
              Object.assign(error.extensions, { http: { status: 401 } });
              return Promise.reject(error);
            }
            let bookmarks: string[];
            try {
              bookmarks = parseBookmarkHeader(request.headers[BOOKMARK_HEADER]);
            } catch (error) {
              if (error instanceof BadUserInputError) Object.assign(error.extensions, { http: { status: 400 } });
              return Promise.reject(error as Error);
            }
            // Each request reads and writes through its own bookmark chain (src/db/executor.ts).
            const scoped = executor.forRequest(bookmarks);
            return Promise.resolve({
              executor: scoped,
              loaders: createLoaders(scoped),
              requestId: randomUUID(),
              caller,
            });
          },
        },
      ),
    );
    const port = await listen(httpServer, config.port, config.host);
    availability.start();
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`;
    let stopped = false;
    return {
      url,
      port,
      executor,
      apollo,
      driver,
      reloadApiKeys: () => keys.reload(),
      isDatabaseDown: () => availability.isDown,
      async stop() {
        if (stopped) return;
        stopped = true;
        availability.stop();
        await apollo.stop();
        // A warm-up after Neo4j's return (only rolled-back work) finishes before the driver closes.
        await rewarming;
        // Requests have drained: every session should be closed by now (a leak shows here).
        log(`driver sessions open at stop: ${executor.openSessions + startup.openSessions}`);
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}
