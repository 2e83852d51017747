import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { SystemResolver } from './system/system.resolver';

/** Builds the executable schema from the type-graphql resolvers. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [SystemResolver],
    validate: false,
  });
}
