import { SuggestionReasonKind } from '../../src/analytics/analytics.types';
import {
  REASON_WEIGHTS,
  rankSuggestions,
  type SuggestionInput,
  type SuggestionLink,
} from '../../src/analytics/suggestions';
import type { EntityKindName, RelationTypeName } from '../../src/domain/vocabulary';
import { toEntityRecord, toRelationRecord, type EntityRecord, type RelationRecord } from '../../src/entities/records';

function entity(id: string, kind: EntityKindName, name: string, industries: string[] = []): EntityRecord {
  return toEntityRecord({ id, kind, name, industries, sortName: name });
}

function relation(type: RelationTypeName, fromId: string, toId: string): RelationRecord {
  return toRelationRecord({
    id: `rel:${type.toLowerCase()}:${fromId}>${toId}`,
    type,
    fromId,
    toId,
    props: { evidenceIds: [`ev:${fromId}>${toId}`] },
  });
}

function link(
  via: SuggestionLink['via'],
  anchorId: string,
  relations: RelationRecord[],
  nodeIds: string[],
): SuggestionLink {
  return { via, anchorId, candidateId: nodeIds[nodeIds.length - 1] as string, nodeIds, relations };
}

// A small world: firm A and firm B in zone Z (which lies in county R, part of province P), both
// subsidised under policy Y; firm C located in R only; a university U and a bank K.
const A = entity('enterprise:a', 'ENTERPRISE', 'a-firm', ['quinoa', 'brewing']);
const B = entity('enterprise:b', 'ENTERPRISE', 'b-firm', ['quinoa', 'brewing', 'new-energy']);
const C = entity('enterprise:c', 'ENTERPRISE', 'c-firm');
const D = entity('enterprise:d', 'ENTERPRISE', 'd-firm');
const U = entity('university:u', 'UNIVERSITY', 'u-lab', ['quinoa']);
const K = entity('bank:k', 'BANK', 'k-bank');
const J = entity('project:j', 'PROJECT', 'j-project');
const Z = entity('zone:z', 'ZONE', 'z-zone');
const PARK = entity('park:p', 'PARK', 'p-park');
const R = entity('region:r', 'REGION', 'r-county');
const PROVINCE = entity('region:province', 'REGION', 'province');
const Y = entity('policy:y', 'POLICY', 'y-policy');

const ALL = [A, B, C, D, U, K, J, Z, PARK, R, PROVINCE, Y];
const entities = new Map(ALL.map((e) => [e.id, e]));

const hostsA = relation('HOSTS', Z.id, A.id);
const hostsB = relation('HOSTS', Z.id, B.id);
const subsidisedA = relation('SUBSIDIZED_UNDER', A.id, Y.id);
const subsidisedB = relation('SUBSIDIZED_UNDER', B.id, Y.id);
const zoneInR = relation('LOCATED_IN', Z.id, R.id);
const cInR = relation('LOCATED_IN', C.id, R.id);
const operatesU = relation('OPERATES', Z.id, U.id);
const partnersK = relation('PARTNERED_WITH', K.id, Z.id);

/** The links suggestion-links.cypher would return for firm A. */
const linksOfA: SuggestionLink[] = [
  link('SHARED', Y.id, [subsidisedA, subsidisedB], [A.id, Y.id, B.id]),
  link('SHARED', Z.id, [hostsA, hostsB], [A.id, Z.id, B.id]),
  link('ZONE', Z.id, [hostsA, hostsB], [A.id, Z.id, B.id]),
  link('REGION', R.id, [hostsA, zoneInR, cInR], [A.id, Z.id, R.id, C.id]),
  link('SHARED', Z.id, [hostsA, operatesU], [A.id, Z.id, U.id]),
  link('ZONE', Z.id, [hostsA, operatesU], [A.id, Z.id, U.id]),
  link('SHARED', Z.id, [hostsA, partnersK], [A.id, Z.id, K.id]),
  // The county the zone lies in: a containment chain (A in Z, Z in R), never a partner.
  link('SHARED', Z.id, [hostsA, zoneInR], [A.id, Z.id, R.id]),
];

function input(overrides: Partial<SuggestionInput> = {}): SuggestionInput {
  return { entity: A, entities, financed: new Set([A.id]), links: linksOfA, first: 10, ...overrides };
}

describe('rankSuggestions', () => {
  test('scores by the documented weights and ranks by score', () => {
    const ranked = rankSuggestions(input());
    expect(ranked.map((s) => [s.candidate.id, s.score])).toEqual([
      // SHARED_PARTNER y-policy 3 + SAME_ZONE 2 + SAME_INDUSTRY brewing, quinoa 2 × 1.5
      [B.id, 8],
      // SAME_ZONE 2 + SAME_INDUSTRY quinoa 1.5 + COMPLEMENTARY_ROLE research for an industry 2
      [U.id, 5.5],
      // SHARED_PARTNER z-zone 3 (the bank partners the zone; it is not a member)
      [K.id, 3],
      // SAME_REGION 1 (C is no member of the zone)
      [C.id, 1],
    ]);
    for (const suggestion of ranked) {
      expect(suggestion.score).toBe(suggestion.reasons.reduce((sum, reason) => sum + reason.weight, 0));
    }
    const b = ranked[0];
    expect(b?.reasons.map((reason) => [reason.kind, reason.weight])).toEqual([
      [SuggestionReasonKind.SHARED_PARTNER, 3],
      [SuggestionReasonKind.SAME_ZONE, 2],
      [SuggestionReasonKind.SAME_INDUSTRY, 1.5],
      [SuggestionReasonKind.SAME_INDUSTRY, 1.5],
    ]);
    expect(b?.reasons[2]?.description).toContain('"brewing"');
    expect(b?.reasons[3]?.description).toContain('"quinoa"');
  });

  test('a zone shared as members is SAME_ZONE, not also a SHARED_PARTNER', () => {
    const b = rankSuggestions(input()).find((s) => s.candidate.id === B.id);
    const shared = b?.reasons.filter((reason) => reason.kind === SuggestionReasonKind.SHARED_PARTNER) ?? [];
    expect(shared.map((reason) => reason.path.nodes[1]?.id)).toEqual([Y.id]);
  });

  test('SAME_REGION counts only without a shared zone', () => {
    // B is also LOCATED_IN the county its zone lies in: implied by the shared zone, not counted.
    const bInR = relation('LOCATED_IN', B.id, R.id);
    const region = link('REGION', R.id, [hostsA, zoneInR, bInR], [A.id, Z.id, R.id, B.id]);
    const ranked = rankSuggestions(input({ links: [...linksOfA, region] }));
    const b = ranked.find((s) => s.candidate.id === B.id);
    expect(b?.reasons.some((reason) => reason.kind === SuggestionReasonKind.SAME_REGION)).toBe(false);
    expect(b?.score).toBe(8);
  });

  test('containment is not partnership: the county of my zone and a project in my park are dropped', () => {
    expect(rankSuggestions(input()).map((s) => s.candidate.id)).not.toContain(R.id);
    const partOf = relation('PART_OF', PARK.id, Z.id);
    const hostsJ = relation('HOSTS', PARK.id, J.id);
    const zoneInProvince = relation('PART_OF', R.id, PROVINCE.id);
    const ranked = rankSuggestions({
      entity: Z,
      entities,
      financed: new Set(),
      links: [
        link('SHARED', PARK.id, [partOf, hostsJ], [Z.id, PARK.id, J.id]),
        link('SHARED', R.id, [zoneInR, zoneInProvince], [Z.id, R.id, PROVINCE.id]),
        link('SHARED', R.id, [zoneInR, cInR], [Z.id, R.id, C.id]),
      ],
      first: 10,
    });
    expect(ranked.map((s) => s.candidate.id)).toEqual([C.id]);
  });

  test('industry codes and kinds alone never make a suggestion', () => {
    // D shares no link with A; U shares an industry but is reached by no link here.
    expect(rankSuggestions(input({ links: [] }))).toEqual([]);
  });

  test('SAME_INDUSTRY and COMPLEMENTARY_ROLE reuse the shortest structural path', () => {
    const u = rankSuggestions(input()).find((s) => s.candidate.id === U.id);
    const paths = u?.reasons.map((reason) => reason.path.relations.map((r) => r.id)) ?? [];
    expect(new Set(paths.map((ids) => ids.join(' '))).size).toBe(1);
    expect(u?.reasons.map((reason) => reason.kind)).toEqual([
      SuggestionReasonKind.SAME_ZONE,
      SuggestionReasonKind.SAME_INDUSTRY,
      SuggestionReasonKind.COMPLEMENTARY_ROLE,
    ]);
  });

  test('a bank is complementary to an unfinanced project, not to a financed one', () => {
    const developsJ = relation('DEVELOPS', Z.id, J.id);
    const links = [link('SHARED', Z.id, [developsJ, partnersK], [J.id, Z.id, K.id])];
    const unfinanced = rankSuggestions({ entity: J, entities, financed: new Set(), links, first: 10 });
    expect(unfinanced.map((s) => [s.candidate.id, s.score])).toEqual([[K.id, 5]]);
    expect(unfinanced[0]?.reasons.map((reason) => reason.kind)).toEqual([
      SuggestionReasonKind.SHARED_PARTNER,
      SuggestionReasonKind.COMPLEMENTARY_ROLE,
    ]);
    const financed = rankSuggestions({ entity: J, entities, financed: new Set([J.id]), links, first: 10 });
    expect(financed.map((s) => [s.candidate.id, s.score])).toEqual([[K.id, 3]]);
  });

  test('ties are broken by name, then id; `first` cuts the list', () => {
    const twin = entity('enterprise:a-twin', 'ENTERPRISE', 'c-firm');
    const world = new Map([...entities, [twin.id, twin]]);
    const twinInR = relation('LOCATED_IN', twin.id, R.id);
    const dInR = relation('LOCATED_IN', D.id, R.id);
    const aInR = relation('LOCATED_IN', A.id, R.id);
    const links = [
      link('REGION', R.id, [aInR, dInR], [A.id, R.id, D.id]),
      link('REGION', R.id, [aInR, cInR], [A.id, R.id, C.id]),
      link('REGION', R.id, [aInR, twinInR], [A.id, R.id, twin.id]),
    ];
    const ranked = rankSuggestions({ entity: A, entities: world, financed: new Set(), links, first: 10 });
    expect(ranked.map((s) => s.candidate.id)).toEqual([twin.id, C.id, D.id]);
    expect(ranked.every((s) => s.score === REASON_WEIGHTS.SAME_REGION)).toBe(true);
    const two = rankSuggestions({ entity: A, entities: world, financed: new Set(), links, first: 2 });
    expect(two).toEqual(ranked.slice(0, 2));
  });

  test('deterministic: the order of the links does not matter', () => {
    const expected = rankSuggestions(input());
    const reversed = rankSuggestions(input({ links: [...linksOfA].reverse() }));
    const rotated = rankSuggestions(input({ links: [...linksOfA.slice(3), ...linksOfA.slice(0, 3)] }));
    expect(reversed).toEqual(expected);
    expect(rotated).toEqual(expected);
  });

  test('of several links through one anchor, the shortest is the path', () => {
    const long = link(
      'ZONE',
      Z.id,
      [hostsA, relation('PART_OF', PARK.id, Z.id), relation('HOSTS', PARK.id, B.id)],
      [A.id, Z.id, PARK.id, B.id],
    );
    const b = rankSuggestions(input({ links: [long, ...linksOfA] })).find((s) => s.candidate.id === B.id);
    const zone = b?.reasons.find((reason) => reason.kind === SuggestionReasonKind.SAME_ZONE);
    expect(zone?.path.length).toBe(2);
    expect(zone?.path.nodes.map((node) => node.id)).toEqual([A.id, Z.id, B.id]);
  });
});
