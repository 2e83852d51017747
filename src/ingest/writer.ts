import { createHash } from 'node:crypto';
import type { Executor, QueryRunner, Row } from '../db/executor';
import { ConflictError } from '../errors/errors';
import { graphLookup } from './graph-lookup';
import { planBatch, type WriteChunk, type WritePlan } from './plan';
import type { IngestBatch } from './types';
import { validateBatch, type IngestIssue } from './validate';
import { refreshDerived } from './derived';
import { scriptForms, scriptKey } from '../search/name-forms';

export type IngestStatus = 'APPLIED' | 'ALREADY_APPLIED' | 'REJECTED' | 'VALIDATED';

export interface IngestResult {
  readonly status: IngestStatus;
  readonly issues: readonly IngestIssue[];
  readonly counts: WritePlan['counts'];
  /** Chunks written now, and chunks skipped because the ledger already held them. */
  readonly chunksApplied: number;
  readonly chunksSkipped: number;
  readonly idempotencyKey: string;
}

export interface IngestOptions {
  /** Input items (sources, entities, relations) per transaction. */
  readonly batchSize?: number;
  /** Validate and plan only; write nothing. */
  readonly dryRun?: boolean;
  /** Where the batch came from, recorded in the ledger: seed, cli, mutation. */
  readonly origin: string;
  /** Called after each chunk, for progress output on long ingests. */
  readonly onProgress?: (done: number, total: number, skipped: boolean) => void;
  /** Timeout of each write transaction. */
  readonly timeoutMs?: number;
  /** Write even chunks the ledger already holds (re-applies them; MERGE keeps this idempotent). */
  readonly ignoreLedger?: boolean;
}

export const DEFAULT_BATCH_SIZE = 500;
const EMPTY_COUNTS = { sources: 0, entities: 0, facts: 0, relations: 0, evidence: 0 };

/**
 * The batch as canonical JSON: object keys sorted, absent fields dropped, list order kept. The
 * same content sent from a file, through GraphQL or with its keys in another order is the same
 * batch; a field sent as null (to clear it) is not the same as one left out (to keep it).
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      // Absent fields are dropped; null stays, because it clears a kept field (englishName: null).
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => [key, canonical(inner)]),
  );
}

/** Hashes the batch content, so an unkeyed batch sent twice is recognised as the same batch. */
export function contentKey(batch: unknown): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(batch)))
    .digest('hex')}`;
}

/** Thrown inside a chunk's transaction (so it rolls back) when a concurrent batch took a name. */
class NameTakenError extends Error {
  constructor(readonly taken: readonly { name: string; entityId: string; owner: string }[]) {
    super(`names taken concurrently: ${taken.map((t) => t.name).join(', ')}`);
    this.name = 'NameTakenError';
  }
}

/** Thrown inside a chunk's transaction when its key was recorded for a batch with other content. */
class KeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`idempotency key ${key} was used for other content`);
    this.name = 'KeyReusedError';
  }
}

const KEY_REUSED: IngestIssue = {
  path: 'idempotencyKey',
  code: 'IDEMPOTENCY_KEY_REUSED',
  message: 'this key was already used for a batch with other content: nothing was written; send it under a new key',
};

/** A ledger row recorded for this content (rows written before contents were recorded match any). */
function sameContent(rows: readonly Row[], content: string): boolean {
  const recorded = rows[0]?.content;
  return recorded === null || recorded === undefined || recorded === content;
}

/** Where each taken name stands in the batch, as ALIAS_CONFLICT issues like the validator's. */
function takenIssues(batch: IngestBatch, error: NameTakenError): IngestIssue[] {
  return error.taken.map(({ name, entityId, owner }) => {
    const index = (batch.entities ?? []).findIndex((entity) => entity.id === entityId);
    const entity = batch.entities?.[index];
    const alias = entity?.aliases?.findIndex((text) => scriptKey(text) === name) ?? -1;
    const own = entity !== undefined && scriptKey(entity.name) === name;
    const at = own || alias < 0 ? `entities[${index}].name` : `entities[${index}].aliases[${alias}]`;
    const written = own ? entity.name : (entity?.aliases?.[alias] ?? name);
    return {
      path: at,
      code: 'ALIAS_CONFLICT',
      message: `"${written}" was just claimed by "${owner}" in another write`,
    };
  });
}

export async function writeChunk(tx: QueryRunner, chunk: WriteChunk): Promise<void> {
  // Each statement is skipped when it has nothing to write, so small chunks cost few round trips.
  // Ids whose list key changed (a new name or title): their relations' page keys follow.
  const renamed: string[] = [];
  if (chunk.sources.length > 0) {
    const [merged] = await tx.query('ingest/merge-sources', { rows: chunk.sources });
    renamed.push(...((merged?.renamed as string[] | undefined) ?? []));
  }
  if (chunk.entities.length > 0) {
    const [merged] = await tx.query('ingest/merge-entities', {
      rows: chunk.entities.map(({ id, label, props }) => ({ id, label, props })),
    });
    renamed.push(...((merged?.renamed as string[] | undefined) ?? []));
    // A claim holds a name's script key (its simplified form), so the unique constraint also
    // keeps 中國銀行 and 中国银行 apart, inside the transaction, against concurrent writers.
    const taken = await tx.query('ingest/claim-names', {
      rows: chunk.entities.map(({ id, names }) => ({ id, names: [...new Set(names.map(scriptKey))] })),
    });
    if (taken.length > 0) {
      throw new NameTakenError(
        taken.map((row) => ({ name: String(row.name), entityId: String(row.entityId), owner: String(row.owner) })),
      );
    }
  }
  const merges = chunk.entities.flatMap(({ id, props }) =>
    Array.isArray(props.mergedIds) && props.mergedIds.length > 0 ? [{ id, mergedIds: props.mergedIds }] : [],
  );
  if (merges.length > 0) await tx.query('ingest/merge-records', { rows: merges });
  if (chunk.evidence.length > 0) await tx.query('ingest/merge-evidence', { rows: chunk.evidence });
  const replacing = chunk.entities.filter((entity) => entity.replaceFacts).map((entity) => entity.id);
  if (replacing.length > 0 || chunk.facts.length > 0) {
    await tx.query('ingest/replace-facts', {
      entities: replacing,
      factIds: chunk.facts.map((fact) => fact.id),
      rows: chunk.facts,
    });
  }
  const relations = [...chunk.mentions, ...chunk.relations];
  if (relations.length > 0) await tx.query('ingest/merge-relations', { rows: relations });
  // After the chunk's relations are merged: the counts and list keys they change.
  await refreshDerived(
    tx,
    [
      ...chunk.sources.map((row) => row.id),
      ...chunk.entities.map((row) => row.id),
      ...chunk.relations.flatMap((row) => [row.from, row.to]),
    ],
    renamed,
  );
}

function chunkCounts(chunk: WriteChunk): WritePlan['counts'] {
  return {
    sources: chunk.sources.length,
    entities: chunk.entities.length,
    facts: chunk.facts.length,
    relations: chunk.relations.length,
    evidence: chunk.evidence.length,
  };
}

async function recordLedger(
  tx: QueryRunner,
  key: string,
  known: boolean,
  entry: { origin: string; content: string; items: number; counts: WritePlan['counts'] },
): Promise<void> {
  await tx.query(known ? 'ingest/ledger-touch' : 'ingest/ledger-record', {
    key,
    origin: entry.origin,
    content: entry.content,
    items: entry.items,
    counts: JSON.stringify(entry.counts),
  });
}

/**
 * Runs one chunk's transaction. A name taken concurrently rolls it back and is returned; a
 * ledger row created concurrently under the same key (the same batch sent twice at once) means
 * the other write applied this chunk, so it counts as already loaded.
 */
async function writeOrReject(
  executor: Executor,
  key: string,
  work: (tx: QueryRunner) => Promise<boolean>,
  options: { tag: string; timeoutMs?: number },
): Promise<boolean | NameTakenError | KeyReusedError> {
  try {
    return await executor.writeTransaction(work, options);
  } catch (error) {
    if (error instanceof NameTakenError || error instanceof KeyReusedError) return error;
    if (error instanceof ConflictError && (await executor.read('ingest/ledger-find', { key }, options)).length > 0) {
      return false;
    }
    throw error;
  }
}

/** Entity fields an update may leave out to keep what is stored (null or [] clears them). */
const KEPT_WHEN_OMITTED = ['subtype', 'englishName', 'aliases', 'industries', 'qualityFlags'] as const;

/**
 * An entity that is already stored keeps the fields its update leaves out: sending only a new
 * fact or industry must not erase the English name or release the aliases (search would lose
 * them). Facts already work so (replaced only when given), and mergedIds too.
 */
async function withStoredFields(executor: Executor, batch: IngestBatch): Promise<IngestBatch> {
  const entities = batch.entities ?? [];
  const partial = entities.filter((entity) => KEPT_WHEN_OMITTED.some((field) => entity[field] === undefined));
  if (partial.length === 0) return batch;
  const stored = new Map(
    (await executor.read('read/entities-by-ids', { ids: partial.map((entity) => entity.id) })).map((row) => {
      const props = row.entity as Record<string, unknown>;
      return [String(props.id), props];
    }),
  );
  return {
    ...batch,
    entities: entities.map((entity) => {
      const props = stored.get(entity.id);
      if (props === undefined) return entity;
      const kept = Object.fromEntries(
        KEPT_WHEN_OMITTED.filter(
          (field) => entity[field] === undefined && props[field] !== null && props[field] !== undefined,
        ).map((field) => [field, props[field]]),
      );
      return { ...entity, ...kept };
    }),
  };
}

/**
 * A name moving from one entity of the batch to another is released when its old owner's chunk
 * is written and claimed when the new owner's is. When the new owner's chunk comes first, that
 * claim would fail after earlier chunks were committed: such a batch is refused before anything
 * is written, saying how to fix it.
 */
async function splitNameMoves(executor: Executor, batch: IngestBatch, plan: WritePlan): Promise<IngestIssue[]> {
  if (plan.chunks.length < 2) return [];
  const chunkOf = new Map<string, number>();
  plan.chunks.forEach((chunk, index) => chunk.entities.forEach((row) => chunkOf.set(row.id, index)));
  const rows = plan.chunks.flatMap((chunk) => chunk.entities);
  const forms = [...new Set(rows.flatMap((row) => row.names.flatMap(scriptForms)))];
  const owners = await graphLookup(executor).nameOwners(forms);
  const entities = batch.entities ?? [];
  const issues: IngestIssue[] = [];
  for (const row of rows) {
    for (const name of row.names) {
      // Stored claims hold script keys (older ones the name as written): look up every form.
      const owner = scriptForms(name)
        .map((form) => owners.get(form))
        .find((found) => found !== undefined);
      const claimAt = chunkOf.get(row.id) ?? 0;
      const releaseAt = owner === undefined || owner === row.id ? undefined : chunkOf.get(owner);
      if (releaseAt === undefined || releaseAt <= claimAt) continue;
      issues.push({
        path: `entities[${entities.findIndex((entity) => entity.id === row.id)}]`,
        code: 'ALIAS_CONFLICT',
        message:
          `"${name}" moves from "${owner}" (written in chunk ${releaseAt + 1}) to "${row.id}" (chunk ${claimAt + 1}); ` +
          `nothing was written: list "${owner}" before "${row.id}", or use a batch size that puts both in one chunk`,
      });
    }
  }
  return issues;
}

/**
 * The one write path of ZoneGraph, shared by the seed loader, the ingest CLI and the
 * mutations: validate the whole batch, plan it into chunks, and write each chunk in one
 * transaction together with its ledger row. A chunk is therefore all or nothing, even if the
 * process is killed, and a chunk whose ledger row exists is skipped, so re-sending a batch
 * (or resuming a killed ingest) changes nothing that was already written.
 */
export async function ingestBatch(executor: Executor, input: unknown, options: IngestOptions): Promise<IngestResult> {
  const issues = await validateBatch(input, graphLookup(executor));
  const batch = input as IngestBatch;
  // The client's key when it sent one (even on a refusal, so it can match the answer to its
  // request); otherwise the content hash.
  const given = (input as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  const idempotencyKey = typeof given === 'string' ? given : contentKey(input);
  if (issues.length > 0) {
    return { status: 'REJECTED', issues, counts: EMPTY_COUNTS, chunksApplied: 0, chunksSkipped: 0, idempotencyKey };
  }
  const referenced = [
    ...(batch.entities ?? []).flatMap((e) => [...e.evidence, ...(e.facts ?? []).flatMap((f) => f.evidence)]),
    ...(batch.relations ?? []).flatMap((r) => r.evidence),
  ].map((item) => item.source);
  const texts = await graphLookup(executor).sourceTexts([...new Set(referenced)]);
  for (const source of batch.sources ?? []) texts.set(source.id, source.text);
  const plan = planBatch(await withStoredFields(executor, batch), texts, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const txOptions = {
    tag: `ingest:${options.origin}`,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  // What the key stands for: re-sending it with other content is refused, not silently skipped.
  const content = contentKey({ ...batch, idempotencyKey: undefined });
  const recorded = options.ignoreLedger
    ? []
    : await executor.read('ingest/ledger-find', { key: idempotencyKey }, txOptions);
  if (recorded.length > 0 && !sameContent(recorded, content)) {
    return {
      status: 'REJECTED',
      issues: [KEY_REUSED],
      counts: EMPTY_COUNTS,
      chunksApplied: 0,
      chunksSkipped: 0,
      idempotencyKey,
    };
  }
  const split = await splitNameMoves(executor, batch, plan);
  if (split.length > 0) {
    return {
      status: 'REJECTED',
      issues: split,
      counts: EMPTY_COUNTS,
      chunksApplied: 0,
      chunksSkipped: 0,
      idempotencyKey,
    };
  }
  // A dry run answers what the write would: refused above for a reused key, ALREADY_APPLIED for
  // a batch the ledger holds, VALIDATED otherwise.
  if (options.dryRun) {
    const status = recorded.length > 0 ? 'ALREADY_APPLIED' : 'VALIDATED';
    return { status, issues: [], counts: plan.counts, chunksApplied: 0, chunksSkipped: 0, idempotencyKey };
  }

  let applied = 0;
  let skipped = 0;
  const total = plan.chunks.length;
  const items = plan.chunks.reduce((sum, chunk) => sum + chunk.items, 0);
  // A batch of several chunks also gets a row under its bare key, written with its last chunk,
  // so a completed batch is recognised whatever batch size it is re-sent with.
  const complete = total > 1 && recorded.length > 0;
  for (const [index, chunk] of plan.chunks.entries()) {
    const key = total === 1 ? idempotencyKey : `${idempotencyKey}#${index + 1}/${total}`;
    const last = index === total - 1;
    const wrote =
      !complete &&
      (await writeOrReject(
        executor,
        key,
        async (tx) => {
          const found = await tx.query('ingest/ledger-find', { key });
          const known = found.length > 0;
          if (known && !options.ignoreLedger) {
            if (!sameContent(found, content)) throw new KeyReusedError(key);
            return false;
          }
          await writeChunk(tx, chunk);
          const entry = { origin: options.origin, content };
          await recordLedger(tx, key, known, { ...entry, items: chunk.items, counts: chunkCounts(chunk) });
          if (total > 1 && last) {
            const batchKnown = (await tx.query('ingest/ledger-find', { key: idempotencyKey })).length > 0;
            await recordLedger(tx, idempotencyKey, batchKnown, { ...entry, items, counts: plan.counts });
          }
          return true;
        },
        txOptions,
      ));
    if (typeof wrote === 'object') {
      return {
        status: 'REJECTED',
        issues: wrote instanceof KeyReusedError ? [KEY_REUSED] : takenIssues(batch, wrote),
        counts: EMPTY_COUNTS,
        chunksApplied: applied,
        chunksSkipped: skipped,
        idempotencyKey,
      };
    }
    if (wrote) applied += 1;
    else skipped += 1;
    options.onProgress?.(index + 1, total, !wrote);
  }
  return {
    status: applied === 0 && skipped > 0 ? 'ALREADY_APPLIED' : 'APPLIED',
    issues: [],
    counts: plan.counts,
    chunksApplied: applied,
    chunksSkipped: skipped,
    idempotencyKey,
  };
}
