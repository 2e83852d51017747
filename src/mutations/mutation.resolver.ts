import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { formatBookmarks } from '../db/bookmarks';
import { relationId } from '../ingest/plan';
import type {
  EntityInput as EntityRecordInput,
  IngestBatch,
  RelationInput as RelationRecordInput,
} from '../ingest/types';
import { EntityInput, IngestBatchInput, RelationInput, WriteResult, type KeyValueInput } from './mutation.types';
import { deleteRelation, mergeEntities, writeBatch, type WriteOutcome } from './write-service';

/** Entity fields an update keeps when left out; null clears them (src/ingest/writer.ts). */
const CLEARED_BY_NULL = new Set(['subtype', 'englishName']);
const EMPTIED_BY_NULL = new Set(['aliases', 'industries', 'qualityFlags']);

/**
 * GraphQL input objects become the ingest format: key/value lists become maps, and absent
 * optional fields are dropped so the JSON Schema sees exactly what the client sent. A null is
 * absent too, except where it means "clear": subtype and englishName stay null, and aliases,
 * industries and qualityFlags become [] (an entity update keeps what it leaves out).
 */
function toIngest<T>(input: unknown): T {
  return JSON.parse(
    JSON.stringify(input, (key, value: unknown) =>
      key === 'properties' && Array.isArray(value)
        ? Object.fromEntries((value as KeyValueInput[]).map((entry) => [entry.key, entry.value]))
        : value !== null
          ? value
          : CLEARED_BY_NULL.has(key)
            ? null
            : EMPTIED_BY_NULL.has(key)
              ? []
              : undefined,
    ),
  ) as T;
}

const who = (ctx: RequestContext): string => ctx.caller.keyName ?? 'anonymous';

/**
 * The outcome with the request's bookmarks after the write: every transaction of a request
 * shares one chain, so they name this write and everything the request read before it.
 */
async function withBookmark(ctx: RequestContext, write: Promise<WriteOutcome>): Promise<WriteOutcome> {
  const outcome = await write;
  return { ...outcome, bookmark: formatBookmarks(await ctx.executor.bookmarks()) };
}

/** Writes. Editors add and update; admins also delete and merge. Every write returns a WriteResult. */
@Resolver()
export class MutationResolver {
  @Authorized('editor')
  @Mutation(() => WriteResult, { description: 'Creates or updates one entity (role: editor).' })
  upsertEntity(@Arg('input', () => EntityInput) input: EntityInput, @Ctx() ctx: RequestContext): Promise<WriteOutcome> {
    const entity = toIngest<EntityRecordInput>(input);
    return withBookmark(
      ctx,
      writeBatch(ctx.executor, { entities: [entity] }, `mutation:upsertEntity:${who(ctx)}`, [entity.id]),
    );
  }

  @Authorized('editor')
  @Mutation(() => WriteResult, { description: 'Creates or updates one relation; evidence is required (role: editor).' })
  upsertRelation(
    @Arg('input', () => RelationInput) input: RelationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WriteOutcome> {
    const relation = toIngest<RelationRecordInput>(input);
    const { id } = relationId(relation.type, relation.from, relation.to, relation.key);
    return withBookmark(
      ctx,
      writeBatch(ctx.executor, { relations: [relation] }, `mutation:upsertRelation:${who(ctx)}`, [id]),
    );
  }

  @Authorized('editor')
  @Mutation(() => WriteResult, {
    description: 'Writes a batch of sources, entities and relations, all or nothing (role: editor).',
  })
  ingest(
    @Arg('batch', () => IngestBatchInput) batch: IngestBatchInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WriteOutcome> {
    const input = toIngest<IngestBatch>(batch);
    const ids = [
      ...(input.sources ?? []).map((s) => s.id),
      ...(input.entities ?? []).map((e) => e.id),
      ...(input.relations ?? []).map((r) => relationId(r.type, r.from, r.to, r.key).id),
    ];
    return withBookmark(ctx, writeBatch(ctx.executor, input, `mutation:ingest:${who(ctx)}`, ids));
  }

  @Authorized('admin')
  @Mutation(() => WriteResult, { description: 'Deletes one relation; a DeletionRecord keeps a copy (role: admin).' })
  deleteRelation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WriteOutcome> {
    return withBookmark(ctx, deleteRelation(ctx.executor, id, who(ctx)));
  }

  @Authorized('admin')
  @Mutation(() => WriteResult, {
    description:
      'Merges two entities of one kind found to be the same: relations and facts move to `keep`, names become ' +
      'aliases (role: admin). A moved relation that `keep` already has is united with it when both state the ' +
      'same, and kept as its own relation (key "<key>.merged-from.<id>") when they differ. Sources cannot be merged.',
  })
  mergeEntities(
    @Arg('keep', () => ID) keep: string,
    @Arg('merge', () => ID) merge: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<WriteOutcome> {
    return withBookmark(ctx, mergeEntities(ctx.executor, keep, merge, reason, who(ctx)));
  }
}
