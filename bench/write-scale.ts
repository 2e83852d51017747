import 'reflect-metadata';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { listParams } from '../src/entities/entity.repository';
import { ingestBatch } from '../src/ingest/writer';
import { syntheticBatch } from './synthetic';

/**
 * Does writing get slower as the graph grows? Ingests the same-sized synthetic article (N
 * firms, N partnerships, one fact and two evidence spans per firm) R times into one database,
 * after one warm-up round, and reports each round's time as a ratio against the first measured
 * round of the same run.
 * A ratio near 1 in the last round means the cost per item does not depend on the graph's size;
 * a ratio that grows with the round is a per-item scan (the NameClaim lookup before migration
 * 0004 gave 1.0, 1.4, 2.1, 2.8 for rounds of 5,000 firms).
 * For comparison it also times one list page (`enterprises(first: 20)`, the list statement)
 * after each round: lists count and sort every match, so that one is expected to grow.
 *
 * Usage: `npm run bench:write [-- --firms N --rounds R]` (its own Neo4j; loopback only).
 */

function argument(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} must be an integer from 1 to ${max}`);
  return value;
}

async function main(): Promise<void> {
  const firms = argument('--firms', 3000, 20_000);
  const rounds = argument('--rounds', 5, 20);
  const config = loadConfig({ ...process.env, PORT: '0', NODE_ENV: 'production', SEED_ON_START: 'false' });
  const app = await createApp(config, { log: () => undefined });
  const run = `bench${Date.now().toString(36)}`;
  try {
    const listPage = async (): Promise<number> => {
      const best: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const start = process.hrtime.bigint();
        await app.executor.read('read/list-page#NAME_ASC', {
          ...listParams('ENTERPRISE', {}),
          after: '',
          first: 20,
          light: null,
          withCount: false,
          label: 'Enterprise',
        });
        best.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return Math.min(...best);
    };

    process.stdout.write(`${rounds} rounds of ${firms} firms + ${firms} partnerships, batch size 1000\n\n`);
    process.stdout.write(
      `${'round'.padEnd(6)} ${'firms before'.padStart(12)} ${'ingest s'.padStart(9)} ${'× round 1'.padStart(10)} ${'list page ms'.padStart(13)} ${'× round 1'.padStart(10)}\n`,
    );
    // Round 0 warms Neo4j up (query planning, JIT, page cache) and is printed but not the floor.
    let firstIngest = 0;
    let firstList = 0;
    for (let round = 0; round <= rounds; round += 1) {
      const batch = syntheticBatch(`${run}r${round}`, { entities: firms, relations: firms });
      const start = process.hrtime.bigint();
      const result = await ingestBatch(app.executor, batch, { origin: 'bench', batchSize: 1000 });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (result.status !== 'APPLIED')
        throw new Error(`round ${round}: ${result.status} ${JSON.stringify(result.issues)}`);
      const list = await listPage();
      if (round <= 1) {
        firstIngest = seconds;
        firstList = list;
      }
      process.stdout.write(
        `${(round === 0 ? '0 warm' : String(round)).padEnd(6)} ${String(round * firms).padStart(12)} ${seconds.toFixed(2).padStart(9)} ` +
          `${(round === 0 ? '-' : (seconds / firstIngest).toFixed(2)).padStart(10)} ${list.toFixed(1).padStart(13)} ` +
          `${(round === 0 ? '-' : (list / firstList).toFixed(2)).padStart(10)}\n`,
      );
    }
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
