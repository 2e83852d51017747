import type { EntityKindName, RelationTypeName } from '../domain/vocabulary';
import type { EntityRecord, RelationRecord } from '../entities/records';
import { SuggestionReasonKind } from './analytics.types';
import { MEMBER_TO_ZONE, ZONE_TO_MEMBER } from './link-types';

/**
 * The weight of one reason of each kind. A candidate's score is the sum of its reasons' weights:
 *
 *   score = 3   × (entities both are linked to, never a region)        SHARED_PARTNER
 *         + 2   × (zones both are tied to)                             SAME_ZONE
 *         + 1   × (regions both are located in, only if no shared zone) SAME_REGION
 *         + 1.5 × (industry codes both carry)                          SAME_INDUSTRY
 *         + 2   × (rules of COMPLEMENTARY_ROLES the pair matches)      COMPLEMENTARY_ROLE
 *
 * Candidates are ranked by score (highest first), then by name (the pinyin sort key every
 * list of the API uses), then by id, so equal inputs always give the same list. All weights are
 * multiples of 0.5, so the sums are exact in floating point. SCORING.md says the same for readers.
 */
export const REASON_WEIGHTS: Readonly<Record<SuggestionReasonKind, number>> = {
  [SuggestionReasonKind.SHARED_PARTNER]: 3,
  [SuggestionReasonKind.SAME_ZONE]: 2,
  [SuggestionReasonKind.SAME_REGION]: 1,
  [SuggestionReasonKind.SAME_INDUSTRY]: 1.5,
  [SuggestionReasonKind.COMPLEMENTARY_ROLE]: 2,
};

/** The order reasons are listed in within one suggestion. */
const REASON_ORDER: readonly SuggestionReasonKind[] = [
  SuggestionReasonKind.SHARED_PARTNER,
  SuggestionReasonKind.SAME_ZONE,
  SuggestionReasonKind.SAME_REGION,
  SuggestionReasonKind.SAME_INDUSTRY,
  SuggestionReasonKind.COMPLEMENTARY_ROLE,
];

/** What a complementary-role rule needs besides the two kinds. */
export type RoleCondition = 'SHARED_INDUSTRY' | 'ENTITY_UNFINANCED' | 'CANDIDATE_UNFINANCED';

export interface ComplementaryRole {
  readonly name: string;
  /** The kind of the entity asked about. */
  readonly entityKinds: readonly EntityKindName[];
  /** The kind of the candidate. */
  readonly candidateKinds: readonly EntityKindName[];
  readonly condition: RoleCondition;
  readonly describe: (entity: EntityRecord, candidate: EntityRecord, industries: readonly string[]) => string;
}

const INDUSTRY_HOLDERS: readonly EntityKindName[] = ['ENTERPRISE', 'PROJECT', 'ZONE', 'PARK'];
const quoted = (codes: readonly string[]): string => codes.map((code) => `"${code}"`).join(', ');

/**
 * The explicit table of complementary roles. Each rule fires at most once per candidate.
 * "Financing" means a FINANCED_BY relation (FINANCING_LINKS); industries are the codes of
 * data/seed/industries.json that the entities carry.
 */
export const COMPLEMENTARY_ROLES: readonly ComplementaryRole[] = [
  {
    name: 'research for an industry',
    entityKinds: INDUSTRY_HOLDERS,
    candidateKinds: ['UNIVERSITY'],
    condition: 'SHARED_INDUSTRY',
    describe: (entity, candidate, codes) =>
      `${candidate.name} is a university or research body working in ${quoted(codes)}, an industry of ${entity.name}.`,
  },
  {
    name: 'an industry for research',
    entityKinds: ['UNIVERSITY'],
    candidateKinds: INDUSTRY_HOLDERS,
    condition: 'SHARED_INDUSTRY',
    describe: (entity, candidate, codes) =>
      `${candidate.name} works in ${quoted(codes)}, the field of the research body ${entity.name}.`,
  },
  // A bank lends to firms and projects; a funding instrument (a government bond) pays for
  // public projects, never a firm.
  {
    name: 'a lender for the unfinanced',
    entityKinds: ['PROJECT', 'ENTERPRISE'],
    candidateKinds: ['BANK'],
    condition: 'ENTITY_UNFINANCED',
    describe: (entity, candidate) =>
      `${candidate.name} is a bank, and the graph names no lender or funder of ${entity.name} (no FINANCED_BY relation).`,
  },
  {
    name: 'public funds for an unfinanced project',
    entityKinds: ['PROJECT'],
    candidateKinds: ['FUNDING_INSTRUMENT'],
    condition: 'ENTITY_UNFINANCED',
    describe: (entity, candidate) =>
      `${candidate.name} funds projects, and the graph names no lender or funder of ${entity.name} (no FINANCED_BY relation).`,
  },
  {
    name: 'the unfinanced for a lender',
    entityKinds: ['BANK'],
    candidateKinds: ['PROJECT', 'ENTERPRISE'],
    condition: 'CANDIDATE_UNFINANCED',
    describe: (entity, candidate) =>
      `The graph names no lender or funder of ${candidate.name} (no FINANCED_BY relation), and ${entity.name} is a bank.`,
  },
  {
    name: 'unfinanced projects for public funds',
    entityKinds: ['FUNDING_INSTRUMENT'],
    candidateKinds: ['PROJECT'],
    condition: 'CANDIDATE_UNFINANCED',
    describe: (entity, candidate) =>
      `The graph names no lender or funder of the project ${candidate.name} (no FINANCED_BY relation), and ${entity.name} funds projects.`,
  },
];

/** How the graph links the entity to a candidate, as found by analytics/suggestion-links.cypher. */
export interface SuggestionLink {
  readonly via: 'SHARED' | 'ZONE' | 'REGION';
  /** The shared entity, zone or region. */
  readonly anchorId: string;
  readonly candidateId: string;
  /** From the entity to the candidate. */
  readonly nodeIds: readonly string[];
  readonly relations: readonly RelationRecord[];
}

export interface SuggestionInput {
  readonly entity: EntityRecord;
  /** Every entity named by a link, and the entity itself. */
  readonly entities: ReadonlyMap<string, EntityRecord>;
  /** Ids of entities that have financing (a FINANCED_BY relation). */
  readonly financed: ReadonlySet<string>;
  readonly links: readonly SuggestionLink[];
  readonly first: number;
}

export interface ScoredPath {
  readonly nodes: EntityRecord[];
  readonly relations: RelationRecord[];
  readonly length: number;
}

export interface ScoredReason {
  readonly kind: SuggestionReasonKind;
  readonly description: string;
  readonly weight: number;
  readonly path: ScoredPath;
}

export interface ScoredSuggestion {
  readonly candidate: EntityRecord;
  readonly score: number;
  readonly reasons: ScoredReason[];
}

/** Name order as in every list of the API: the pinyin sort key written at ingest, else the name. */
function nameKey(entity: EntityRecord): string {
  const sortName = entity.props.sortName;
  return typeof sortName === 'string' ? sortName : entity.name;
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareEntities(a: EntityRecord, b: EntityRecord): number {
  return compareStrings(nameKey(a), nameKey(b)) || compareStrings(a.id, b.id);
}

/** Shorter first, then by the relation ids, so that the choice among equal links is stable. */
function compareLinks(a: SuggestionLink, b: SuggestionLink): number {
  return (
    a.relations.length - b.relations.length ||
    compareStrings(a.relations.map((r) => r.id).join(' '), b.relations.map((r) => r.id).join(' '))
  );
}

const ZONE_TO_MEMBER_SET: ReadonlySet<RelationTypeName> = new Set(ZONE_TO_MEMBER);
const MEMBER_TO_ZONE_SET: ReadonlySet<RelationTypeName> = new Set(MEMBER_TO_ZONE);
const CONTAINER_KINDS: ReadonlySet<EntityKindName> = new Set(['ZONE', 'PARK']);

/**
 * True when `relation` puts `inner` inside `outer`: inner is LOCATED_IN or PART_OF outer, or
 * outer is a zone or park that hosts, develops, operates or supports inner.
 */
function contains(outer: EntityRecord | undefined, inner: string, relation: RelationRecord): boolean {
  if (outer === undefined) return false;
  if (relation.fromId === inner && relation.toId === outer.id) return MEMBER_TO_ZONE_SET.has(relation.type);
  return (
    relation.fromId === outer.id &&
    relation.toId === inner &&
    ZONE_TO_MEMBER_SET.has(relation.type) &&
    CONTAINER_KINDS.has(outer.kind)
  );
}

/**
 * A two-step containment chain (zone → city → province, or a project in a park of the zone) is
 * not a partnership: the candidate contains the entity or lies inside it.
 */
function isContainmentChain(link: SuggestionLink, entities: ReadonlyMap<string, EntityRecord>): boolean {
  const [entityId, sharedId, candidateId] = link.nodeIds;
  const [first, second] = link.relations;
  if (link.via !== 'SHARED' || entityId === undefined || sharedId === undefined || candidateId === undefined) {
    return false;
  }
  if (first === undefined || second === undefined) return false;
  const upwards =
    contains(entities.get(sharedId), entityId, first) && contains(entities.get(candidateId), sharedId, second);
  const downwards =
    contains(entities.get(sharedId), candidateId, second) && contains(entities.get(entityId), sharedId, first);
  return upwards || downwards;
}

function toPath(link: SuggestionLink, entities: ReadonlyMap<string, EntityRecord>): ScoredPath | null {
  const nodes = link.nodeIds.map((id) => entities.get(id));
  if (nodes.some((node) => node === undefined)) return null;
  return { nodes: nodes as EntityRecord[], relations: [...link.relations], length: link.relations.length };
}

/** The best link per anchor: the shortest, then the first by relation ids. */
function bestPerAnchor(links: readonly SuggestionLink[]): SuggestionLink[] {
  const best = new Map<string, SuggestionLink>();
  for (const link of links) {
    const current = best.get(link.anchorId);
    if (current === undefined || compareLinks(link, current) < 0) best.set(link.anchorId, link);
  }
  return [...best.values()];
}

function roleApplies(
  role: ComplementaryRole,
  entity: EntityRecord,
  candidate: EntityRecord,
  sharedIndustries: readonly string[],
  financed: ReadonlySet<string>,
): boolean {
  if (!role.entityKinds.includes(entity.kind) || !role.candidateKinds.includes(candidate.kind)) return false;
  switch (role.condition) {
    case 'SHARED_INDUSTRY':
      return sharedIndustries.length > 0;
    case 'ENTITY_UNFINANCED':
      return !financed.has(entity.id);
    case 'CANDIDATE_UNFINANCED':
      return !financed.has(candidate.id);
    default: {
      const unreachable: never = role.condition;
      throw new Error(`unknown role condition ${String(unreachable)}`);
    }
  }
}

/**
 * Scores and ranks partner candidates from the links the graph gives (a pure function: the
 * same input always gives the same output). Rules, in order:
 *
 * 1. A candidate that contains the entity or lies inside it (isContainmentChain) is dropped.
 * 2. Structural reasons, one per anchor, each with the shortest link through that anchor:
 *    SAME_ZONE per shared zone; SAME_REGION per shared region, only when no zone is shared;
 *    SHARED_PARTNER per shared entity that is not already a shared zone or region.
 * 3. A candidate with no structural reason is not suggested: industry codes and kinds are
 *    properties, not relations, and have no evidence of their own.
 * 4. SAME_INDUSTRY per shared industry code and COMPLEMENTARY_ROLE per matching rule reuse the
 *    shortest structural path, which shows how the graph connects the two.
 * 5. score = the sum of the weights (REASON_WEIGHTS); sort by score desc, name, id; keep `first`.
 */
export function rankSuggestions(input: SuggestionInput): ScoredSuggestion[] {
  const { entity, entities, financed } = input;
  const byCandidate = new Map<string, SuggestionLink[]>();
  for (const link of input.links) {
    byCandidate.set(link.candidateId, [...(byCandidate.get(link.candidateId) ?? []), link]);
  }

  const suggestions: ScoredSuggestion[] = [];
  for (const [candidateId, links] of byCandidate) {
    const candidate = entities.get(candidateId);
    if (candidate === undefined || candidateId === entity.id) continue;
    if (links.some((link) => isContainmentChain(link, entities))) continue;

    const zoneLinks = bestPerAnchor(links.filter((link) => link.via === 'ZONE'));
    const regionLinks = zoneLinks.length > 0 ? [] : bestPerAnchor(links.filter((link) => link.via === 'REGION'));
    const anchors = new Set(links.filter((link) => link.via !== 'SHARED').map((link) => link.anchorId));
    const sharedLinks = bestPerAnchor(links.filter((link) => link.via === 'SHARED' && !anchors.has(link.anchorId)));

    const structural: { kind: SuggestionReasonKind; link: SuggestionLink; describe: (anchor: string) => string }[] = [
      ...sharedLinks.map((link) => ({
        kind: SuggestionReasonKind.SHARED_PARTNER,
        link,
        describe: (anchor: string) =>
          `Both are linked to ${anchor} (${link.relations.map((relation) => relation.type).join(', ')}).`,
      })),
      ...zoneLinks.map((link) => ({
        kind: SuggestionReasonKind.SAME_ZONE,
        link,
        describe: (anchor: string) =>
          `Both are tied to ${anchor} (hosted, developed, operated or supported by it or its parks, or located in or part of them).`,
      })),
      ...regionLinks.map((link) => ({
        kind: SuggestionReasonKind.SAME_REGION,
        link,
        describe: (anchor: string) => `Both are located in ${anchor}.`,
      })),
    ];

    const reasons: (ScoredReason & { anchor: EntityRecord | null })[] = [];
    for (const item of structural) {
      const anchor = entities.get(item.link.anchorId);
      const path = toPath(item.link, entities);
      if (anchor === undefined || path === null) continue;
      reasons.push({
        kind: item.kind,
        description: item.describe(anchor.name),
        weight: REASON_WEIGHTS[item.kind],
        path,
        anchor,
      });
    }
    if (reasons.length === 0) continue;

    const connection = [...reasons].sort(
      (a, b) =>
        a.path.length - b.path.length ||
        REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind) ||
        compareEntities(a.anchor as EntityRecord, b.anchor as EntityRecord),
    )[0] as ScoredReason;

    const shared = entity.industries.filter((code) => candidate.industries.includes(code)).sort(compareStrings);
    const sharedIndustries = [...new Set(shared)];
    for (const code of sharedIndustries) {
      reasons.push({
        kind: SuggestionReasonKind.SAME_INDUSTRY,
        description: `Both carry the industry code "${code}".`,
        weight: REASON_WEIGHTS[SuggestionReasonKind.SAME_INDUSTRY],
        path: connection.path,
        anchor: null,
      });
    }
    for (const role of COMPLEMENTARY_ROLES) {
      if (!roleApplies(role, entity, candidate, sharedIndustries, financed)) continue;
      reasons.push({
        kind: SuggestionReasonKind.COMPLEMENTARY_ROLE,
        description: role.describe(entity, candidate, sharedIndustries),
        weight: REASON_WEIGHTS[SuggestionReasonKind.COMPLEMENTARY_ROLE],
        path: connection.path,
        anchor: null,
      });
    }

    reasons.sort(
      (a, b) =>
        REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind) ||
        (a.anchor !== null && b.anchor !== null ? compareEntities(a.anchor, b.anchor) : 0),
    );
    suggestions.push({
      candidate,
      score: reasons.reduce((sum, reason) => sum + reason.weight, 0),
      reasons: reasons.map(({ kind, description, weight, path }) => ({ kind, description, weight, path })),
    });
  }

  return suggestions
    .sort((a, b) => b.score - a.score || compareEntities(a.candidate, b.candidate))
    .slice(0, input.first);
}
