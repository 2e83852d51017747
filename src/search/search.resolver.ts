import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { EntityKindName } from '../domain/vocabulary';
import { Entity, NameVariant } from '../entities/entity.types';
import { BadUserInputError } from '../errors/errors';
import { EntityKind } from '../graphql/enums';
import { checkFirst } from '../graphql/pagination';
import { matchedVariant, searchQueries, type RankedHit } from './search';
import { SearchRepository } from './search.repository';

@ObjectType({ description: 'A search result: the entity, how well it matched, and the name form that matched.' })
export class SearchHit {
  @Field(() => Entity)
  entity!: Entity;

  @Field(() => Float, { description: 'Between 0.75 and 1.05; see docs/api.md, "Search scoring".' })
  score!: number;

  @Field(() => NameVariant, { description: 'The name form that matched the query.' })
  matched!: NameVariant;
}

const MAX_QUERY_LENGTH = 100;

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description: 'Finds entities by name in 汉字 (simplified or traditional), pinyin, pinyin initials, or English.',
  })
  async search(
    @Ctx() { executor }: RequestContext,
    @Arg('query') query: string,
    @Arg('kinds', () => [EntityKind], { nullable: true }) kinds: EntityKindName[] | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
  ): Promise<RankedHit[]> {
    checkFirst(first);
    if (kinds?.length === 0) {
      // As in partnerSuggestions: an empty list is a mistake, not a request for nothing.
      throw new BadUserInputError('"kinds", when given, must name at least one entity kind.', { argument: 'kinds' });
    }
    if ([...query].length > MAX_QUERY_LENGTH) {
      throw new BadUserInputError(`"query" is longer than ${MAX_QUERY_LENGTH} characters.`, { argument: 'query' });
    }
    const queries = searchQueries(query);
    if (queries === null)
      throw new BadUserInputError('"query" has no letters or characters to search for.', { argument: 'query' });
    const rows = await new SearchRepository(executor).search(queries, kinds ?? null, first);
    return rows.map((row) => ({ entity: row.entity, score: row.score, matched: matchedVariant(row.entity, row.key) }));
  }
}
