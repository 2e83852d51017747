import Decimal from 'decimal.js';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, ID, Info, InputType, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { LIST_ORDER_NAMES, type ListOrderName } from '../domain/list-orders';
import type { EntityKindName, QualityFlagName, RelationStatusName } from '../domain/vocabulary';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { ApprovalLevel, EntityKind, EntityOrder, QualityFlag, RelationStatus, ZoneSubtype } from '../graphql/enums';
import { checkFirst, cursorScope, keyAfter, toConnection } from '../graphql/pagination';
import { lightNodes, selects } from '../graphql/selection';
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

  // Zones only (the national catalogue's fields); BAD_USER_INPUT on a list of another kind.
  @Field(() => ZoneSubtype, { nullable: true, description: 'Zones only: the zone type (开发区类型).' })
  subtype?: string | null;

  @Field(() => ApprovalLevel, { nullable: true, description: 'Zones only: who approved the zone (批准级别).' })
  approvalLevel?: ApprovalLevel | null;

  @Field(() => Int, { nullable: true, description: 'Zones only: approved in this year or later (批准时间).' })
  approvedFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Zones only: approved in this year or earlier (批准时间).' })
  approvedTo?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Zones only: minimum approved area (核准面积) in m² (1 公顷 = 10,000 m²).',
  })
  approvedAreaMin?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Zones only: maximum approved area (核准面积) in m².' })
  approvedAreaMax?: string | null;
}

function checkRange(lower: [string, string | number | null], upper: [string, string | number | null]): void {
  for (const [name, value] of [lower, upper]) {
    if (value !== null && new Decimal(value).lessThan(0)) {
      throw new BadUserInputError(`"${name}" cannot be negative, got ${value}.`, { argument: `where.${name}` });
    }
  }
  if (lower[1] !== null && upper[1] !== null && new Decimal(lower[1]).greaterThan(upper[1])) {
    throw new BadUserInputError(`"${lower[0]}" is greater than "${upper[0]}".`, { argument: 'where' });
  }
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
    subtype: where?.subtype ?? null,
    approvalLevel: where?.approvalLevel ?? null,
    yearFrom: where?.approvedFrom ?? null,
    yearTo: where?.approvedTo ?? null,
    areaMin: where?.approvedAreaMin ?? null,
    areaMax: where?.approvedAreaMax ?? null,
  };
  checkRange(['investmentMin', filter.amountMin ?? null], ['investmentMax', filter.amountMax ?? null]);
  checkRange(['approvedAreaMin', filter.areaMin ?? null], ['approvedAreaMax', filter.areaMax ?? null]);
  for (const [name, year] of [
    ['approvedFrom', filter.yearFrom],
    ['approvedTo', filter.yearTo],
  ] as const) {
    if (year !== null && year !== undefined && (year < 1000 || year > 9999)) {
      throw new BadUserInputError(`"${name}" must be a year of four digits, got ${year}.`, {
        argument: `where.${name}`,
      });
    }
  }
  checkRange(['approvedFrom', filter.yearFrom ?? null], ['approvedTo', filter.yearTo ?? null]);
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

/** The zone-only filters and orders are refused on other kinds' lists, rather than answering nothing. */
function checkNotZoneOnly(filter: EntityListFilter, order: ListOrderName): void {
  const zoneOnly = (
    [
      ['subtype', filter.subtype],
      ['approvalLevel', filter.approvalLevel],
      ['approvedFrom', filter.yearFrom],
      ['approvedTo', filter.yearTo],
      ['approvedAreaMin', filter.areaMin],
      ['approvedAreaMax', filter.areaMax],
    ] as const
  ).find(([, value]) => value !== null && value !== undefined);
  if (zoneOnly !== undefined) {
    throw new BadUserInputError(`"where.${zoneOnly[0]}" filters zones only.`, { argument: `where.${zoneOnly[0]}` });
  }
  if (!(LIST_ORDER_NAMES as readonly string[]).includes(order)) {
    throw new BadUserInputError(`"orderBy: ${order}" orders zones only.`, { argument: 'orderBy' });
  }
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
  orderBy!: ListOrderName;
}

/** Lists of entities by kind: Relay connections with typed filters and allowlisted sort orders. */
@Resolver()
export class EntityListResolver {
  private async list(
    ctx: RequestContext,
    kind: EntityKindName,
    args: ListArgs,
    info: GraphQLResolveInfo,
  ): Promise<object> {
    const filter = toFilter(args.where ?? null);
    if (kind !== 'ZONE') checkNotZoneOnly(filter, args.orderBy);
    const scope = cursorScope('list', kind, args.orderBy, filter);
    const after = keyAfter(args.after ?? null, scope);
    const first = checkFirst(args.first);
    await checkFilterIds(ctx, filter);
    if (selects(info, 'totalCount')) {
      // Asked for: the count runs in the page's transaction rather than in one of its own after it.
      const { page, count } = await ctx.loaders.repository.listPageAndCount(kind, filter, args.orderBy, {
        first,
        after,
        light: lightNodes(info),
      });
      return toConnection(page, scope, after !== null, () => Promise.resolve(count));
    }
    const page = await ctx.loaders.repository.listPage(kind, filter, args.orderBy, {
      first,
      after,
      light: lightNodes(info),
    });
    return toConnection(page, scope, after !== null, () => ctx.loaders.repository.listCount(kind, filter));
  }

  @Query(() => ZoneConnection, {
    description:
      'Development and demonstration zones: by province (region), type, approval level, approval years, industry and area; in name, investment, relation, approval-date or area order.',
  })
  zones(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object> {
    return this.list(ctx, 'ZONE', args, info);
  }

  @Query(() => EnterpriseConnection)
  enterprises(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object> {
    return this.list(ctx, 'ENTERPRISE', args, info);
  }

  @Query(() => BankConnection)
  banks(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object> {
    return this.list(ctx, 'BANK', args, info);
  }

  @Query(() => UniversityConnection, { description: 'Universities and research institutes (see subtype).' })
  universities(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object> {
    return this.list(ctx, 'UNIVERSITY', args, info);
  }

  @Query(() => ProjectConnection)
  projects(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object> {
    return this.list(ctx, 'PROJECT', args, info);
  }

  @Query(() => EntityConnection, { description: 'Entities of any one kind (regions, parks, sources, ...).' })
  entities(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => EntityKind) kind: EntityKindName,
    @Args(() => ListArgs) args: ListArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object> {
    return this.list(ctx, kind, args, info);
  }
}
