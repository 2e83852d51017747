import type { Executor, QueryRunner, Row } from '../db/executor';
import { relationTypeOfId } from '../entities/entity.repository';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/errors';
import { relationId } from '../ingest/plan';
import { stableHash } from '../ingest/ids';
import { searchKeys } from '../search/search-keys';
import { deriveNameForms } from '../search/name-forms';
import type { IngestBatch } from '../ingest/types';
import { ingestBatch, type IngestResult } from '../ingest/writer';
import { refreshDerived } from '../ingest/derived';
import { recordAudit } from '../audit/audit';
import type { RelationTypeName } from '../domain/vocabulary';

export interface WriteOutcome {
  status: string;
  ids: string[];
  issues: { path: string; code: string; message: string }[];
  idempotencyKey?: string;
  sources: number;
  entities: number;
  facts: number;
  relations: number;
  /** Set by the resolver from the request's bookmark chain once the write has committed. */
  bookmark?: string | null;
}

function outcome(result: IngestResult, ids: string[]): WriteOutcome {
  return {
    status: result.status,
    ids: result.status === 'REJECTED' ? [] : ids,
    issues: [...result.issues],
    idempotencyKey: result.idempotencyKey,
    ...result.counts,
  };
}

/**
 * Writes a batch from a mutation through the one shared write path. A mutation batch is one
 * transaction (all or nothing). It is skipped as already applied only when the client sent an
 * idempotency key that the ledger holds; without a key the write is simply repeated, which
 * MERGE on stable ids makes harmless.
 */
export async function writeBatch(
  executor: Executor,
  batch: IngestBatch,
  origin: string,
  ids: string[],
): Promise<WriteOutcome> {
  const result = await ingestBatch(executor, batch, {
    origin,
    batchSize: Number.MAX_SAFE_INTEGER,
    ignoreLedger: batch.idempotencyKey === undefined,
  });
  return outcome(result, ids);
}

/** Deletes one relation, keeping a DeletionRecord with everything it held. */
export async function deleteRelation(executor: Executor, id: string, by: string): Promise<WriteOutcome> {
  const type = relationTypeOfId(id);
  if (type === null || type === 'MENTIONED_IN') {
    throw new BadUserInputError(`"${id}" is not the id of a deletable relation.`, { argument: 'id' });
  }
  await executor.writeTransaction(
    async (tx) => {
      const [deleted] = await tx.query('mutations/relation-delete', { id, type });
      if (deleted === undefined) throw new NotFoundError(`Relation ${id} does not exist.`, { id });
      await tx.query('mutations/record-deletion', {
        id,
        type,
        fromId: deleted.fromId,
        toId: deleted.toId,
        props: JSON.stringify(deleted.props),
        by,
      });
      await refreshDerived(tx, [String(deleted.fromId), String(deleted.toId)]);
      await recordAudit(tx, {
        actor: by,
        action: 'DELETE_RELATION',
        origin: `mutation:deleteRelation:${by}`,
        key: null,
        counts: { relations: 1 },
        ids: [id],
      });
    },
    { tag: 'mutation:deleteRelation' },
  );
  return { status: 'DELETED', ids: [id], issues: [], sources: 0, entities: 0, facts: 0, relations: 1 };
}

interface StoredRelation {
  id: string;
  type: RelationTypeName;
  fromId: string;
  toId: string;
  props: Record<string, unknown>;
}

interface MovedRelation {
  id: string;
  type: RelationTypeName;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/** Relation properties that say what a relation states; evidence, flags and timestamps do not. */
function statement(props: Record<string, unknown>): string {
  // Ids, timestamps and the page keys (which name the ends: migration 0007) are not statements.
  const ignored = new Set([
    'id',
    'evidenceIds',
    'qualityFlags',
    'createdAt',
    'updatedAt',
    'fromId',
    'toId',
    'fromKey',
    'toKey',
  ]);
  return JSON.stringify(
    Object.entries(props)
      .filter(([key, value]) => !ignored.has(key) && value !== null && value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * The key of a relation kept apart by a merge: its own key (if any) and the merged id, in the
 * characters the ingest format allows for keys (`[A-Za-z0-9_.-]`, at most 100), so an export
 * taken after a merge can be ingested again: `credit-line.merged-from.enterprise.jinxin-carbon`.
 */
export function mergedKey(key: string | null, merge: string): string {
  const readable = `${key === null ? '' : `${key}.`}merged-from.${merge.replace(/[^A-Za-z0-9_.-]/g, '.')}`;
  return readable.length <= 100 ? readable : `merged-from.${stableHash(key, merge)}`;
}

/**
 * A moved relation whose re-derived id `keep` already has: when both state the same thing the
 * evidence is united (merge-move-relations); when they differ (another amount, date, status...)
 * the moved one gets a key naming the merge, so it stays a relation of its own and nothing is lost.
 */
async function keepDistinct(tx: QueryRunner, rows: MovedRelation[], merge: string): Promise<MovedRelation[]> {
  if (rows.length === 0) return rows;
  const existing = new Map(
    (await tx.query('read/relations-by-ids', { rows: rows.map(({ id, type }) => ({ id, type })) })).map((row) => [
      String(row.id),
      row.props as Record<string, unknown>,
    ]),
  );
  return rows.map((row) => {
    const other = existing.get(row.id);
    if (other === undefined || statement(other) === statement(row.props)) return row;
    const key = mergedKey(typeof row.props.key === 'string' ? row.props.key : null, merge);
    const ends = relationId(row.type, row.from, row.to, key);
    return { ...row, id: ends.id, from: ends.from, to: ends.to, props: { ...row.props, key } };
  });
}

/**
 * Merges `merge` into `keep` in one transaction: relations are re-created on `keep` (their ids
 * re-derived for the new end, evidence united where `keep` already had the same relation,
 * relations between the two dropped), facts and name claims move over, the merged name and
 * aliases become aliases of `keep`, and a MergeRecord keeps the merged node's properties.
 */
export async function mergeEntities(
  executor: Executor,
  keep: string,
  merge: string,
  reason: string,
  by: string,
): Promise<WriteOutcome> {
  if (keep === merge) throw new BadUserInputError('An entity cannot be merged into itself.', { argument: 'merge' });
  const found = await executor.read('mutations/entity-exists', { ids: [keep, merge] });
  for (const id of [keep, merge]) {
    if (!found.some((row) => row.id === id)) throw new NotFoundError(`Entity ${id} does not exist.`, { id });
  }
  const kinds = new Set(found.map((row) => String(row.kind)));
  if (kinds.has('SOURCE')) {
    // Evidence points into a source's text by offsets: a merged-away source would leave it dangling.
    throw new BadUserInputError('Sources cannot be merged: evidence points into each source’s own text.', {
      argument: 'merge',
    });
  }
  if (kinds.size > 1) {
    throw new ConflictError(`Only entities of one kind can be merged; got ${[...kinds].join(' and ')}.`);
  }
  let moved = 0;
  await executor.writeTransaction(
    async (tx) => {
      const [row] = (await tx.query('mutations/merge-read', { keep, merge })) as [Row];
      const relations = ((row.relations as StoredRelation[] | null) ?? []).filter((r) => r !== null);
      const rows = relations.flatMap((relation) => {
        const from = relation.fromId === merge ? keep : relation.fromId;
        const to = relation.toId === merge ? keep : relation.toId;
        if (from === to) return [];
        const key = typeof relation.props.key === 'string' ? relation.props.key : undefined;
        const ends = relationId(relation.type, from, to, key);
        // The stored id belongs to the old end; the re-created relation gets the id derived above.
        const { id: _oldId, ...props } = relation.props;
        return [{ id: ends.id, type: relation.type, from: ends.from, to: ends.to, props }];
      });
      const placed = await keepDistinct(tx, rows, merge);
      moved = placed.length;
      if (placed.length > 0) await tx.query('mutations/merge-move-relations', { rows: placed });
      const keepName = String(row.keepName);
      const aliases = [
        ...new Set([
          ...((row.keepAliases as string[]) ?? []),
          String(row.goneName),
          ...((row.goneAliases as string[]) ?? []),
        ]),
      ].filter((alias) => alias !== keepName);
      const forms = deriveNameForms([keepName, ...aliases]);
      const englishName = typeof row.keepEnglishName === 'string' ? row.keepEnglishName : null;
      await tx.query('mutations/merge-apply', {
        keep,
        merge,
        aliases,
        ...forms,
        searchKeys: searchKeys({ ...forms, name: keepName, aliases, englishName }),
        reason,
        by,
        goneProps: JSON.stringify(row.goneProps),
      });
      // The kept entity and every other end of a moved relation: counts change where relations
      // were united or dropped, and a zone's members or projects may be the ones merged.
      await refreshDerived(tx, [keep, ...rows.flatMap((moved) => [moved.from, moved.to])]);
      await recordAudit(tx, {
        actor: by,
        action: 'MERGE_ENTITIES',
        origin: `mutation:mergeEntities:${by}`,
        key: null,
        counts: { entities: 1, relations: placed.length },
        ids: [keep, merge],
      });
    },
    { tag: 'mutation:mergeEntities' },
  );
  return { status: 'MERGED', ids: [keep, merge], issues: [], sources: 0, entities: 1, facts: 0, relations: moved };
}
