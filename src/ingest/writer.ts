import { createHash } from 'node:crypto';
import type { Executor, QueryRunner, Row } from '../db/executor';
import { ConflictError } from '../errors/errors';
import { graphLookup } from './graph-lookup';
import { planBatch, type RelationRow, type WriteChunk, type WritePlan } from './plan';
import { RELATION_TYPES, type RelationTypeName } from '../domain/vocabulary';
import type { IngestBatch } from './types';
import { validateBatch, type GraphLookup, type IngestIssue } from './validate';
import { refreshDerived } from './derived';
import { auditOf, recordAudit } from '../audit/audit';
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
  /**
   * The graph as the validator and planner see it (default: the database). A dry run of several
   * files passes one that also holds what the files before it would have written.
   */
  readonly lookup?: GraphLookup;
  /** Filled in with where the time went, when given (`npm run bench:load` prints it). */
  readonly profile?: IngestProfile;
}

/** Milliseconds spent in each phase of an ingest, added to on every call that is given it. */
export interface IngestProfile {
  /** The validator (JSON Schema, rules, and its reads of the graph). */
  validate: number;
  /** Reads after validation: source texts, stored fields, the ledger, name owners. */
  lookups: number;
  /** Turning the batch into chunks of rows. */
  plan: number;
  /** The chunks' write transactions, commits included. */
  write: number;
}

/** Runs `work`, adding its duration to `profile[phase]` when there is a profile. */
async function timed<T>(
  profile: IngestProfile | undefined,
  phase: keyof IngestProfile,
  work: () => Promise<T> | T,
): Promise<T> {
  if (profile === undefined) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    profile[phase] += performance.now() - started;
  }
}

export const DEFAULT_BATCH_SIZE = 500;

/**
 * Items per transaction for files (`npm run ingest` without --batch-size): bulk loads. Measured
 * with `npm run bench:load`, 2,500 and 10,000 items per transaction cost Neo4j about 15 % and
 * 30 % less time per item than 500 (fewer commits and statements per item); a killed load
 * loses at most one chunk's work.
 */
export const FILE_BATCH_SIZE = 5000;
const EMPTY_COUNTS = { sources: 0, entities: 0, facts: 0, relations: 0, evidence: 0 };

/**
 * The batch as canonical JSON: object keys sorted, absent fields dropped, list order kept. The
 * same content sent from a file, through GraphQL or with its keys in another order is the same
 * batch; a field sent as null (to clear it) is not the same as one left out (to keep it).
 * Written piece by piece (the text of a large batch is hashed, never built as a new object tree);
 * it equals JSON.stringify of the batch with sorted keys, which ledger rows already record.
 */
/** An array index as a JavaScript object orders it: a canonical integer from 0 to 2^32 - 2. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
const isArrayIndex = (key: string): boolean => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

/**
 * The keys of an object in the order the ledger's hash first wrote them (JSON.stringify of an
 * object built from the sorted keys): present keys sorted, except that an object always puts
 * array-index keys ("0", "17") first, in numeric order.
 */
function canonicalKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const indexes = keys.filter(isArrayIndex);
  if (indexes.length === 0) return keys;
  return [...indexes.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isArrayIndex(key))];
}

function writeCanonical(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    // As JSON.stringify writes a value: an absent one inside a list is null.
    out.push(value === undefined ? 'null' : JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((inner: unknown, index) => {
      if (index > 0) out.push(',');
      writeCanonical(inner, out);
    });
    out.push(']');
    return;
  }
  const record = value as Record<string, unknown>;
  // Absent fields are dropped; null stays, because it clears a kept field (englishName: null).
  const keys = canonicalKeys(record);
  out.push('{');
  keys.forEach((key, index) => {
    out.push(index > 0 ? ',' : '', JSON.stringify(key), ':');
    writeCanonical(record[key], out);
  });
  out.push('}');
}

/** Hashes the batch content, so an unkeyed batch sent twice is recognised as the same batch. */
export function contentKey(batch: unknown): string {
  const hash = createHash('sha256');
  // Top-level lists are hashed an item at a time, so a national-scale file is never one string.
  if (batch !== null && typeof batch === 'object' && !Array.isArray(batch)) {
    const record = batch as Record<string, unknown>;
    const keys = canonicalKeys(record);
    hash.update('{');
    keys.forEach((key, index) => {
      hash.update(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`);
      const inner = record[key];
      if (Array.isArray(inner)) {
        hash.update('[');
        inner.forEach((item: unknown, at) => {
          const out: string[] = at > 0 ? [','] : [];
          writeCanonical(item, out);
          hash.update(out.join(''));
        });
        hash.update(']');
      } else {
        const out: string[] = [];
        writeCanonical(inner, out);
        hash.update(out.join(''));
      }
    });
    hash.update('}');
  } else {
    const out: string[] = [];
    writeCanonical(batch, out);
    hash.update(out.join(''));
  }
  return `sha256:${hash.digest('hex')}`;
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

const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Concurrent writers lock what they touch in one order: every stored entity of the chunk first
 * (ingest/lock-entities, in id order), then the rows of each statement in id order, so that new
 * entities, name claims and relations are also created in one order. Without it, two batches
 * listing the same entities in different orders deadlock (Neo4j aborts one; the driver retries
 * it, but under load not always within NEO4J_MAX_RETRY_MS, and the client got
 * DATABASE_UNAVAILABLE: test/integration/concurrent-editors.test.ts).
 */
function inLockOrder(chunk: WriteChunk): WriteChunk {
  return {
    ...chunk,
    sources: byId(chunk.sources),
    entities: byId(chunk.entities),
    evidence: byId(chunk.evidence),
    facts: byId(chunk.facts),
    mentions: byId(chunk.mentions),
    relations: byId(chunk.relations),
  };
}

/**
 * Writes one chunk inside the caller's transaction. `recheck`, run once the chunk's entities are
 * locked, may return the chunk planned again from what is stored now.
 */
export async function writeChunk(
  tx: QueryRunner,
  given: WriteChunk,
  recheck?: (tx: QueryRunner) => Promise<WriteChunk>,
): Promise<void> {
  const touched = new Set([
    ...given.sources.map((row) => row.id),
    ...given.entities.map((row) => row.id),
    ...given.relations.flatMap((row) => [row.from, row.to]),
  ]);
  if (touched.size > 0) await tx.query('ingest/lock-entities', { ids: [...touched].sort() });
  const chunk = inLockOrder(recheck === undefined ? given : await recheck(tx));
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
  // One statement per relationship type (its name in the text, so MERGE seeks the type's id
  // constraint), in the order the types first appear.
  const byType = new Map<RelationTypeName, RelationRow[]>();
  for (const row of relations) {
    if (!(RELATION_TYPES as readonly string[]).includes(row.type)) throw new Error(`unknown relation type ${row.type}`);
    const rows = byType.get(row.type as RelationTypeName);
    if (rows === undefined) byType.set(row.type as RelationTypeName, [row]);
    else rows.push(row);
  }
  for (const [type, rows] of byType) {
    const [merged] = await tx.query(`ingest/merge-relations#${type}`, { rows });
    // Validation saw both ends of every relation: a row not written must not commit unseen.
    if (Number(merged?.written ?? 0) !== rows.length) {
      throw new Error(`ingest/merge-relations#${type} wrote ${String(merged?.written)} of ${rows.length} relations`);
    }
  }
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
 * them). Facts already work so (replaced only when given), and mergedIds too. `read` returns
 * the stored entities of the given ids: before the write to plan it, and again inside each
 * chunk's transaction once the entities are locked (see `keptStillStored`).
 */
async function withStoredFields(
  read: (ids: string[]) => Promise<Row[]>,
  batch: IngestBatch,
  only?: ReadonlySet<string>,
): Promise<IngestBatch> {
  const entities = batch.entities ?? [];
  const partial = entities.filter(
    (entity) =>
      (only === undefined || only.has(entity.id)) && KEPT_WHEN_OMITTED.some((field) => entity[field] === undefined),
  );
  if (partial.length === 0) return batch;
  const stored = new Map(
    (await read(partial.map((entity) => entity.id))).map((row) => {
      const props = row.entity as Record<string, unknown>;
      return [String(props.id), props];
    }),
  );
  return {
    ...batch,
    entities: entities.map((entity) => {
      const props = stored.get(entity.id);
      if (props === undefined || (only !== undefined && !only.has(entity.id))) return entity;
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
 * The fields a chunk keeps from the stored entities were read before its transaction; a
 * concurrent writer may have changed them since (an editor sets industries while another
 * sends the same entity without them). Inside the transaction, with the chunk's entities
 * locked, they are read again; when they changed, the chunk is planned again from what is
 * stored now, so the write keeps the concurrent writer's value instead of writing back the
 * stale one (a lost update, caught by test/integration/concurrent-editors.test.ts).
 */
async function keptStillStored(
  tx: QueryRunner,
  batch: IngestBatch,
  planned: IngestBatch,
  chunk: WriteChunk,
  replan: (fresh: IngestBatch) => WriteChunk,
): Promise<WriteChunk> {
  const ids = new Set(chunk.entities.map((row) => row.id));
  const read = (list: string[]): Promise<Row[]> => tx.query('read/entities-by-ids', { ids: list });
  const fresh = await withStoredFields(read, batch, ids);
  if (fresh === batch) return chunk;
  const was = new Map((planned.entities ?? []).map((entity) => [entity.id, entity]));
  const same = (fresh.entities ?? []).every(
    (entity) =>
      !ids.has(entity.id) ||
      KEPT_WHEN_OMITTED.every((field) => JSON.stringify(entity[field]) === JSON.stringify(was.get(entity.id)?.[field])),
  );
  return same
    ? chunk
    : replan({
        ...planned,
        entities: (fresh.entities ?? []).map((entity) =>
          ids.has(entity.id) ? entity : (was.get(entity.id) ?? entity),
        ),
      });
}

/**
 * A name moving from one entity of the batch to another is released when its old owner's chunk
 * is written and claimed when the new owner's is. When the new owner's chunk comes first, that
 * claim would fail after earlier chunks were committed: such a batch is refused before anything
 * is written, saying how to fix it.
 */
async function splitNameMoves(lookup: GraphLookup, batch: IngestBatch, plan: WritePlan): Promise<IngestIssue[]> {
  if (plan.chunks.length < 2) return [];
  const chunkOf = new Map<string, number>();
  plan.chunks.forEach((chunk, index) => chunk.entities.forEach((row) => chunkOf.set(row.id, index)));
  const rows = plan.chunks.flatMap((chunk) => chunk.entities);
  const forms = [...new Set(rows.flatMap((row) => row.names.flatMap(scriptForms)))];
  const owners = await lookup.nameOwners(forms);
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
  const lookup = options.lookup ?? graphLookup(executor);
  const { profile } = options;
  const issues = await timed(profile, 'validate', () => validateBatch(input, lookup));
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
  const texts = await timed(profile, 'lookups', () => lookup.sourceTexts([...new Set(referenced)]));
  for (const source of batch.sources ?? []) texts.set(source.id, source.text);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const planned = await timed(profile, 'lookups', () =>
    withStoredFields((ids) => executor.read('read/entities-by-ids', { ids }), batch),
  );
  const plan = await timed(profile, 'plan', () => planBatch(planned, texts, batchSize));
  const txOptions = {
    tag: `ingest:${options.origin}`,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  // What the key stands for: re-sending it with other content is refused, not silently skipped.
  const content = contentKey({ ...batch, idempotencyKey: undefined });
  const recorded = options.ignoreLedger
    ? []
    : await timed(profile, 'lookups', () => executor.read('ingest/ledger-find', { key: idempotencyKey }, txOptions));
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
  const split = await timed(profile, 'lookups', () => splitNameMoves(lookup, batch, plan));
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
      (await timed(profile, 'write', () =>
        writeOrReject(
          executor,
          key,
          async (tx) => {
            const found = await tx.query('ingest/ledger-find', { key });
            const known = found.length > 0;
            if (known && !options.ignoreLedger) {
              if (!sameContent(found, content)) throw new KeyReusedError(key);
              return false;
            }
            await writeChunk(tx, chunk, (locked) =>
              keptStillStored(locked, batch, planned, chunk, (fresh) => {
                const again = planBatch(fresh, texts, batchSize).chunks[index];
                if (again === undefined) throw new Error(`chunk ${index + 1} vanished when planned again`);
                return again;
              }),
            );
            const entry = { origin: options.origin, content };
            await recordLedger(tx, key, known, { ...entry, items: chunk.items, counts: chunkCounts(chunk) });
            await recordAudit(tx, {
              ...auditOf(options.origin),
              origin: options.origin,
              key,
              counts: chunkCounts(chunk),
              ids: [
                ...chunk.sources.map((row) => row.id),
                ...chunk.entities.map((row) => row.id),
                ...chunk.relations.map((row) => row.id),
              ],
            });
            if (total > 1 && last) {
              const batchKnown = (await tx.query('ingest/ledger-find', { key: idempotencyKey })).length > 0;
              await recordLedger(tx, idempotencyKey, batchKnown, { ...entry, items, counts: plan.counts });
            }
            return true;
          },
          txOptions,
        ),
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
