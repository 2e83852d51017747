import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { EntityKindName } from '../domain/vocabulary';
import { Entity, NameVariant } from '../entities/entity.types';
import { BadUserInputError } from '../errors/errors';
import { EntityKind } from '../graphql/enums';
import { checkFirst } from '../graphql/pagination';
import { luceneQueries, rank, type RankedHit } from './search';

@ObjectType({ description: 'A search result: the entity, how well it matched, and the name form that matched.' })
export class SearchHit {
  @Field(() => Entity)
  entity!: Entity;

  @Field(() => Float, { description: 'Between 0.75 and 1.05; see README, "Search scoring".' })
  score!: number;

  @Field(() => NameVariant, { description: 'The name form that matched the query.' })
  matched!: NameVariant;
}

const MAX_QUERY_LENGTH = 100;

/**
 * How many candidates each full-text index may return before the kinds filter and the ranking
 * by name form. Lucene's order is not ours (a one-letter query matches nearly everything), so a
 * pool sized by `first` dropped strong hits and made the answer depend on `first`; ranking a
 * thousand candidates takes about a millisecond.
 */
const SEARCH_CANDIDATES = 1000;

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description: 'Finds entities by name in 汉字 (simplified or traditional), pinyin, pinyin initials, or English.',
  })
  async search(
    @Ctx() { loaders }: RequestContext,
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
    const lucene = luceneQueries(query);
    if (lucene === null)
      throw new BadUserInputError('"query" has no letters or characters to search for.', { argument: 'query' });
    const candidates = await loaders.repository.searchCandidates(lucene.cjk, lucene.std, kinds, SEARCH_CANDIDATES);
    return candidates
      .map((candidate) => rank(query, candidate.entity, candidate.score))
      .filter((hit): hit is RankedHit => hit !== null)
      .sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id))
      .slice(0, first);
  }
}
