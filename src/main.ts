import 'reflect-metadata';
import { createApp } from './app';
import { loadApiKeys } from './auth/api-keys';
import { ConfigError, loadConfig } from './config';
import { replanAfterLoad } from './db/warmup';
import { seedIfEmpty, summarise } from './ingest/seed';

/**
 * Process entry point: validate configuration, start the app, and shut down gracefully on
 * SIGTERM/SIGINT (stop accepting requests, drain in-flight ones, close the driver).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    // API keys are configuration too: a malformed entry or unreadable file stops the process
    // here, before Neo4j is contacted.
    loadApiKeys(config.auth.apiKeys, config.auth.apiKeysFile);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`zonegraph: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const app = await createApp(config, {
    log,
    afterMigrations: async (executor) => {
      if (!config.seedOnStart) return;
      const started = Date.now();
      const result = await seedIfEmpty(executor, log);
      if (result === null) return;
      const summary = await summarise(executor);
      log(
        `seed and catalogue loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `${JSON.stringify(summary.nodesByKind)} ${JSON.stringify(summary.relationsByType)}`,
      );
      await replanAfterLoad(executor, log);
    },
  });
  process.stdout.write(`ZoneGraph ready at ${app.url}\n`);
  process.stdout.write(`Graph explorer at ${app.url.replace(/\/graphql$/, '/explore')}\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: draining requests and closing Neo4j connections\n`);
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Key rotation without a restart: edit API_KEYS_FILE, then send SIGHUP.
  process.on('SIGHUP', () => {
    try {
      log(`SIGHUP received: ${app.reloadApiKeys()} API keys in force`);
    } catch (error) {
      process.stderr.write(
        `SIGHUP received: the API keys were not reloaded, the previous ones stay in force: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  });
  watchWrapper(process.env.ZONEGRAPH_WRAPPER_PID, () => shutdown('wrapper gone'));
}

/**
 * Under `scripts/neo4j.js run` (what `npm start` runs), stops the server when the wrapper is
 * gone: killed outright, it can no longer stop the database it started (which stops itself),
 * and a server left answering without it would only fail.
 */
function watchWrapper(pid: string | undefined, stop: () => void): void {
  if (pid === undefined || !/^\d+$/.test(pid)) return;
  const timer = setInterval(() => {
    try {
      process.kill(Number(pid), 0);
    } catch {
      clearInterval(timer);
      stop();
    }
  }, 1000);
  timer.unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`zonegraph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  // A configuration value found wrong only on use (HOST, PORT in use, NEO4J_DATABASE) is still
  // a bad value: exit 2, as for the ones config.ts refuses.
  process.exit(error instanceof ConfigError ? 2 : 1);
});
