import type { EntityKindName, RelationTypeName } from './vocabulary';

/**
 * What "belongs to a zone" means, by kind, in one place so that Zone.enterprises,
 * Zone.projects, Zone.stats, Enterprise.zone, Project.zone and the lists' `zone` and `region`
 * filters agree. A member is linked to the zone, or to a park that is PART_OF it, by one of
 * these types: LOCATED_IN points from the member to the zone or park, the others from the zone
 * or park to the member. Kinds not listed have no membership; the `zone` filter takes any
 * relation with the zone or its parks for them (a bank PARTNERED_WITH it, a park PART_OF it).
 */
export const ZONE_MEMBER_LINKS: Readonly<Partial<Record<EntityKindName, readonly RelationTypeName[]>>> = {
  ENTERPRISE: ['HOSTS', 'OPERATES', 'LOCATED_IN'],
  PROJECT: ['DEVELOPS', 'HOSTS', 'SUPPORTS', 'LOCATED_IN'],
};

export function zoneMemberLinks(kind: EntityKindName): readonly RelationTypeName[] {
  return ZONE_MEMBER_LINKS[kind] ?? [];
}
