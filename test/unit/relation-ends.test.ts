import { readSeed } from '../../src/ingest/seed';
import { endpointKindIssue, kindOfId, RELATION_END_KINDS } from '../../src/domain/relation-ends';
import { ENTITY_KINDS, RELATION_TYPES } from '../../src/domain/vocabulary';

describe('relation end kinds', () => {
  test('an id names its kind by its prefix; an unknown prefix names none', () => {
    expect(kindOfId('zone:shangdang-etdz')).toBe('ZONE');
    expect(kindOfId('gov:jingle-county-government')).toBe('GOVERNMENT_BODY');
    expect(kindOfId('instrument:special-bonds')).toBe('FUNDING_INSTRUMENT');
    expect(kindOfId('castle:x')).toBeUndefined();
    expect(kindOfId('no-prefix')).toBeUndefined();
  });

  test('every relation on the seed page passes the rules', () => {
    const refused = (readSeed().relations ?? [])
      .map((r) => ({ r, issue: endpointKindIssue(r.type, kindOfId(r.from), kindOfId(r.to)) }))
      .filter(({ issue }) => issue !== null);
    expect(refused).toEqual([]);
  });

  test('each rule refuses a kind it does not list, and says when the other direction would do', () => {
    expect(endpointKindIssue('ISSUED', 'POLICY', 'GOVERNMENT_BODY')).toBe(
      'ISSUED ends at one of POLICY, FUNDING_INSTRUMENT, not a GOVERNMENT_BODY (are the ends the wrong way round?)',
    );
    expect(endpointKindIssue('LOCATED_IN', 'REGION', 'ZONE')).toBe(
      'LOCATED_IN starts at one of ZONE, PARK, ENTERPRISE, BANK, UNIVERSITY, PROJECT, GOVERNMENT_BODY, PERSON, not a REGION (are the ends the wrong way round?)',
    );
    expect(endpointKindIssue('AUTHORED', 'REGION', 'SOURCE')).toBe(
      'AUTHORED starts at one of PERSON, GOVERNMENT_BODY, ENTERPRISE, UNIVERSITY, BANK, ZONE, PARK, not a REGION',
    );
    expect(endpointKindIssue('AUTHORED', 'PERSON', 'ZONE')).toBe('AUTHORED ends at a SOURCE, not a ZONE');
    expect(endpointKindIssue('FINANCED_BY', 'SOURCE', 'ZONE')).toBe(
      'a SOURCE is only the end of AUTHORED, not of FINANCED_BY',
    );
    expect(endpointKindIssue('FINANCED_BY', 'FUNDING_INSTRUMENT', 'PROJECT')).toBe(
      'a FUNDING_INSTRUMENT does not act: it starts PART_OF only, not FINANCED_BY (are the ends the wrong way round?)',
    );
  });

  test('what the rules allow', () => {
    expect(endpointKindIssue('ISSUED', 'GOVERNMENT_BODY', 'POLICY')).toBeNull();
    expect(endpointKindIssue('FINANCED_BY', 'PROJECT', 'FUNDING_INSTRUMENT')).toBeNull();
    expect(endpointKindIssue('PART_OF', 'POLICY', 'POLICY')).toBeNull();
    expect(endpointKindIssue('LOCATED_IN', 'PARK', 'UNIVERSITY')).toBeNull();
    // A bank may advise, and a county government may contribute a piece (供稿).
    expect(endpointKindIssue('ADVISES', 'BANK', 'ENTERPRISE')).toBeNull();
    expect(endpointKindIssue('AUTHORED', 'GOVERNMENT_BODY', 'SOURCE')).toBeNull();
    // Unknown kinds are left to the endpoint check.
    expect(endpointKindIssue('ISSUED', undefined, undefined)).toBeNull();
  });

  test('the table only names real relation types and entity kinds', () => {
    for (const [type, rule] of Object.entries(RELATION_END_KINDS)) {
      expect(RELATION_TYPES).toContain(type);
      for (const kinds of [rule.from ?? [], rule.to ?? []]) {
        for (const kind of kinds) expect(ENTITY_KINDS).toContain(kind);
      }
    }
  });
});
