import { ENTITY_KINDS, KIND_ID_PREFIX, type EntityKindName, type RelationTypeName } from './vocabulary';

interface EndKinds {
  readonly from?: readonly EntityKindName[];
  readonly to?: readonly EntityKindName[];
}

/**
 * The kinds each end of a relation type may be, where data/seed/README.md gives the type a
 * direction that the kinds alone settle. The rules are few on purpose: they catch ends given the
 * wrong way round (a policy that ISSUED a bureau, a region LOCATED_IN a zone) without refusing
 * the many ways a page links kinds (a service point LOCATED_IN a university, a county AWARDED
 * by a ministry). A type not listed takes any pair, within the general rules below.
 */
export const RELATION_END_KINDS: Readonly<Partial<Record<RelationTypeName, EndKinds>>> = {
  // A person writes a piece; a body or firm may contribute one (供稿).
  AUTHORED: { from: ['PERSON', 'GOVERNMENT_BODY', 'ENTERPRISE', 'UNIVERSITY', 'BANK', 'ZONE', 'PARK'], to: ['SOURCE'] },
  ISSUED: { to: ['POLICY', 'FUNDING_INSTRUMENT'] },
  SUBSIDIZED_UNDER: { to: ['POLICY', 'FUNDING_INSTRUMENT'] },
  DEVELOPS: { to: ['PROJECT', 'PARK'] },
  // What sits somewhere; a region is PART_OF another region, not LOCATED_IN it.
  LOCATED_IN: {
    from: ['ZONE', 'PARK', 'ENTERPRISE', 'BANK', 'UNIVERSITY', 'PROJECT', 'GOVERNMENT_BODY', 'PERSON'],
    to: ['REGION', 'ZONE', 'PARK', 'UNIVERSITY', 'ENTERPRISE', 'BANK', 'GOVERNMENT_BODY'],
  },
};

/** Documents and instruments do not act: they are the `from` end of PART_OF only. */
export const PASSIVE_KINDS: readonly EntityKindName[] = ['POLICY', 'FUNDING_INSTRUMENT'];

const KIND_BY_PREFIX = new Map(ENTITY_KINDS.map((kind) => [KIND_ID_PREFIX[kind], kind]));

/** The kind an id names by its prefix (`zone:…` → ZONE), or undefined for an unknown prefix. */
export function kindOfId(id: string): EntityKindName | undefined {
  const colon = id.indexOf(':');
  return colon < 0 ? undefined : KIND_BY_PREFIX.get(id.slice(0, colon));
}

const article = (kind: EntityKindName): string => `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;
const oneOf = (kinds: readonly EntityKindName[]): string =>
  kinds.length === 1 ? article(kinds[0] as EntityKindName) : `one of ${kinds.join(', ')}`;

/**
 * Why `type` cannot link an entity of kind `from` to one of kind `to`, or null when it can; the
 * reason says so when the other direction would do. An unknown kind (an id with no known
 * prefix) is not judged here: the endpoint check reports it.
 */
export function endpointKindIssue(
  type: RelationTypeName,
  from: EntityKindName | undefined,
  to: EntityKindName | undefined,
): string | null {
  const issue = kindRuleBroken(type, from, to);
  if (issue === null) return null;
  return kindRuleBroken(type, to, from) === null ? `${issue} (are the ends the wrong way round?)` : issue;
}

function kindRuleBroken(
  type: RelationTypeName,
  from: EntityKindName | undefined,
  to: EntityKindName | undefined,
): string | null {
  const rule = RELATION_END_KINDS[type];
  if (from !== undefined && rule?.from !== undefined && !rule.from.includes(from)) {
    return `${type} starts at ${oneOf(rule.from)}, not ${article(from)}`;
  }
  if (to !== undefined && rule?.to !== undefined && !rule.to.includes(to)) {
    return `${type} ends at ${oneOf(rule.to)}, not ${article(to)}`;
  }
  if (type !== 'AUTHORED' && (from === 'SOURCE' || to === 'SOURCE')) {
    return `a SOURCE is only the end of AUTHORED, not of ${type}`;
  }
  if (type !== 'PART_OF' && from !== undefined && PASSIVE_KINDS.includes(from)) {
    return `${article(from)} does not act: it starts PART_OF only, not ${type}`;
  }
  return null;
}
