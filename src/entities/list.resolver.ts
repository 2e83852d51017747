import Decimal from 'decimal.js';
import type { ClassType } from 'type-graphql';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { EntityKindName, QualityFlagName, RelationStatusName } from '../domain/vocabulary';
import { BadUserInputError } from '../errors/errors';
import { EntityKind, EntityOrder, QualityFlag, RelationStatus } from '../graphql/enums';
import { checkFirst, offsetAfter, toConnection } from '../graphql/pagination';
import { DecimalScalar } from '../graphql/scalars';
import { PageInfo } from '../relations/value.types';
import { Bank, Entity, Enterprise, Project, University, Zone } from './entity.types';
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
    description: 'A region id: entities located in it (directly or through their zone).',
  })
  region?: string | null;

  @Field(() => ID, { nullable: true, description: 'A zone id: entities linked to that zone or one of its parks.' })
  zone?: string | null;

  @Field(() => String, { nullable: true, description: 'An industry code, e.g. quinoa-food.' })
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

function connectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} entities.` })
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many entities match the filter, over all pages.' })
    totalCount!: number;
  }
  return Connection;
}

export const ZoneConnection = connectionType('Zone', Zone);
export const EnterpriseConnection = connectionType('Enterprise', Enterprise);
export const BankConnection = connectionType('Bank', Bank);
export const UniversityConnection = connectionType('University', University);
export const ProjectConnection = connectionType('Project', Project);
// Entity is an abstract interface class; type-graphql only needs it as a type reference here.
export const EntityConnection = connectionType('Entity', Entity as unknown as ClassType<Entity>);

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
  if (amountMin != null && amountMax != null && new Decimal(amountMin).greaterThan(amountMax)) {
    throw new BadUserInputError('"investmentMin" is greater than "investmentMax".', { argument: 'where' });
  }
  return filter;
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
    const offset = offsetAfter(args.after ?? null);
    const page = await ctx.loaders.repository.list(
      kind,
      toFilter(args.where ?? null),
      args.orderBy,
      checkFirst(args.first),
      offset,
    );
    return toConnection(page.entities, offset, page.totalCount);
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
