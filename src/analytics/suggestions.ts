import type { EntityKindName } from '../domain/vocabulary';
import type { EntityRecord, RelationRecord } from '../entities/records';
import { SuggestionReasonKind } from './analytics.types';

/**
 * The base weight of one reason of each kind. A candidate's score is the sum of its reasons'
 * weights; a shared entity, zone or region counts its base weight divided by log2 of its degree
 * (its relations of the followed types, from the degree store), so that a hub is weak evidence:
 *
 *   score = Σ 3   / log2(degree) over entities both are linked to, never a region  SHARED_PARTNER
 *         + Σ 2   / log2(degree) over zones both are tied to                       SAME_ZONE
 *         + Σ 1   / log2(degree) over regions both are in, only if no shared zone  SAME_REGION
 *         + 1.5 × (industry codes both carry)                                      SAME_INDUSTRY
 *         + 2   × (rules of COMPLEMENTARY_ROLES the pair matches)                  COMPLEMENTARY_ROLE
 *
 * (Adamic–Adar with base-2 logarithms: an anchor only the two share, degree 2, counts in full; a
 * bank with 5,000 clients counts 3 / log2(5,000) = 0.24.) Each weight is rounded to hundredths
 * and sums are taken in hundredths, so they are exact and the order never depends on rounding.
 * Candidates are ranked by score (highest first), then by name (the pinyin sort key every list of
 * the API uses), then by id. The ranking runs in analytics/suggestion-links.cypher with these
 * weights as parameters; SCORING.md says the same for readers.
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

/**
 * At most this many neighbours of one entity are expanded when drawing candidates: the entity's
 * own shared-entity anchors, and the candidates drawn through each anchor (both by name, then
 * id). Nothing past the cap is expanded.
 */
export const SUGGESTION_DRAW_CAP = 100;

/**
 * An entity with at most this many followed relations is drawn from by reading all of them and
 * ordering its neighbours by name. A larger one (a hub: a bank with 50,000 clients) is drawn from
 * the relation page indexes, the first SUGGESTION_DRAW_CAP + 1 ends by name of each type, side
 * and kind (analytics/hub-draw), so that its draw costs the same at 5,000 clients as at 50,000.
 * Both ways draw the same candidates; this only picks the cheaper. A region's zones are read
 * while their relations add up to ten caps, so this is at least that: none of them is a hub.
 */
export const SUGGESTION_SCAN_DEGREE = 10 * SUGGESTION_DRAW_CAP;

/** A weight in hundredths, as the statement computes and sums it. */
export function weightUnits(weight: number): number {
  return Math.round(weight * 100);
}

/** The base weight discounted by the anchor's degree: base / log2(degree), in hundredths. */
export function discountedUnits(base: number, degree: number): number {
  return Math.round((base * 100) / Math.log2(Math.max(degree, 2)));
}

/** The role table as the statement reads it (a parameter, so both sides use one table). */
export function roleParameters(): {
  name: string;
  entityKinds: string[];
  candidateKinds: string[];
  condition: string;
}[] {
  return COMPLEMENTARY_ROLES.map((role) => ({
    name: role.name,
    entityKinds: [...role.entityKinds],
    candidateKinds: [...role.candidateKinds],
    condition: role.condition,
  }));
}

/** A way from one end (the entity, or the candidate) to an anchor: nodes from that end, relations in order. */
export interface AnchorSide {
  readonly nodes: readonly EntityRecord[];
  readonly relations: readonly RelationRecord[];
}

/** One structural link of a ranked candidate, as analytics/suggestion-links.cypher returns it. */
export interface SuggestionLink {
  readonly via: 'SHARED' | 'ZONE' | 'REGION';
  /** The shared entity, zone or region. */
  readonly anchorId: string;
  /** The anchor's relations of the followed types. */
  readonly degree: number;
  /** The discounted weight, in hundredths. */
  readonly weightUnits: number;
  /** The ways from the entity to the anchor, and from the candidate to the anchor. */
  readonly entitySides: readonly AnchorSide[];
  readonly candidateSides: readonly AnchorSide[];
}

/** One ranked candidate, as the statement returns it, in rank order. */
export interface RankedCandidate {
  readonly candidate: EntityRecord;
  /** The score in hundredths. */
  readonly scoreUnits: number;
  /** Industry codes both carry. */
  readonly industries: readonly string[];
  /** Names of the rules of COMPLEMENTARY_ROLES the pair matches. */
  readonly roles: readonly string[];
  readonly links: readonly SuggestionLink[];
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

const LINK_KIND: Readonly<Record<SuggestionLink['via'], SuggestionReasonKind>> = {
  SHARED: SuggestionReasonKind.SHARED_PARTNER,
  ZONE: SuggestionReasonKind.SAME_ZONE,
  REGION: SuggestionReasonKind.SAME_REGION,
};

/** "3 / log2(5,000) = 0.24": how a hub's weight was discounted, for the reason's description. */
function discount(kind: SuggestionReasonKind, degree: number, units: number): string {
  const count = degree.toLocaleString('en-US');
  return `which has ${count} ${degree === 1 ? 'link' : 'links'}, so it counts ${REASON_WEIGHTS[kind]} / log2(${Math.max(degree, 2).toLocaleString('en-US')}) = ${units / 100}`;
}

function describeLink(link: SuggestionLink, path: ScoredPath, anchor: string): string {
  const kind = LINK_KIND[link.via];
  const weighed = discount(kind, link.degree, link.weightUnits);
  switch (link.via) {
    case 'SHARED':
      return `Both are linked to ${anchor} (${path.relations.map((relation) => relation.type).join(', ')}), ${weighed}.`;
    case 'ZONE':
      return `Both are tied to ${anchor} (hosted, developed, operated or supported by it or its parks, or located in or part of them), ${weighed}.`;
    case 'REGION':
      return `Both are located in ${anchor}, ${weighed}.`;
    default: {
      const unreachable: never = link.via;
      throw new Error(`unknown link ${String(unreachable)}`);
    }
  }
}

const relationKey = (relations: readonly RelationRecord[]): string =>
  relations.map((relation) => relation.id).join(' ');

/**
 * The path of a link: the entity's side, then the candidate's side reversed, never visiting a
 * node twice; the shortest, then the first by relation ids. Null when no pair of sides makes one.
 */
export function bestPath(link: SuggestionLink): ScoredPath | null {
  let best: ScoredPath | null = null;
  for (const from of link.entitySides) {
    for (const to of link.candidateSides) {
      const nodes = [...from.nodes, ...[...to.nodes].reverse().slice(1)];
      const relations = [...from.relations, ...[...to.relations].reverse()];
      if (new Set(nodes.map((node) => node.id)).size !== nodes.length) continue;
      const path = { nodes, relations, length: relations.length };
      if (
        best === null ||
        path.length < best.length ||
        (path.length === best.length && compareStrings(relationKey(relations), relationKey(best.relations)) < 0)
      ) {
        best = path;
      }
    }
  }
  return best;
}

/**
 * Turns the ranked candidates of analytics/suggestion-links.cypher into suggestions with reasons
 * (a pure function: the same input always gives the same output). The statement has already
 * applied every rule of SCORING.md (exclusions, containment, the caps, SAME_ZONE over
 * SHARED_PARTNER, SAME_REGION only without a shared zone) and ranked by score; here:
 *
 * 1. Each structural link becomes a reason with its discounted weight and a description that
 *    names the anchor, its degree and the discount.
 * 2. SAME_INDUSTRY per shared industry code and COMPLEMENTARY_ROLE per matching rule reuse the
 *    shortest structural path (ties: reason order, then the anchor's name and id), which shows
 *    how the graph connects the two.
 * 3. Reasons are listed in the order of SuggestionReasonKind, structural ones by the name and id
 *    of their anchor, industry codes alphabetically; score = the sum of the weights.
 * 4. The order is the statement's (score desc, name, id), kept stable here.
 */
export function composeSuggestions(entity: EntityRecord, ranked: readonly RankedCandidate[]): ScoredSuggestion[] {
  const suggestions = ranked.map((row) => {
    const structural = row.links.flatMap((link) => {
      const path = bestPath(link);
      const anchor = path?.nodes.find((node) => node.id === link.anchorId);
      if (path === null || anchor === undefined) return [];
      return [
        {
          kind: LINK_KIND[link.via],
          units: link.weightUnits,
          description: describeLink(link, path, anchor.name),
          path,
          anchor,
        },
      ];
    });
    const connection = [...structural].sort(
      (a, b) =>
        a.path.length - b.path.length ||
        REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind) ||
        compareEntities(a.anchor, b.anchor),
    )[0];
    const reasons: {
      kind: SuggestionReasonKind;
      units: number;
      description: string;
      path: ScoredPath;
      anchor: EntityRecord | null;
    }[] = [...structural];
    if (connection !== undefined) {
      const industries = [...new Set(row.industries)].sort(compareStrings);
      for (const code of industries) {
        reasons.push({
          kind: SuggestionReasonKind.SAME_INDUSTRY,
          units: weightUnits(REASON_WEIGHTS[SuggestionReasonKind.SAME_INDUSTRY]),
          description: `Both carry the industry code "${code}".`,
          path: connection.path,
          anchor: null,
        });
      }
      for (const role of COMPLEMENTARY_ROLES.filter((rule) => row.roles.includes(rule.name))) {
        reasons.push({
          kind: SuggestionReasonKind.COMPLEMENTARY_ROLE,
          units: weightUnits(REASON_WEIGHTS[SuggestionReasonKind.COMPLEMENTARY_ROLE]),
          description: role.describe(entity, row.candidate, industries),
          path: connection.path,
          anchor: null,
        });
      }
    }
    reasons.sort(
      (a, b) =>
        REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind) ||
        (a.anchor !== null && b.anchor !== null ? compareEntities(a.anchor, b.anchor) : 0),
    );
    const units = reasons.reduce((sum, reason) => sum + reason.units, 0);
    if (units !== row.scoreUnits) {
      // The statement ranked by a score the reasons do not add up to: a bug, never a client's fault.
      throw new Error(
        `suggestion ${row.candidate.id}: reasons add up to ${units}, the statement ranked ${row.scoreUnits}`,
      );
    }
    return {
      candidate: row.candidate,
      units,
      suggestion: {
        candidate: row.candidate,
        score: units / 100,
        reasons: reasons.map(({ kind, units: weight, description, path }) => ({
          kind,
          description,
          weight: weight / 100,
          path,
        })),
      },
    };
  });
  return suggestions
    .sort((a, b) => b.units - a.units || compareEntities(a.candidate, b.candidate))
    .map((item) => item.suggestion);
}
