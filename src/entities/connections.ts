import type { ClassType } from 'type-graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../relations/value.types';
import { Bank, Entity, Enterprise, Project, Region, University, Zone } from './entity.types';

/** The description of every connection's totalCount: what it costs, so clients ask for it on purpose. */
export const TOTAL_COUNT_DESCRIPTION =
  'How many there are over all pages. Computed only when selected: unfiltered lists answer from the count store, filtered ones count their matches.';

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

    @Field(() => Int, { description: TOTAL_COUNT_DESCRIPTION })
    totalCount!: number;
  }
  return Connection;
}

export const ZoneConnection = connectionType('Zone', Zone);
export const EnterpriseConnection = connectionType('Enterprise', Enterprise);
export const BankConnection = connectionType('Bank', Bank);
export const UniversityConnection = connectionType('University', University);
export const ProjectConnection = connectionType('Project', Project);
export const RegionConnection = connectionType('Region', Region);
// Entity is an abstract interface class; type-graphql only needs it as a type reference here.
export const EntityConnection = connectionType('Entity', Entity as unknown as ClassType<Entity>);

/** The arguments of a connection field: a page of `first` after the cursor `after`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: '1 to 100.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'A cursor from a previous page.' })
  after?: string | null;
}
