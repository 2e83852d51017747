import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AnalyticsResolver } from './analytics/analytics.resolver';
import { EntityResolver } from './entities/entity.resolver';
import { ENTITY_TYPES } from './entities/entity.types';
import {
  BankResolver,
  EnterpriseResolver,
  ParkResolver,
  ProjectResolver,
  RegionResolver,
  SourceResolver,
  UniversityResolver,
  ZoneResolver,
  ZoneStatsResolver,
} from './entities/kind.resolvers';
import { EntityListResolver } from './entities/list.resolver';
import { ZoneCountsResolver } from './entities/zone-counts';
import { EvidenceResolver, FactResolver, RelationResolver } from './relations/relation.resolver';
import { SearchResolver } from './search/search.resolver';
import { SystemResolver } from './system/system.resolver';
import { MutationResolver } from './mutations/mutation.resolver';
import { authChecker } from './auth/auth-checker';
import { AuditResolver } from './audit/audit.resolver';

export const RESOLVERS = [
  SystemResolver,
  EntityResolver,
  EntityListResolver,
  ZoneResolver,
  ZoneStatsResolver,
  ProjectResolver,
  EnterpriseResolver,
  BankResolver,
  UniversityResolver,
  RegionResolver,
  ZoneCountsResolver,
  ParkResolver,
  SourceResolver,
  RelationResolver,
  EvidenceResolver,
  FactResolver,
  SearchResolver,
  AnalyticsResolver,
  AuditResolver,
  MutationResolver,
] as const;

/** Builds the executable schema from the type-graphql resolvers. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    orphanedTypes: ENTITY_TYPES,
    authChecker,
    // An @Authorized field that fails the check throws (UNAUTHENTICATED/FORBIDDEN) before it resolves.
    authMode: 'error',
    validate: false,
  });
}
