import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { EntityKindName, RelationTypeName } from '../domain/vocabulary';
import {
  RELATION_RECORD_PROPS,
  type EntityRecord,
  type EvidenceRecord,
  type RelationRecord,
} from '../entities/records';
import { BadUserInputError, NotFoundError, QueryTimeoutError } from '../errors/errors';
import { EntityKind, RelationType } from '../graphql/enums';
import { boundsOf, checkBounds, PAGE_BOUNDS } from '../graphql/pagination';
import { graphReads, PATH_SHAPE, SUBGRAPH_SHAPE, suggestionReads, type GraphReads } from '../graphql/selection';
import { Evidence } from '../relations/relation.types';
import { AnalyticsRepository, type PathRecord } from './analytics.repository';
import { PartnerSuggestion, Path, Subgraph, SuggestionReason, SuggestionReasonKind } from './analytics.types';
import { DEFAULT_FOLLOWED_TYPES } from './link-types';
import { composeSuggestions, SUGGESTION_DRAW_CAP, type ScoredReason, type ScoredSuggestion } from './suggestions';

/** The transaction timeout of `paths`: a path search that takes longer answers [] instead. */
export const PATHS_TIMEOUT_MS = 2000;

const DEFAULT_TYPES_NOTE =
  'Without `types`, every relation type except MENTIONED_IN and AUTHORED is followed: those link each entity to the article that names it, and so would connect everything on a page to everything else.';

/**
 * The number of entities a neighborhood is costed at by the query-cost limit: 1 + limit × depth.
 * That is the exact bound at depth 1; deeper levels overlap and most entities have far fewer
 * than `limit` neighbours, so the worst case (limit^depth) would refuse every useful query. The
 * transaction timeout still bounds a pathological one.
 */
export function costedSubgraphSize(depth: number, limit: number): number {
  return 1 + Math.max(limit, 1) * Math.max(depth, 1);
}

/** Checks an argument of a Query field against its range in ARGUMENT_BOUNDS. */
function checkRange(field: string, argument: string, value: number): number {
  return checkBounds(value, argument, boundsOf('Query', field, argument) ?? PAGE_BOUNDS);
}

/** The relation types to follow: the client's, sorted and without repeats, or the default set. */
function followedTypes(types: readonly RelationTypeName[] | null | undefined): readonly RelationTypeName[] {
  if (types === null || types === undefined) return DEFAULT_FOLLOWED_TYPES;
  if (types.length === 0) {
    throw new BadUserInputError('"types", when given, must name at least one relation type.', { argument: 'types' });
  }
  return [...new Set(types)].sort();
}

/**
 * Fills the request's loaders with records already read, so nested fields need no query: whole
 * entities for any field, light ones (`reads.entityProps`) for the fields whose properties they
 * hold (a relation's ends); relations only when read whole, as a relation read with some of its
 * properties serves only the field it was read for.
 */
function prime(
  ctx: RequestContext,
  entities: readonly EntityRecord[],
  relations: readonly RelationRecord[],
  reads: GraphReads,
): void {
  for (const entity of entities) ctx.loaders.primeEntity(entity, reads.entityProps);
  if (reads.relationProps.length < RELATION_RECORD_PROPS.length) return;
  for (const relation of relations) ctx.loaders.relation.prime(relation.id, relation);
}

function primePaths(ctx: RequestContext, paths: readonly PathRecord[], reads: GraphReads): void {
  for (const path of paths) prime(ctx, path.nodes, path.relations, reads);
}

/**
 * Neighbourhoods, shortest paths and partner suggestions. Each root field runs one or two
 * statements whatever the size of the graph; nested entities, relations and evidence resolve
 * through the request's loaders, primed with the records the statement returned.
 */
@Resolver(() => SuggestionReason)
export class AnalyticsResolver {
  @Query(() => Subgraph, {
    complexity: ({ args, childComplexity }) =>
      1 + childComplexity * costedSubgraphSize(Number(args.depth ?? 1), Number(args.limit ?? 25)),
    description: `The entities within \`depth\` hops (1 to 3) of an entity, following relations either way, and the relations between them. Each entity is expanded to at most \`limit\` neighbours (1 to 100), ranked by relation type, then name, then id; SubgraphNode.omittedNeighbours says how many were left out. ${DEFAULT_TYPES_NOTE} NOT_FOUND when no entity has the id.`,
  })
  async neighborhood(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('depth', () => Int, { defaultValue: 1, description: '1 to 3.' }) depth: number,
    @Arg('types', () => [RelationType], { nullable: true, description: 'Only these relation types.' })
    types: RelationTypeName[] | null,
    @Arg('limit', () => Int, { defaultValue: 25, description: 'Neighbours expanded per entity, 1 to 100.' })
    limit: number,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Subgraph> {
    checkRange('neighborhood', 'depth', depth);
    checkRange('neighborhood', 'limit', limit);
    // The statement reads of the members and edges what the selection asks for.
    const reads = graphReads(info, SUBGRAPH_SHAPE);
    const found = await new AnalyticsRepository(ctx.executor).neighborhood(
      id,
      depth,
      limit,
      followedTypes(types),
      reads,
    );
    if (found === null) throw new NotFoundError(`Entity ${id} does not exist.`, { id });
    prime(
      ctx,
      found.nodes.map((node) => node.entity),
      found.edges,
      reads,
    );
    return found;
  }

  @Query(() => [Path], {
    description: `The shortest paths between two entities, following relations either way, of at most \`maxHops\` relations (1 to 6): every path of the shortest length, ordered by the names then ids of their entities, the first \`first\` (1 to 10). ${DEFAULT_TYPES_NOTE} The search runs with a ${PATHS_TIMEOUT_MS} ms timeout; when it runs out, or when no path is short enough, the answer is []. BAD_USER_INPUT when from equals to; NOT_FOUND when either id is unknown.`,
  })
  async paths(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Arg('maxHops', () => Int, { defaultValue: 4, description: '1 to 6.' }) maxHops: number,
    @Arg('first', () => Int, { defaultValue: 3, description: '1 to 10.' }) first: number,
    @Arg('types', () => [RelationType], { nullable: true, description: 'Only these relation types.' })
    types: RelationTypeName[] | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PathRecord[]> {
    checkRange('paths', 'maxHops', maxHops);
    checkRange('paths', 'first', first);
    const followed = followedTypes(types);
    if (from === to) throw new BadUserInputError('"from" and "to" must be different entities.', { argument: 'to' });
    // The statement reads of the entities and relations on the paths what the selection asks
    // for, and says whether both ends exist (it searches only then).
    const reads = graphReads(info, PATH_SHAPE);
    let found: { missing: string[]; paths: PathRecord[] };
    try {
      found = await new AnalyticsRepository(ctx.executor).shortestPaths(
        from,
        to,
        maxHops,
        first,
        followed,
        PATHS_TIMEOUT_MS,
        reads,
      );
    } catch (error) {
      // A path search that outgrows its budget is answered like "no short path", as documented
      // (a search runs only between two entities that exist).
      if (error instanceof QueryTimeoutError) return [];
      throw error;
    }
    if (found.missing.length > 0) {
      throw new NotFoundError(`Entity ${found.missing.join(', ')} does not exist.`, { ids: found.missing });
    }
    primePaths(ctx, found.paths, reads);
    return found.paths;
  }

  @Query(() => [PartnerSuggestion], {
    description: `Ranked partner candidates for an entity: entities it is not yet linked to (by any relation but MENTIONED_IN and AUTHORED), that share a partner, a zone or a region with it, scored by those (each weighed down by how many relations it has, so a hub is weak evidence) and by shared industry codes and complementary roles (src/analytics/SCORING.md). Candidates are drawn through the entity’s first ${SUGGESTION_DRAW_CAP} shared entities and at most ${SUGGESTION_DRAW_CAP} per shared entity, zone or region, by name. Leaves out the entity itself, entities that contain it or lie inside it, entities linked to its own parts (what is PART_OF it or what it OPERATES), and SOURCE, PERSON, REGION and POLICY entities unless \`kinds\` names them. Ranked by score, then name, then id. NOT_FOUND when no entity has the id.`,
  })
  async partnerSuggestions(
    @Ctx() ctx: RequestContext,
    @Arg('for', () => ID) id: string,
    @Arg('kinds', () => [EntityKind], { nullable: true, description: 'Only candidates of these kinds.' })
    kinds: EntityKindName[] | null,
    @Arg('first', () => Int, { defaultValue: 10, description: '1 to 50.' }) first: number,
    @Arg('requireReasons', () => [SuggestionReasonKind], {
      nullable: true,
      description:
        'Only candidates with at least one reason of each of these kinds: [SAME_INDUSTRY] with kinds: [ZONE] asks for the zones that share an industry with a zone (in its province, through SAME_REGION), most shared industries first.',
    })
    requireReasons: SuggestionReasonKind[] | null | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ScoredSuggestion[]> {
    checkRange('partnerSuggestions', 'first', first);
    if (requireReasons !== null && requireReasons !== undefined && requireReasons.length === 0) {
      throw new BadUserInputError('"requireReasons", when given, must name at least one reason kind.', {
        argument: 'requireReasons',
      });
    }
    if (kinds !== null && kinds !== undefined && kinds.length === 0) {
      throw new BadUserInputError('"kinds", when given, must name at least one entity kind.', { argument: 'kinds' });
    }
    const required = [...new Set(requireReasons ?? [])];
    // With required reasons, the ranking is read as far as candidates are drawn (the draw cap
    // per anchor), and those without every required reason are left out before the page is cut.
    // The statement reads of the entities and relations what the selection and the reasons' text need.
    const reads = suggestionReads(info);
    const found = await new AnalyticsRepository(ctx.executor).suggestions(
      id,
      kinds === null || kinds === undefined ? null : [...new Set(kinds)].sort(),
      required.length === 0 ? first : SUGGESTION_DRAW_CAP,
      reads,
    );
    if (found === null) throw new NotFoundError(`Entity ${id} does not exist.`, { id });
    const suggestions = composeSuggestions(found.entity, found.ranked)
      .filter((suggestion) => required.every((kind) => suggestion.reasons.some((reason) => reason.kind === kind)))
      .slice(0, first);
    for (const suggestion of suggestions) {
      prime(ctx, [suggestion.candidate], [], reads);
      primePaths(
        ctx,
        suggestion.reasons.map((reason) => reason.path),
        reads,
      );
    }
    return suggestions;
  }

  @FieldResolver(() => [Evidence], {
    description: 'The evidence of the relations on the path, each item once, in path order.',
  })
  async evidence(@Root() reason: ScoredReason, @Ctx() { loaders }: RequestContext): Promise<EvidenceRecord[]> {
    const ids = [...new Set(reason.path.relations.flatMap((relation) => relation.evidenceIds))];
    const found = await loaders.evidence.loadMany(ids);
    return found.filter((item): item is EvidenceRecord => item !== null && !(item instanceof Error));
  }
}
