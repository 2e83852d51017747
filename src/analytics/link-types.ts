import { RELATION_TYPES, type EntityKindName, type RelationTypeName } from '../domain/vocabulary';

/**
 * Relation types the analytics fields do not follow unless asked: every entity is MENTIONED_IN
 * its source and every source was AUTHORED by someone, so following them would link everything
 * on a page to everything else through the article rather than through a fact.
 */
export const NOT_FOLLOWED_BY_DEFAULT: ReadonlySet<RelationTypeName> = new Set(['MENTIONED_IN', 'AUTHORED']);

/** The relation types followed when the client gives none, in vocabulary order. */
export const DEFAULT_FOLLOWED_TYPES: readonly RelationTypeName[] = RELATION_TYPES.filter(
  (type) => !NOT_FOLLOWED_BY_DEFAULT.has(type),
);

/**
 * Entity kinds partner suggestions leave out unless the client names them in `kinds`: articles
 * and people, and places and documents, which are where partners meet, not partners.
 */
export const NOT_SUGGESTED_BY_DEFAULT: readonly EntityKindName[] = ['SOURCE', 'PERSON', 'REGION', 'POLICY'];

/** Zone membership, zone to member: a zone (or one of its parks) hosts, develops, operates or supports it. */
export const ZONE_TO_MEMBER: readonly RelationTypeName[] = ['HOSTS', 'DEVELOPS', 'OPERATES', 'SUPPORTS'];

/** Zone membership, member to zone: it is located in or part of the zone (or one of its parks). */
export const MEMBER_TO_ZONE: readonly RelationTypeName[] = ['LOCATED_IN', 'PART_OF'];

/** Being in a region: the entity, or a zone it belongs to, is LOCATED_IN the region. */
export const REGION_LINKS: readonly RelationTypeName[] = ['LOCATED_IN'];

/** Relations that count as financing: an entity with none of them "has no financing yet". */
export const FINANCING_LINKS: readonly RelationTypeName[] = ['FINANCED_BY'];
