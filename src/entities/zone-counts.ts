import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PROVINCES } from '../catalogue/provinces';
import type { RequestContext } from '../context';
import { ApprovalLevel, ZoneSubtype } from '../graphql/enums';
import type { ZoneClassCountRecord } from './entity.repository';
import { Region } from './entity.types';
import type { EntityRecord } from './records';

@ObjectType({ description: 'How many zones of one approval level a region holds.' })
export class ZoneLevelCount {
  @Field(() => ApprovalLevel, { nullable: true, description: 'Null: zones whose sources state no level.' })
  approvalLevel!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'How many zones of one subtype a region holds.' })
export class ZoneSubtypeCount {
  @Field(() => ZoneSubtype, { nullable: true, description: 'Null: zones whose sources state no type.' })
  subtype!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'How many zones of one approval level and subtype a region holds.' })
export class ZoneClassCount {
  @Field(() => ApprovalLevel, { nullable: true })
  approvalLevel!: string | null;

  @Field(() => ZoneSubtype, { nullable: true })
  subtype!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description:
    'The zones located in a region or a region inside it (as Region.zones lists them), counted by approval level and type.',
})
export class ZoneCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => [ZoneLevelCount], { description: 'By approval level: STATE_COUNCIL, PROVINCIAL, then none stated.' })
  byLevel!: ZoneLevelCount[];

  @Field(() => [ZoneSubtypeCount], { description: 'By subtype, most first, then by subtype.' })
  bySubtype!: ZoneSubtypeCount[];

  @Field(() => [ZoneClassCount], {
    description: 'By approval level and subtype together, in level then subtype order.',
  })
  byLevelAndSubtype!: ZoneClassCount[];
}

const LEVEL_ORDER = ['STATE_COUNCIL', 'PROVINCIAL'];
const levelRank = (level: string | null): number => (level === null ? LEVEL_ORDER.length : LEVEL_ORDER.indexOf(level));
const compare = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

function sumBy<K extends string | null>(rows: readonly ZoneClassCountRecord[], key: (row: ZoneClassCountRecord) => K) {
  const sums = new Map<K, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + row.count);
  return [...sums.entries()];
}

/** The counts of a region from its rows by level and subtype (read/region-zone-stats). */
export function zoneCounts(rows: readonly ZoneClassCountRecord[]): ZoneCounts {
  const classes = [...rows].sort(
    (a, b) => levelRank(a.approvalLevel) - levelRank(b.approvalLevel) || compare(a.subtype, b.subtype),
  );
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    byLevel: sumBy(rows, (row) => row.approvalLevel)
      .sort(([a], [b]) => levelRank(a) - levelRank(b))
      .map(([approvalLevel, count]) => ({ approvalLevel, count })),
    bySubtype: sumBy(rows, (row) => row.subtype)
      .sort(([a, x], [b, y]) => y - x || compare(a, b))
      .map(([subtype, count]) => ({ subtype, count })),
    byLevelAndSubtype: classes.map(({ approvalLevel, subtype, count }) => ({ approvalLevel, subtype, count })),
  };
}

/** Per-province zone counts: Query.provinces and Region.zoneCounts (one statement per request level). */
@Resolver(() => Region)
export class ZoneCountsResolver {
  @Query(() => [Region], {
    description:
      'The 31 province-level regions (省, 自治区, 直辖市) of the national zone catalogue, in the order of their codes (11 北京市 … 65 新疆维吾尔自治区); ask each for zoneCounts.',
  })
  async provinces(@Ctx() ctx: RequestContext): Promise<EntityRecord[]> {
    const found = await ctx.loaders.entity.loadMany(PROVINCES.map((province) => province.id));
    return found.filter((item): item is EntityRecord => item !== null && !(item instanceof Error));
  }

  @FieldResolver(() => ZoneCounts, {
    description:
      'The zones located in this region or a region inside it, counted by approval level and type (a province: its national and provincial zones of each type).',
  })
  async zoneCounts(@Root() region: EntityRecord, @Ctx() ctx: RequestContext): Promise<ZoneCounts> {
    return zoneCounts(await ctx.loaders.regionZoneStats.load(region.id));
  }
}
