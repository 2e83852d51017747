import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { Entity, Source } from '../entities/entity.types';
import {
  toEntityRecord,
  type EntityRecord,
  type EvidenceRecord,
  type FactRecord,
  type RelationRecord,
} from '../entities/records';
import { lightEntity, selectsOnly } from '../graphql/selection';
import { NotFoundError } from '../errors/errors';
import { toMoney } from './money';
import { Evidence, Fact, Relation } from './relation.types';
import { Money } from './value.types';

async function loadEvidence(ids: readonly string[], { loaders }: RequestContext): Promise<EvidenceRecord[]> {
  const found = await loaders.evidence.loadMany([...ids]);
  return found.filter((item): item is EvidenceRecord => item !== null && !(item instanceof Error));
}

/** A selection of these fields only needs an entity's id. */
const ID_ONLY: ReadonlySet<string> = new Set(['id', '__typename']);

/**
 * The entity `id`: a light record holding what the field selects when it selects only light
 * fields (selection.ts, lightEntity), else the whole record.
 */
function requireEntity(
  id: string,
  { loaders }: RequestContext,
  info?: GraphQLResolveInfo,
): EntityRecord | Promise<EntityRecord> {
  const props = info === undefined ? null : lightEntity(info);
  // Primed by the statement that read the relation (a page's ends): answered as a value.
  const primed = loaders.primedEntity(id, props);
  if (primed !== undefined) return primed;
  return (props === null ? loaders.entity.load(id) : loaders.lightEntity.load(id, props)).then((entity) => {
    if (entity === null) throw new NotFoundError(`Entity ${id} does not exist.`, { id });
    return entity;
  });
}

@Resolver(() => Relation)
export class RelationResolver {
  @FieldResolver(() => Entity, { description: 'The entity the relation starts from.' })
  from(
    @Root() relation: RelationRecord,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): EntityRecord | Promise<EntityRecord> {
    return requireEntity(relation.fromId, ctx, info);
  }

  @FieldResolver(() => Entity, { description: 'The entity the relation points to.' })
  to(
    @Root() relation: RelationRecord,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): EntityRecord | Promise<EntityRecord> {
    return requireEntity(relation.toId, ctx, info);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'The amount, exact, with its qualifier.' })
  amount(@Root() relation: RelationRecord): Money | null {
    return toMoney(relation.amount);
  }

  @FieldResolver(() => [Evidence], { description: 'The verbatim spans that state this relation.' })
  evidence(@Root() relation: RelationRecord, @Ctx() ctx: RequestContext): Promise<EvidenceRecord[]> {
    return loadEvidence(relation.evidenceIds, ctx);
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Source, { description: 'The piece the quote comes from.' })
  source(
    @Root() evidence: EvidenceRecord,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): EntityRecord | Promise<EntityRecord> {
    // `source { id }`, how a quote usually names its piece: the id is the evidence's own, so the
    // source (with its whole text) is not read. The record holds the id alone; nothing else of it
    // is resolved, as nothing else is selected.
    if (selectsOnly(info, [], ID_ONLY)) return toEntityRecord({ id: evidence.sourceId, kind: 'SOURCE' });
    return requireEntity(evidence.sourceId, ctx);
  }
}

@Resolver(() => Fact)
export class FactResolver {
  @FieldResolver(() => Entity, { description: 'The entity the fact is about.' })
  entity(@Root() fact: FactRecord, @Ctx() ctx: RequestContext): EntityRecord | Promise<EntityRecord> {
    return requireEntity(fact.entityId, ctx);
  }

  @FieldResolver(() => [Evidence])
  evidence(@Root() fact: FactRecord, @Ctx() ctx: RequestContext): Promise<EvidenceRecord[]> {
    return loadEvidence(fact.evidenceIds, ctx);
  }
}
