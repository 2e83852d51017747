import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Driver } from 'neo4j-driver';
import { ConfigError, type Config } from './config';
import type { RequestContext } from './context';
import { CypherRegistry, readMigrations } from './db/cypher';
import { createDriver } from './db/driver';
import { Executor, withDeadline } from './db/executor';
import { migrate, migrationsApplied } from './db/migrations';
import { warmUpPlans } from './db/warmup';
import { createLoaders } from './entities/loaders';
import { createFormatError } from './errors/format-error';
import { graphiql } from './http/graphiql';
import { createRequestHandler, listen } from './http/http-server';
import { buildAppSchema } from './schema';
import { identify, loadApiKeys, presentedKey } from './auth/api-keys';
import { DatabaseUnavailableError, UnauthenticatedError } from './errors/errors';
import { limitsPlugin } from './http/limits-plugin';

/** How long each step of the readiness check may take; /readyz answers within about twice this. */
const READY_PING_MS = 2000;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly executor: Executor;
  readonly apollo: ApolloServer<RequestContext>;
  readonly driver: Driver;
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
  const executor = new Executor(driver, cypher, {
    database: config.neo4j.database,
    defaultTimeoutMs: config.limits.txTimeoutMs,
  });
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
    const migrations = readMigrations();
    const report = await migrate(executor, migrations, log).catch((error: unknown) => {
      // The first statement is where a database name the server does not have shows up.
      if ((error as { code?: unknown }).code === 'Neo.ClientError.Database.DatabaseNotFound') {
        throw new ConfigError('NEO4J_DATABASE', `the server has no database "${config.neo4j.database}"`);
      }
      throw error;
    });
    log(`migrations: ${report.applied.length} applied, ${report.unchanged.length} already up to date`);
    await warmUpPlans(
      new Executor(driver, cypher, { database: config.neo4j.database, defaultTimeoutMs: 120_000 }),
      log,
    );
    if (options.afterMigrations) await options.afterMigrations(executor);

    const apiKeys = loadApiKeys(config.auth.apiKeys, config.auth.apiKeysFile);
    const schema = await buildAppSchema();
    const httpServer = http.createServer();
    const production = config.nodeEnv === 'production';
    const apollo = new ApolloServer<RequestContext>({
      schema,
      introspection: !production,
      hideSchemaDetailsFromClientErrors: production,
      includeStacktraceInErrorResponses: false,
      allowBatchedHttpRequests: false,
      // main.ts owns SIGTERM/SIGINT: it drains HTTP and closes the driver in one place.
      stopOnTerminationSignals: false,
      csrfPrevention: true,
      formatError: createFormatError({ log }),
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        limitsPlugin(() => schema, {
          maxDepth: config.limits.maxDepth,
          maxCost: config.limits.maxCost,
          maxAliases: config.limits.maxAliases,
          requireKeyForReads: config.auth.requireKeyForReads,
        }),
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
                migrationsApplied(executor, migrations),
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
        },
        {
          maxBodyBytes: config.limits.maxBodyBytes,
          buildContext: (request) => {
            const caller = identify(apiKeys, presentedKey(request.headers));
            if (caller === null) {
              const error = new UnauthenticatedError('The API key is not valid.');
              Object.assign(error.extensions, { http: { status: 401 } });
              return Promise.reject(error);
            }
            return Promise.resolve({ executor, loaders: createLoaders(executor), requestId: randomUUID(), caller });
          },
        },
      ),
    );
    const port = await listen(httpServer, config.port, config.host);
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`;
    let stopped = false;
    return {
      url,
      port,
      executor,
      apollo,
      driver,
      async stop() {
        if (stopped) return;
        stopped = true;
        await apollo.stop();
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}
