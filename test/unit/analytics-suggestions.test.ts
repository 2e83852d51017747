import {
  READ_WHOLE,
  suggestionHubParameters,
  suggestionParameters,
  type SuggestionDraws,
} from '../../src/analytics/analytics.repository';
import { SuggestionReasonKind } from '../../src/analytics/analytics.types';
import {
  DEFAULT_FOLLOWED_TYPES,
  FINANCING_LINKS,
  MEMBER_TO_ZONE,
  REGION_LINKS,
  ZONE_TO_MEMBER,
} from '../../src/analytics/link-types';
import {
  COMPLEMENTARY_ROLES,
  REASON_WEIGHTS,
  bestPath,
  composeSuggestions,
  discountedUnits,
  roleParameters,
  type AnchorSide,
  type RankedCandidate,
  type SuggestionLink,
} from '../../src/analytics/suggestions';
import { CypherRegistry } from '../../src/db/cypher';
import type { EntityKindName, RelationTypeName } from '../../src/domain/vocabulary';
import { toEntityRecord, toRelationRecord, type EntityRecord, type RelationRecord } from '../../src/entities/records';

function entity(id: string, kind: EntityKindName, name: string, industries: string[] = []): EntityRecord {
  return toEntityRecord({ id, kind, name, industries, sortName: name });
}

function relation(type: RelationTypeName, fromId: string, toId: string, id?: string): RelationRecord {
  return toRelationRecord({
    id: id ?? `rel:${type.toLowerCase()}:${fromId}>${toId}`,
    type,
    fromId,
    toId,
    props: { evidenceIds: [`ev:${fromId}>${toId}`] },
  });
}

const side = (nodes: EntityRecord[], relations: RelationRecord[]): AnchorSide => ({ nodes, relations });

// Firm A and firm B in zone Z, both subsidised under policy Y; university U in the zone; a bank K.
const A = entity('enterprise:a', 'ENTERPRISE', 'a-firm', ['quinoa', 'brewing']);
const B = entity('enterprise:b', 'ENTERPRISE', 'b-firm', ['quinoa', 'brewing', 'new-energy']);
const U = entity('university:u', 'UNIVERSITY', 'u-lab', ['quinoa']);
const K = entity('bank:k', 'BANK', 'k-bank');
const Z = entity('zone:z', 'ZONE', 'z-zone');
const P = entity('park:p', 'PARK', 'p-park');
const Y = entity('policy:y', 'POLICY', 'y-policy');

const hostsA = relation('HOSTS', Z.id, A.id);
const hostsB = relation('HOSTS', Z.id, B.id);
const subsidisedA = relation('SUBSIDIZED_UNDER', A.id, Y.id);
const subsidisedB = relation('SUBSIDIZED_UNDER', B.id, Y.id);
const partnersK = relation('PARTNERED_WITH', K.id, Z.id);

function link(
  via: SuggestionLink['via'],
  anchor: EntityRecord,
  degree: number,
  entitySides: AnchorSide[],
  candidateSides: AnchorSide[],
): SuggestionLink {
  const base = { SHARED: 3, ZONE: 2, REGION: 1 }[via];
  return { via, anchorId: anchor.id, degree, weightUnits: discountedUnits(base, degree), entitySides, candidateSides };
}

function ranked(
  candidate: EntityRecord,
  links: SuggestionLink[],
  industries: string[] = [],
  roles: string[] = [],
): RankedCandidate {
  const units = links.reduce((sum, item) => sum + item.weightUnits, 0) + industries.length * 150 + roles.length * 200;
  return { candidate, scoreUnits: units, industries, roles, links };
}

const zoneOfB = link('ZONE', Z, 21, [side([A, Z], [hostsA])], [side([B, Z], [hostsB])]);
const policyOfB = link('SHARED', Y, 2, [side([A, Y], [subsidisedA])], [side([B, Y], [subsidisedB])]);

describe('the hub discount', () => {
  test('a shared entity counts its base weight / log2(degree), in hundredths', () => {
    expect(discountedUnits(3, 2)).toBe(300);
    expect(discountedUnits(3, 4)).toBe(150);
    expect(discountedUnits(3, 3)).toBe(189);
    expect(discountedUnits(3, 5000)).toBe(24);
    expect(discountedUnits(2, 21)).toBe(46);
    // A degree under 2 cannot happen for an anchor both ends share; it counts as 2, never more than the base.
    expect(discountedUnits(1, 1)).toBe(100);
  });

  test('a rare partner outweighs a hub: the weight falls as the degree grows', () => {
    const weights = [2, 3, 10, 100, 1000, 5000, 100_000].map((degree) => discountedUnits(3, degree));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(new Set(weights).size).toBe(weights.length);
  });
});

describe('bestPath', () => {
  test('the entity side, then the candidate side reversed: the shortest, then the first by relation ids', () => {
    const viaPark = side([B, P, Z], [relation('HOSTS', P.id, B.id), relation('PART_OF', P.id, Z.id)]);
    const path = bestPath(link('ZONE', Z, 5, [side([A, Z], [hostsA])], [viaPark, side([B, Z], [hostsB])]));
    expect(path?.nodes.map((node) => node.id)).toEqual([A.id, Z.id, B.id]);
    expect(path?.relations).toEqual([hostsA, hostsB]);
    const second = relation('HOSTS', Z.id, B.id, 'rel:hosts:0-first');
    const tie = bestPath(
      link('ZONE', Z, 5, [side([A, Z], [hostsA])], [side([B, Z], [hostsB]), side([B, Z], [second])]),
    );
    expect(tie?.relations.map((r) => r.id)).toEqual([hostsA.id, second.id]);
  });

  test('a path never visits a node twice: two members of one park do not meet in its zone through it', () => {
    const inParkA = side([A, P, Z], [relation('HOSTS', P.id, A.id), relation('PART_OF', P.id, Z.id)]);
    const inParkB = side([B, P, Z], [relation('HOSTS', P.id, B.id), relation('PART_OF', P.id, Z.id)]);
    expect(bestPath(link('ZONE', Z, 5, [inParkA], [inParkB]))).toBeNull();
    expect(bestPath(link('ZONE', Z, 5, [inParkA], [inParkB, side([B, Z], [hostsB])]))?.length).toBe(3);
  });
});

describe('composeSuggestions', () => {
  test('every reason names its anchor, the anchor’s degree and the discount; the score is their sum', () => {
    const [b] = composeSuggestions(A, [ranked(B, [zoneOfB, policyOfB], ['quinoa', 'brewing'])]);
    expect(b?.reasons.map((reason) => [reason.kind, reason.weight])).toEqual([
      [SuggestionReasonKind.SHARED_PARTNER, 3],
      [SuggestionReasonKind.SAME_ZONE, 0.46],
      [SuggestionReasonKind.SAME_INDUSTRY, 1.5],
      [SuggestionReasonKind.SAME_INDUSTRY, 1.5],
    ]);
    expect(b?.score).toBe(6.46);
    expect(b?.reasons[0]?.description).toBe(
      'Both are linked to y-policy (SUBSIDIZED_UNDER, SUBSIDIZED_UNDER), which has 2 links, so it counts 3 / log2(2) = 3.',
    );
    expect(b?.reasons[1]?.description).toMatch(
      /^Both are tied to z-zone .*, which has 21 links, so it counts 2 \/ log2\(21\) = 0\.46\.$/,
    );
    expect(b?.reasons[2]?.description).toContain('"brewing"');
    expect(b?.reasons[3]?.description).toContain('"quinoa"');
  });

  test('a hub says how much it was discounted, with thousands separated', () => {
    const hub = entity('bank:hub', 'BANK', '中国银行');
    const viaHub = link(
      'SHARED',
      hub,
      5000,
      [side([A, hub], [relation('FINANCED_BY', A.id, hub.id)])],
      [side([B, hub], [relation('FINANCED_BY', B.id, hub.id)])],
    );
    const [b] = composeSuggestions(A, [ranked(B, [viaHub])]);
    expect(b?.reasons[0]?.description).toBe(
      'Both are linked to 中国银行 (FINANCED_BY, FINANCED_BY), which has 5,000 links, so it counts 3 / log2(5,000) = 0.24.',
    );
    expect(b?.score).toBe(0.24);
  });

  test('SAME_INDUSTRY and COMPLEMENTARY_ROLE reuse the shortest structural path', () => {
    const viaPark = side([U, P, Z], [relation('OPERATES', P.id, U.id), relation('PART_OF', P.id, Z.id)]);
    const viaPartner = link(
      'SHARED',
      K,
      3,
      [side([A, K], [relation('FINANCED_BY', A.id, K.id)])],
      [side([U, K], [relation('PARTNERED_WITH', U.id, K.id)])],
    );
    const zone = link('ZONE', Z, 21, [side([A, Z], [hostsA])], [viaPark]);
    const [u] = composeSuggestions(A, [ranked(U, [zone, viaPartner], ['quinoa'], ['research for an industry'])]);
    expect(u?.reasons.map((reason) => reason.kind)).toEqual([
      SuggestionReasonKind.SHARED_PARTNER,
      SuggestionReasonKind.SAME_ZONE,
      SuggestionReasonKind.SAME_INDUSTRY,
      SuggestionReasonKind.COMPLEMENTARY_ROLE,
    ]);
    const shortest = u?.reasons[0]?.path.relations.map((r) => r.id);
    expect(u?.reasons[2]?.path.relations.map((r) => r.id)).toEqual(shortest);
    expect(u?.reasons[3]?.path.relations.map((r) => r.id)).toEqual(shortest);
    expect(u?.reasons[3]?.description).toBe(
      'u-lab is a university or research body working in "quinoa", an industry of a-firm.',
    );
  });

  test('the statement’s order is kept: score, then name, then id', () => {
    const twin = entity('enterprise:a-twin', 'ENTERPRISE', 'k-bank');
    const viaZone = (candidate: EntityRecord, relations: RelationRecord) =>
      link('ZONE', Z, 21, [side([A, Z], [hostsA])], [side([candidate, Z], [relations])]);
    const rows = [
      ranked(B, [policyOfB]),
      ranked(twin, [viaZone(twin, relation('HOSTS', Z.id, twin.id))]),
      ranked(K, [viaZone(K, partnersK)]),
    ];
    // twin and K tie on score and name (k-bank): the id decides.
    expect(composeSuggestions(A, rows).map((s) => s.candidate.id)).toEqual([B.id, K.id, twin.id]);
  });

  test('a statement score the reasons do not add up to is a bug, never a silent reorder', () => {
    expect(() => composeSuggestions(A, [{ ...ranked(B, [policyOfB]), scoreUnits: 301 }])).toThrow(/add up to 300/);
  });
});

/**
 * The types of a statement's parameters as Neo4j keys its plan cache by them: a list of strings,
 * an empty list and null are three types (each a plan of its own, 1.5-1.8 s to make for
 * suggestion-links), where a map is one whatever it holds.
 */
function parameterTypes(value: unknown): string {
  if (value === null || value === undefined) return 'Null';
  if (Array.isArray(value)) return `List<${[...new Set(value.map(parameterTypes))].sort().join('|')}>`;
  if (typeof value === 'object') return 'Map';
  return typeof value;
}

const signature = (params: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(params).map(([key, value]) => [key, parameterTypes(value)]));

describe('the suggestion statements are planned once, whatever was drawn', () => {
  test('suggestion-links: no draws, an entity drawn, empty draws and hubs drawn send the same parameter types', () => {
    const reference = signature(suggestionParameters('zone:a', null, 10, READ_WHOLE));
    const drawn: SuggestionDraws[] = [
      { entityDraw: ['bank:b', 'firm:c'], hubDraws: {} },
      { entityDraw: [], hubDraws: { 'bank:b': [] } },
      { entityDraw: null, hubDraws: { 'bank:b': ['firm:c'], 'zone:d': [] } },
    ];
    for (const draws of drawn) {
      expect(signature(suggestionParameters('zone:a', null, 10, draws))).toEqual(reference);
    }
    expect(signature(suggestionParameters('zone:a', ['BANK'], 3))).toEqual(reference);
  });

  test('suggestion-hubs: before and after the entity is drawn, the same parameter types', () => {
    const reference = signature(suggestionHubParameters('bank:b', 1000, null));
    expect(signature(suggestionHubParameters('bank:b', 1000, ['firm:c']))).toEqual(reference);
    expect(signature(suggestionHubParameters('bank:b', 1000, []))).toEqual(reference);
  });
});

describe('the statement and the code share one vocabulary', () => {
  // As the server runs it: with the fragment of E's anchors (cypher/fragments/suggestion-anchors) in place.
  const statement = CypherRegistry.load().get('analytics/suggestion-links');

  test('the literal relation type lists are those of link-types.ts', () => {
    const followed = DEFAULT_FOLLOWED_TYPES.join('|');
    // Every pattern over "followed" relations names exactly the default followed types.
    const unions = statement.match(/\[\w*:(?:[A-Z_]+\|){8,}[A-Z_]+\]/g) ?? [];
    expect(unions.length).toBeGreaterThan(3);
    for (const union of unions) expect(union.replace(/^\[\w*:|\]$/g, '')).toBe(followed);
    // Every other type list is one of the membership, region or financing lists.
    const lists = new Set(
      (statement.match(/\[\w*:[A-Z_|]+\]/g) ?? []).map((union) => union.replace(/^\[\w*:|\]$/g, '')),
    );
    expect([...lists].sort()).toEqual(
      [
        followed,
        ZONE_TO_MEMBER.join('|'),
        MEMBER_TO_ZONE.join('|'),
        REGION_LINKS.join('|'),
        FINANCING_LINKS.join('|'),
        // E's parts: what is PART_OF it, what it OPERATES.
        'PART_OF',
        'OPERATES',
      ].sort(),
    );
  });

  test('the type lists written as strings are those of link-types.ts', () => {
    const quoted = (types: readonly string[]): string => `[${types.map((type) => `'${type}'`).join(', ')}]`;
    const lists = new Set(statement.match(/\['[A-Z_]+'(?:, '[A-Z_]+')*\]/g) ?? []);
    expect([...lists].sort()).toEqual([quoted(ZONE_TO_MEMBER), quoted(MEMBER_TO_ZONE), "['ZONE', 'PARK']"].sort());
  });

  test('the role table reaches the statement as data, with the base weights', () => {
    expect(roleParameters().map((role) => role.name)).toEqual(COMPLEMENTARY_ROLES.map((role) => role.name));
    expect(statement).toContain('$roles');
    expect(Object.keys(REASON_WEIGHTS).every((kind) => statement.includes(`$weights.${kind}`))).toBe(true);
  });
});
