import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/cypher';
import { runOnce } from '../db/boot-lock';
import type { Executor } from '../db/executor';
import type { IngestBatch } from './types';
import { ingestBatch, type IngestResult } from './writer';

export const SEED_DIR = path.join(PROJECT_ROOT, 'data', 'seed');

/** The seed batches, `NN-name.json`, in name order. */
export function seedFiles(dir: string = SEED_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{2}-[a-z0-9-]+\.json$/.test(file))
    .sort()
    .map((file) => path.join(dir, file));
}

/**
 * Reads every seed file into one batch, so the whole seed is validated before anything is
 * written and a broken file leaves the graph untouched.
 */
export function readSeed(dir: string = SEED_DIR): IngestBatch {
  const combined: Required<Omit<IngestBatch, 'idempotencyKey'>> = { sources: [], entities: [], relations: [] };
  for (const file of seedFiles(dir)) {
    const batch = parseSeedFile(file);
    combined.sources.push(...(batch.sources ?? []));
    combined.entities.push(...(batch.entities ?? []));
    combined.relations.push(...(batch.relations ?? []));
  }
  return combined;
}

function parseSeedFile(file: string): IngestBatch {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as IngestBatch;
  } catch (error) {
    throw new Error(`${path.basename(file)}: not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Where an issue path of the combined seed batch (`entities[31].evidence[0]`) stands in the
 * seed files (`04-organisations.json entities[3].evidence[0]`), for messages an editor can act on.
 */
export function seedIssuePath(issuePath: string, dir: string = SEED_DIR): string {
  const match = /^(sources|entities|relations)\[(\d+)\](.*)$/s.exec(issuePath);
  if (!match) return issuePath;
  const [, list, index, rest] = match as unknown as [string, 'sources' | 'entities' | 'relations', string, string];
  let remaining = Number(index);
  for (const file of seedFiles(dir)) {
    const size = (parseSeedFile(file)[list] ?? []).length;
    if (remaining < size) return `${path.basename(file)} ${list}[${remaining}]${rest}`;
    remaining -= size;
  }
  return issuePath;
}

export interface GraphSummary {
  readonly nodesByKind: Record<string, number>;
  readonly relationsByType: Record<string, number>;
  readonly facts: number;
  readonly evidence: number;
}

/** Counts what the graph holds, by entity kind and relation type. */
export async function summarise(executor: Executor): Promise<GraphSummary> {
  return executor.readTransaction(async (tx) => {
    const nodes = await tx.query('seed/summary-nodes');
    const relations = await tx.query('seed/summary-relations');
    const [other] = await tx.query('seed/summary-other');
    return {
      nodesByKind: Object.fromEntries(nodes.map((row) => [String(row.kind), Number(row.count)])),
      relationsByType: Object.fromEntries(relations.map((row) => [String(row.type), Number(row.count)])),
      facts: Number(other?.facts ?? 0),
      evidence: Number(other?.evidence ?? 0),
    };
  });
}

/** Loads data/seed through the shared write path. */
export function loadSeed(
  executor: Executor,
  options: { ignoreLedger?: boolean; log?: (line: string) => void } = {},
): Promise<IngestResult> {
  const log = options.log ?? (() => undefined);
  return ingestBatch(executor, readSeed(), {
    origin: 'seed',
    timeoutMs: 120_000,
    ...(options.ignoreLedger === undefined ? {} : { ignoreLedger: options.ignoreLedger }),
    onProgress: (done, total, skipped) => log(`seed: chunk ${done}/${total} ${skipped ? 'already loaded' : 'written'}`),
  });
}

/**
 * Loads the seed only when the graph holds no entity yet (what `npm start` does). Replicas
 * started together on an empty graph do not race: one loads it under the `seed` boot lease and
 * the others find the graph no longer empty (src/db/boot-lock.ts).
 */
export async function seedIfEmpty(executor: Executor, log: (line: string) => void): Promise<IngestResult | null> {
  const empty = async (): Promise<boolean> => {
    const [row] = await executor.read('ingest/count-entities');
    return Number(row?.entities ?? 0) === 0;
  };
  return runOnce(
    executor,
    empty,
    async () => {
      log('the graph is empty: loading data/seed');
      const result = await loadSeed(executor, { log });
      if (result.status === 'REJECTED') {
        throw new Error(
          `seed data is invalid:\n${result.issues.map((i) => `  ${i.path}: ${i.code} ${i.message}`).join('\n')}`,
        );
      }
      return result;
    },
    { name: 'seed', log },
  );
}
