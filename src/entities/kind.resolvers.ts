import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { EntityKindName, RelationTypeName } from '../domain/vocabulary';
import { zoneMemberLinks } from '../domain/membership';
import { ApprovalLevel, Direction } from '../graphql/enums';
import { sumMoney, toMoney } from '../relations/money';
import { InstrumentFinancing, Relation } from '../relations/relation.types';
import { Money, MoneySum, PartialDate, Quantity } from '../relations/value.types';
import { paragraphStarts } from '../ingest/plan';
import type { DirectionName } from './entity.repository';
import { Bank, Entity, Enterprise, Park, Project, Region, Source, Zone, University } from './entity.types';
import { toDateRecord, toQuantityRecord, type DateRecord, type EntityRecord, type RelationRecord } from './records';

const ZONE_ENTERPRISE_LINKS = zoneMemberLinks('ENTERPRISE');
const ZONE_PROJECT_LINKS = zoneMemberLinks('PROJECT');

function neighbours(
  ctx: RequestContext,
  id: string,
  types: RelationTypeName[],
  kinds: EntityKindName[] | null,
  direction: DirectionName,
): Promise<EntityRecord[]> {
  return ctx.loaders.neighbours.load({ id, types, kinds, direction });
}

async function outgoing(ctx: RequestContext, id: string, type: RelationTypeName): Promise<RelationRecord[]> {
  const page = await ctx.loaders.relationPage.load({ id, types: [type], direction: 'OUT', first: 100, offset: 0 });
  return page.relations;
}

@ObjectType({ description: 'Aggregates of one zone, computed from its relations.' })
export class ZoneStats {
  @Field(() => Int)
  enterpriseCount!: number;

  @Field(() => Int)
  projectCount!: number;

  @Field(() => MoneySum, { description: 'Sum of the total investment of the zone’s projects.' })
  totalProjectInvestment!: MoneySum;

  @Field(() => [InstrumentFinancing], {
    description: 'Financing of the zone and its projects, by instrument or lender.',
  })
  financingByInstrument!: InstrumentFinancing[];
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

  @FieldResolver(() => [Enterprise], {
    description: 'Firms the zone hosts or operates, or that are located in it or its parks.',
  })
  enterprises(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return ctx.loaders.zoneMembers.load({ id: zone.id, kinds: ['ENTERPRISE'], types: ZONE_ENTERPRISE_LINKS });
  }

  @FieldResolver(() => [Project], { description: 'Projects the zone or its parks develop, host or support.' })
  projects(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return ctx.loaders.zoneMembers.load({ id: zone.id, kinds: ['PROJECT'], types: ZONE_PROJECT_LINKS });
  }

  @FieldResolver(() => [Park], { description: 'Parks, enclaves, core areas and service points of the zone.' })
  parks(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, zone.id, ['PART_OF', 'OPERATES'], ['PARK'], 'BOTH');
  }

  @FieldResolver(() => [Entity], { description: 'Everyone the zone is PARTNERED_WITH.' })
  partners(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, zone.id, ['PARTNERED_WITH'], null, 'BOTH');
  }

  @FieldResolver(() => [Region], { description: 'Regions the zone is located in.' })
  regions(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, zone.id, ['LOCATED_IN'], ['REGION'], 'OUT');
  }

  @FieldResolver(() => [Relation], { description: 'FINANCED_BY relations of the zone and its projects.' })
  financings(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<RelationRecord[]> {
    return ctx.loaders.zoneFinancings.load(zone.id);
  }

  @FieldResolver(() => ZoneStats)
  async stats(@Root() zone: EntityRecord, @Ctx() ctx: RequestContext): Promise<ZoneStats> {
    const [enterprises, projects, financings] = await Promise.all([
      this.enterprises(zone, ctx),
      this.projects(zone, ctx),
      this.financings(zone, ctx),
    ]);
    const byInstrument = new Map<string, RelationRecord[]>();
    for (const relation of financings)
      byInstrument.set(relation.toId, [...(byInstrument.get(relation.toId) ?? []), relation]);
    const instruments = await ctx.loaders.entity.loadMany([...byInstrument.keys()]);
    return {
      enterpriseCount: enterprises.length,
      projectCount: projects.length,
      totalProjectInvestment: sumMoney(projects.map((project) => toQuantityRecord(project.props, 'totalInvestment'))),
      financingByInstrument: instruments.flatMap((instrument) => {
        if (instrument === null || instrument instanceof Error) return [];
        const relations = byInstrument.get(instrument.id) ?? [];
        const amounts = relations.map((r) => r.amount).filter((a) => a !== null);
        const total = amounts.length === 0 ? null : sumMoney(amounts).total;
        return [{ instrument, total, relations } as unknown as InstrumentFinancing];
      }),
    } as unknown as ZoneStats;
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

  @FieldResolver(() => [Relation], { description: 'FINANCED_BY relations of the project, with amounts and evidence.' })
  fundedBy(@Root() project: EntityRecord, @Ctx() ctx: RequestContext): Promise<RelationRecord[]> {
    return outgoing(ctx, project.id, 'FINANCED_BY');
  }

  @FieldResolver(() => [Enterprise], { description: 'Firms the project is courting (COURTS).' })
  courts(@Root() project: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, project.id, ['COURTS'], null, 'OUT');
  }

  @FieldResolver(() => [Entity], { description: 'Who develops the project (DEVELOPS).' })
  developers(@Root() project: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, project.id, ['DEVELOPS'], null, 'IN');
  }
}

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @FieldResolver(() => Zone, { nullable: true, description: 'The zone the firm belongs to, if the source names one.' })
  async zone(@Root() enterprise: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord | null> {
    const zones = await ctx.loaders.memberZones.load({ id: enterprise.id, types: ZONE_ENTERPRISE_LINKS });
    return zones[0] ?? null;
  }

  @FieldResolver(() => [Project], { description: 'Projects the firm develops.' })
  projects(@Root() enterprise: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, enterprise.id, ['DEVELOPS'], ['PROJECT'], 'OUT');
  }

  @FieldResolver(() => [Relation], { description: 'FINANCED_BY relations of the firm.' })
  fundedBy(@Root() enterprise: EntityRecord, @Ctx() ctx: RequestContext): Promise<RelationRecord[]> {
    return outgoing(ctx, enterprise.id, 'FINANCED_BY');
  }

  @FieldResolver(() => [Entity], { description: 'Everyone the firm is PARTNERED_WITH.' })
  partners(@Root() enterprise: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, enterprise.id, ['PARTNERED_WITH'], null, 'BOTH');
  }
}

@Resolver(() => Bank)
export class BankResolver {
  @FieldResolver(() => [Entity], { description: 'Everyone the bank is PARTNERED_WITH.' })
  partners(@Root() bank: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, bank.id, ['PARTNERED_WITH'], null, 'BOTH');
  }
}

@Resolver(() => University)
export class UniversityResolver {
  @FieldResolver(() => [Entity], { description: 'Everyone the university or institute is PARTNERED_WITH.' })
  partners(@Root() university: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, university.id, ['PARTNERED_WITH'], null, 'BOTH');
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

  @FieldResolver(() => [Zone], {
    description: 'Zones located in this region or in a region inside it (a province lists the zones of its counties).',
  })
  zones(@Root() region: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return ctx.loaders.regionZones.load(region.id);
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

  @FieldResolver(() => [Entity], { description: 'Entities this source mentions.' })
  mentions(@Root() source: EntityRecord, @Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    return neighbours(ctx, source.id, ['MENTIONED_IN'], null, 'IN');
  }
}
