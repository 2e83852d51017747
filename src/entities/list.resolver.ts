import Decimal from 'decimal.js';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { EntityKindName, QualityFlagName, RelationStatusName } from '../domain/vocabulary';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { EntityKind, EntityOrder, QualityFlag, RelationStatus } from '../graphql/enums';
import { checkFirst, cursorScope, keyAfter, toConnection } from '../graphql/pagination';
import { DecimalScalar } from '../graphql/scalars';
import {
  BankConnection,
  EnterpriseConnection,
  EntityConnection,
  ProjectConnection,
  UniversityConnection,
  ZoneConnection,
} from './connections';
import type { EntityListFilter } from './entity.repository';

@InputType({ description: 'Filters for entity lists; all given filters must hold.' })
export class EntityFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive part of the name, an alias or the English name.',
  })
  nameContains?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A region id: entities located in it or in a region inside it, directly or, for enterprises and projects, through a zone or park they belong to.',
  })
  region?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A zone id: for enterprises and projects, the members Zone.enterprises and Zone.projects list; for other kinds, entities with a relation to the zone or a park that is part of it.',
  })
  zone?: string | null;

  @Field(() => String, { nullable: true, description: 'An industry code, e.g. quinoa (data/seed/industries.json).' })
  industry?: string | null;

  @Field(() => RelationStatus, { nullable: true, description: 'Entities with a relation in this status.' })
  status?: RelationStatusName | null;

  @Field(() => QualityFlag, {
    nullable: true,
    description: 'Entities flagged so, or with a fact or relation flagged so.',
  })
  hasQualityFlag?: QualityFlagName | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Minimum total investment in yuan.' })
  investmentMin?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Maximum total investment in yuan.' })
  investmentMax?: string | null;
}

function toFilter(where: EntityFilter | null): EntityListFilter {
  const filter: EntityListFilter = {
    nameContains: where?.nameContains ?? null,
    region: where?.region ?? null,
    zone: where?.zone ?? null,
    industry: where?.industry ?? null,
    status: where?.status ?? null,
    hasQualityFlag: where?.hasQualityFlag ?? null,
    amountMin: where?.investmentMin ?? null,
    amountMax: where?.investmentMax ?? null,
  };
  const { amountMin, amountMax } = filter;
  for (const [name, value] of [
    ['investmentMin', amountMin],
    ['investmentMax', amountMax],
  ] as const) {
    if (value != null && new Decimal(value).lessThan(0)) {
      throw new BadUserInputError(`"${name}" cannot be negative, got ${value}.`, { argument: `where.${name}` });
    }
  }
  if (amountMin != null && amountMax != null && new Decimal(amountMin).greaterThan(amountMax)) {
    throw new BadUserInputError('"investmentMin" is greater than "investmentMax".', { argument: 'where' });
  }
  return filter;
}

/**
 * A zone or region the filter names must exist and be of that kind: a typo would otherwise look
 * exactly like an empty result. One batched lookup, and only when such a filter is given.
 */
async function checkFilterIds(ctx: RequestContext, filter: EntityListFilter): Promise<void> {
  const named: [string, string | null | undefined, EntityKindName][] = [
    ['zone', filter.zone, 'ZONE'],
    ['region', filter.region, 'REGION'],
  ];
  const wanted = named.flatMap(([name, id, kind]) => (typeof id === 'string' ? [[name, id, kind] as const] : []));
  const found = await ctx.loaders.entity.loadMany(wanted.map(([, id]) => id));
  wanted.forEach(([name, id, kind], i) => {
    const entity = found[i];
    if (entity instanceof Error) throw entity;
    if (entity === null || entity === undefined) {
      throw new NotFoundError(`"where.${name}": ${id} does not exist.`, { argument: `where.${name}`, id });
    }
    if (entity.kind !== kind) {
      throw new BadUserInputError(`"where.${name}": ${id} is a ${entity.kind}, not a ${kind}.`, {
        argument: `where.${name}`,
      });
    }
  });
}

@ArgsType()
export class ListArgs {
  @Field(() => Int, { defaultValue: 20, description: '1 to 100.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'A cursor from a previous page.' })
  after?: string | null;

  @Field(() => EntityFilter, { nullable: true })
  where?: EntityFilter | null;

  @Field(() => EntityOrder, { defaultValue: EntityOrder.NAME_ASC })
  orderBy!: EntityOrder;
}

/** Lists of entities by kind: Relay connections with typed filters and allowlisted sort orders. */
@Resolver()
export class EntityListResolver {
  private async list(ctx: RequestContext, kind: EntityKindName, args: ListArgs): Promise<object> {
    const filter = toFilter(args.where ?? null);
    const scope = cursorScope('list', kind, args.orderBy, filter);
    const after = keyAfter(args.after ?? null, scope);
    const first = checkFirst(args.first);
    await checkFilterIds(ctx, filter);
    const page = await ctx.loaders.repository.listPage(kind, filter, args.orderBy, { first, after });
    return toConnection(page, scope, after !== null, () => ctx.loaders.repository.listCount(kind, filter));
  }

  @Query(() => ZoneConnection, { description: 'Development and demonstration zones.' })
  zones(@Ctx() ctx: RequestContext, @Args(() => ListArgs) args: ListArgs): Promise<object> {
    return this.list(ctx, 'ZONE', args);
  }

  @Query(() => EnterpriseConnection)
  enterprises(@Ctx() ctx: RequestContext, @Args(() => ListArgs) args: ListArgs): Promise<object> {
    return this.list(ctx, 'ENTERPRISE', args);
  }

  @Query(() => BankConnection)
  banks(@Ctx() ctx: RequestContext, @Args(() => ListArgs) args: ListArgs): Promise<object> {
    return this.list(ctx, 'BANK', args);
  }

  @Query(() => UniversityConnection, { description: 'Universities and research institutes (see subtype).' })
  universities(@Ctx() ctx: RequestContext, @Args(() => ListArgs) args: ListArgs): Promise<object> {
    return this.list(ctx, 'UNIVERSITY', args);
  }

  @Query(() => ProjectConnection)
  projects(@Ctx() ctx: RequestContext, @Args(() => ListArgs) args: ListArgs): Promise<object> {
    return this.list(ctx, 'PROJECT', args);
  }

  @Query(() => EntityConnection, { description: 'Entities of any one kind (regions, parks, sources, ...).' })
  entities(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => EntityKind) kind: EntityKindName,
    @Args(() => ListArgs) args: ListArgs,
  ): Promise<object> {
    return this.list(ctx, kind, args);
  }
}
