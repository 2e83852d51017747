import 'reflect-metadata';
import type { ServerName } from './cases';
import { startServer, type BenchServer } from './servers';

/**
 * One server under measurement in its own process (`node dist/bench/server-process.js <name>`,
 * forked by bench/run.ts), so that the load generator does not share its event loop and its
 * memory is its own. Talks to the parent over IPC: sends `{type: 'ready', url}` once listening,
 * answers `{type: 'rss'}` with its resident set size, and stops on `{type: 'stop'}` or when the
 * parent goes away.
 */
async function main(): Promise<void> {
  const name = process.argv[2] as ServerName;
  if (!['zonegraph', 'floor', 'peer'].includes(name) || process.send === undefined) {
    process.stderr.write('usage: server-process.js zonegraph|floor|peer (forked with IPC)\n');
    process.exit(2);
  }
  const server: BenchServer = await startServer(name);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
    else if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.send({ type: 'ready', url: server.url });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
