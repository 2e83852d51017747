import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Field, FieldResolver, Info, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { KIND_ID_PREFIX, type EntityKindName, type RelationTypeName } from '../domain/vocabulary';
import { zoneMemberLinks } from '../domain/membership';
import { ApprovalLevel, Direction } from '../graphql/enums';
import { checkFirst, cursorScope, keyAfter, keyedPage, toConnection, type Page } from '../graphql/pagination';
import { lightNodes, selects, soleField } from '../graphql/selection';
import { restoreMoneySum, sumMoney, toMoney, type StoredMoneySum } from '../relations/money';
import { InstrumentFinancing, RelationConnection } from '../relations/relation.types';
import { Money, MoneySum, PartialDate, Quantity } from '../relations/value.types';
import { paragraphStarts } from '../ingest/plan';
import type { DirectionName, NeighbourQuery } from './entity.repository';
import type { MemberPageKey } from './loaders';
import { EnterpriseConnection, EntityConnection, PageArgs, ProjectConnection, ZoneConnection } from './connections';
import { Bank, Enterprise, Park, Project, Region, Source, Zone, University } from './entity.types';
import { toDateRecord, toQuantityRecord, type DateRecord, type EntityRecord, type RelationRecord } from './records';

const ZONE_ENTERPRISE_LINKS = zoneMemberLinks('ENTERPRISE');
const ZONE_PROJECT_LINKS = zoneMemberLinks('PROJECT');
const PARTNERS: NeighbourQuery = { type: 'PARTNERED_WITH', direction: 'BOTH', kind: null };

function neighbours(
  ctx: RequestContext,
  id: string,
  types: RelationTypeName[],
  kinds: EntityKindName[] | null,
  direction: DirectionName,
): Promise<EntityRecord[]> {
  return ctx.loaders.neighbours.load({ id, types, kinds, direction });
}

/**
 * A connection of an entity's distinct neighbours through some relation types, in kind then
 * name order, paged by keyset cursors; its totalCount is counted only when selected.
 */
async function neighbourConnection(
  ctx: RequestContext,
  id: string,
  field: string,
  query: NeighbourQuery,
  args: PageArgs,
  info: GraphQLResolveInfo,
): Promise<Page<EntityRecord>> {
  const scope = cursorScope(field, id);
  const after = keyAfter(args.after ?? null, scope);
  const page = await ctx.loaders.neighbourPage.load({
    id,
    ...query,
    first: checkFirst(args.first),
    after,
    light: lightNodes(info),
  });
  return toConnection(page, scope, after !== null, () => ctx.loaders.neighbourCount.load({ id, ...query }));
}

/** A connection of an entity's relations of some types, as Entity.relations pages them. */
async function relationConnection(
  ctx: RequestContext,
  id: string,
  field: string,
  types: RelationTypeName[],
  direction: DirectionName,
  args: PageArgs,
): Promise<Page<RelationRecord>> {
  const scope = cursorScope(field, id);
  const after = keyAfter(args.after ?? null, scope);
  const query = { id, types, direction };
  const page = await ctx.loaders.relationPage.load({ ...query, first: checkFirst(args.first), after });
  return toConnection(page, scope, after !== null, () => ctx.loaders.relationCount.load(query));
}

/**
 * The loader key of a zone's member connection (`Zone.enterprises`, `Zone.projects`) with these
 * arguments and this selection (`info` is the field's): what the field loads, and what node(id)
 * reads ahead for it. Throws the field's errors for bad arguments.
 */
function memberPageKey(
  zoneId: string,
  kind: 'ENTERPRISE' | 'PROJECT',
  args: PageArgs,
  info: GraphQLResolveInfo,
): { key: MemberPageKey; scope: string } {
  const scope = cursorScope(`Zone.${kind}`, zoneId);
  const after = keyAfter(args.after ?? null, scope);
  return { key: { id: zoneId, kind, first: checkFirst(args.first), after, light: lightNodes(info) }, scope };
}

/** The member connection fields of a zone, by kind. */
const MEMBER_FIELDS = [
  ['enterprises', 'ENTERPRISE'],
  ['projects', 'PROJECT'],
] as const;

/**
 * The member page node(id) can read with a zone (an id of the zone kind): the first of
 * `enterprises` and `projects` its selection holds exactly once, with valid arguments; else null.
 */
export function memberPagePrefetch(id: string, info: GraphQLResolveInfo): MemberPageKey | null {
  if (!id.startsWith(`${KIND_ID_PREFIX.ZONE}:`)) return null;
  for (const [name, kind] of MEMBER_FIELDS) {
    const field = soleField(info, 'Zone', name);
    if (field === null) continue;
    try {
      return memberPageKey(id, kind, field.args as unknown as PageArgs, field.info).key;
    } catch {
      return null;
    }
  }
  return null;
}

/** A connection of a zone's members of one kind, counted from the zone's maintained count. */
async function memberConnection(
  ctx: RequestContext,
  zone: EntityRecord,
  kind: 'ENTERPRISE' | 'PROJECT',
  args: PageArgs,
  info: GraphQLResolveInfo,
): Promise<Page<EntityRecord>> {
  const { key, scope } = memberPageKey(zone.id, kind, args, info);
  const after = key.after;
  const page = await ctx.loaders.memberPage.load(key);
  const count = Number(zone.props[kind === 'ENTERPRISE' ? 'enterpriseCount' : 'projectCount'] ?? 0);
  return toConnection(page, scope, after !== null, () => Promise.resolve(count));
}

@ObjectType({ description: 'Aggregates of one zone, computed from its relations.' })
export class ZoneStats {
  @Field(() => Int)
  enterpriseCount!: number;

  @Field(() => Int)
  projectCount!: number;

  /** The zone the aggregates are of (not a GraphQL field): the lazy fields below load from it. */
  zoneId!: string;

  /** The sum of its projects' investments the write path keeps on the zone (not a GraphQL field). */
  projectInvestment!: StoredMoneySum | null;
}

@Resolver(() => ZoneStats)
export class ZoneStatsResolver {
  @FieldResolver(() => MoneySum, { description: 'Sum of the total investment of the zone’s projects.' })
  totalProjectInvestment(
    @Root() stats: ZoneStats,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): MoneySum | Promise<MoneySum> {
    // The sum kept on the zone by the write path (src/ingest/derived.ts) answers everything but
    // the printed amounts joined (total.raw), which grow with the zone's projects and are not
    // kept: a request for them sums the projects, outward from the zone, as does a zone whose
    // sum was never made.
    const kept = stats.projectInvestment;
    if (kept !== null && !selects(info, 'total', 'raw')) {
      // raw is not selected, so never sent: the stored total has none.
      return { ...kept, total: kept.total === null ? null : { ...kept.total, raw: '' } };
    }
    // The kept sum is answered as a value, not a promise: graphql-js completes a page of zones
    // without a promise per zone.
    return ctx.loaders.zoneProjectInvestments.load(stats.zoneId).then(sumMoney);
  }

  @FieldResolver(() => [InstrumentFinancing], {
    description: 'Financing of the zone and its projects, by instrument or lender.',
  })
  async financingByInstrument(@Root() stats: ZoneStats, @Ctx() ctx: RequestContext): Promise<InstrumentFinancing[]> {
    const financings = await ctx.loaders.zoneFinancings.load(stats.zoneId);
    const byInstrument = new Map<string, RelationRecord[]>();
    for (const relation of financings)
      byInstrument.set(relation.toId, [...(byInstrument.get(relation.toId) ?? []), relation]);
    const instruments = await ctx.loaders.entity.loadMany([...byInstrument.keys()]);
    return instruments.flatMap((instrument) => {
      if (instrument === null || instrument instanceof Error) return [];
      const relations = byInstrument.get(instrument.id) ?? [];
      const amounts = relations.map((r) => r.amount).filter((a) => a !== null);
      const total = amounts.length === 0 ? null : sumMoney(amounts).total;
      return [{ instrument, total, relations } as unknown as InstrumentFinancing];
    });
  }
}

@Resolver(() => Zone)
export class ZoneResolver {
  @FieldResolver(() => Quantity, { nullable: true, description: 'The planned area in m2, e.g. 8.05平方公里.' })
  plannedArea(@Root() zone: EntityRecord): Quantity | null {
    return toQuantityRecord(zone.props, 'plannedArea');
  }

  @FieldResolver(() => Quantity, {
    nullable: true,
    description: 'The approved area (核准面积) in m2, as the national catalogue prints it in hectares (500.0公顷).',
  })
  approvedArea(@Root() zone: EntityRecord): Quantity | null {
    return toQuantityRecord(zone.props, 'approvedArea');
  }

  @FieldResolver(() => ApprovalLevel, {
    nullable: true,
    description: 'Who approved the zone (批准级别): the State Council or a provincial government.',
  })
  approvalLevel(@Root() zone: EntityRecord): ApprovalLevel | null {
    const level = zone.props.approvalLevel;
    return level === 'STATE_COUNCIL' || level === 'PROVINCIAL' ? ApprovalLevel[level] : null;
  }

  @FieldResolver(() => PartialDate, {
    nullable: true,
    description:
      'When the zone was approved (批准时间), with MONTH precision; a zone approved in two steps ' +
      '(2000.04/2002.12) gives the first here and both as approvalDate facts, flagged MULTIPLE_VALUES.',
  })
  approvalDate(@Root() zone: EntityRecord): DateRecord | null {
    return toDateRecord(zone.props.approvalDate);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The code the national catalogue gives the zone (代码: G141004 national, S147003 provincial).',
  })
  catalogueCode(@Root() zone: EntityRecord): string | null {
    return typeof zone.props.catalogueCode === 'string' ? zone.props.catalogueCode : null;
  }

  @FieldResolver(() => EnterpriseConnection, {
    description: 'Firms the zone hosts or operates, or that are located in it or its parks, in name order.',
  })
  enterprises(
    @Root() zone: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return memberConnection(ctx, zone, 'ENTERPRISE', args, info);
  }

  @FieldResolver(() => ProjectConnection, {
    description: 'Projects the zone or its parks develop, host or support, in name order.',
  })
  projects(
    @Root() zone: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return memberConnection(ctx, zone, 'PROJECT', args, info);
  }

  @FieldResolver(() => [Park], { description: 'Parks, enclaves, core areas and service points of the zone.' })
  parks(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, zone.id, ['PART_OF', 'OPERATES'], ['PARK'], 'BOTH');
  }

  @FieldResolver(() => EntityConnection, { description: 'Everyone the zone is PARTNERED_WITH, by kind and name.' })
  partners(
    @Root() zone: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(ctx, zone.id, 'partners', PARTNERS, args, info);
  }

  @FieldResolver(() => [Region], { description: 'Regions the zone is located in.' })
  regions(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, zone.id, ['LOCATED_IN'], ['REGION'], 'OUT');
  }

  @FieldResolver(() => RelationConnection, {
    description: 'FINANCED_BY relations of the zone and its projects, by id; proportional to the zone’s financings.',
  })
  async financings(
    @Root() zone: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
  ): Promise<Page<RelationRecord>> {
    const scope = cursorScope('Zone.financings', zone.id);
    const after = keyAfter(args.after ?? null, scope);
    const first = checkFirst(args.first);
    const all = await ctx.loaders.zoneFinancings.load(zone.id);
    const rest = all.filter((relation) => after === null || relation.id > after);
    const page = keyedPage(
      rest.slice(0, first + 1).map((relation) => ({ node: relation, key: relation.id })),
      first,
    );
    return toConnection(page, scope, after !== null, () => Promise.resolve(all.length));
  }

  @FieldResolver(() => ZoneStats)
  stats(@Root() zone: EntityRecord): ZoneStats {
    return {
      // Maintained on the zone by the write path (ingest/refresh-derived): no count per request.
      enterpriseCount: Number(zone.props.enterpriseCount ?? 0),
      projectCount: Number(zone.props.projectCount ?? 0),
      zoneId: zone.id,
      projectInvestment: restoreMoneySum(zone.props.projectInvestmentSum),
    };
  }
}

@Resolver(() => Project)
export class ProjectResolver {
  @FieldResolver(() => Money, { nullable: true, description: 'Total investment, exact, as printed (e.g. 1.07亿元).' })
  totalInvestment(@Root() project: EntityRecord): Money | null {
    return toMoney(toQuantityRecord(project.props, 'totalInvestment'));
  }

  @FieldResolver(() => Zone, { nullable: true, description: 'The zone that develops, hosts or supports the project.' })
  async zone(@Root() project: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord | null> {
    const zones = await ctx.loaders.memberZones.load({ id: project.id, types: ZONE_PROJECT_LINKS });
    return zones[0] ?? null;
  }

  @FieldResolver(() => RelationConnection, {
    description: 'FINANCED_BY relations of the project, with amounts and evidence.',
  })
  fundedBy(
    @Root() project: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
  ): Promise<Page<RelationRecord>> {
    return relationConnection(ctx, project.id, 'fundedBy', ['FINANCED_BY'], 'OUT', args);
  }

  @FieldResolver(() => EnterpriseConnection, { description: 'Firms the project is courting (COURTS), by name.' })
  courts(
    @Root() project: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(
      ctx,
      project.id,
      'courts',
      { type: 'COURTS', direction: 'OUT', kind: 'ENTERPRISE' },
      args,
      info,
    );
  }

  @FieldResolver(() => EntityConnection, { description: 'Who develops the project (DEVELOPS), by kind and name.' })
  developers(
    @Root() project: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(
      ctx,
      project.id,
      'developers',
      { type: 'DEVELOPS', direction: 'IN', kind: null },
      args,
      info,
    );
  }
}

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @FieldResolver(() => Zone, { nullable: true, description: 'The zone the firm belongs to, if the source names one.' })
  async zone(@Root() enterprise: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord | null> {
    const zones = await ctx.loaders.memberZones.load({ id: enterprise.id, types: ZONE_ENTERPRISE_LINKS });
    return zones[0] ?? null;
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects the firm develops, by name.' })
  projects(
    @Root() enterprise: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(
      ctx,
      enterprise.id,
      'projects',
      { type: 'DEVELOPS', direction: 'OUT', kind: 'PROJECT' },
      args,
      info,
    );
  }

  @FieldResolver(() => RelationConnection, { description: 'FINANCED_BY relations of the firm.' })
  fundedBy(
    @Root() enterprise: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
  ): Promise<Page<RelationRecord>> {
    return relationConnection(ctx, enterprise.id, 'fundedBy', ['FINANCED_BY'], 'OUT', args);
  }

  @FieldResolver(() => EntityConnection, { description: 'Everyone the firm is PARTNERED_WITH, by kind and name.' })
  partners(
    @Root() enterprise: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(ctx, enterprise.id, 'partners', PARTNERS, args, info);
  }
}

@Resolver(() => Bank)
export class BankResolver {
  @FieldResolver(() => EntityConnection, { description: 'Everyone the bank is PARTNERED_WITH, by kind and name.' })
  partners(
    @Root() bank: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(ctx, bank.id, 'partners', PARTNERS, args, info);
  }
}

@Resolver(() => University)
export class UniversityResolver {
  @FieldResolver(() => EntityConnection, {
    description: 'Everyone the university or institute is PARTNERED_WITH, by kind and name.',
  })
  partners(
    @Root() university: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(ctx, university.id, 'partners', PARTNERS, args, info);
  }
}

@Resolver(() => Region)
export class RegionResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region this one is PART_OF.' })
  async parent(@Root() region: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord | null> {
    return (await neighbours(ctx, region.id, ['PART_OF'], ['REGION'], Direction.OUT))[0] ?? null;
  }

  @FieldResolver(() => [Region])
  children(@Root() region: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, region.id, ['PART_OF'], ['REGION'], 'IN');
  }

  @FieldResolver(() => ZoneConnection, {
    description:
      'Zones located in this region or in a region inside it (a province lists the zones of its counties), by name.',
  })
  async zones(
    @Root() region: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    const scope = cursorScope('Region.zones', region.id);
    const after = keyAfter(args.after ?? null, scope);
    const page = await ctx.loaders.regionZonePage.load({
      id: region.id,
      first: checkFirst(args.first),
      after,
      light: lightNodes(info),
    });
    return toConnection(
      page,
      scope,
      after !== null,
      async () => (await ctx.loaders.regionZoneCount.load(region.id)) ?? 0,
    );
  }
}

@Resolver(() => Park)
export class ParkResolver {
  @FieldResolver(() => Zone, { nullable: true, description: 'The zone the park is part of or operated by.' })
  async zone(@Root() park: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord | null> {
    return (await neighbours(ctx, park.id, ['PART_OF', 'OPERATES'], ['ZONE'], 'BOTH'))[0] ?? null;
  }
}

const text = (entity: EntityRecord, key: string): string | null => {
  const value = entity.props[key];
  return value === null || value === undefined ? null : String(value);
};

@Resolver(() => Source)
export class SourceResolver {
  @FieldResolver(() => String, { nullable: true })
  title(@Root() source: EntityRecord): string | null {
    return text(source, 'title');
  }

  @FieldResolver(() => String, { nullable: true })
  section(@Root() source: EntityRecord): string | null {
    return text(source, 'section');
  }

  @FieldResolver(() => String)
  publisher(@Root() source: EntityRecord): string {
    return text(source, 'publisher') ?? '';
  }

  @FieldResolver(() => String, { nullable: true })
  byline(@Root() source: EntityRecord): string | null {
    return text(source, 'byline');
  }

  @FieldResolver(() => PartialDate, { nullable: true })
  date(@Root() source: EntityRecord): DateRecord | null {
    return toDateRecord(source.props.date);
  }

  @FieldResolver(() => String)
  sourceKind(@Root() source: EntityRecord): string {
    return source.subtype ?? 'ARTICLE';
  }

  @FieldResolver(() => String)
  text(@Root() source: EntityRecord): string {
    return text(source, 'text') ?? '';
  }

  @FieldResolver(() => [String])
  paragraphs(@Root() source: EntityRecord): string[] {
    const body = text(source, 'text') ?? '';
    return paragraphStarts(body).map((span) => body.slice(span.start, span.end));
  }

  @FieldResolver(() => EntityConnection, { description: 'Entities this source mentions, by kind and name.' })
  mentions(
    @Root() source: EntityRecord,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<EntityRecord>> {
    return neighbourConnection(
      ctx,
      source.id,
      'mentions',
      { type: 'MENTIONED_IN', direction: 'IN', kind: null },
      args,
      info,
    );
  }
}
