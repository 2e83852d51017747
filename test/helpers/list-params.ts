import type { EntityKindName } from '../../src/domain/vocabulary';

/**
 * The parameters of the list statements (src/entities/entity.repository.ts, listParams) for a
 * list of `kind` with no filter: every typed filter and anchor null. Tests that profile a list
 * statement spread it and set what they test.
 */
export function noListFilters(kind: EntityKindName): Record<string, unknown> {
  return {
    kind,
    nameContains: null,
    region: null,
    zone: null,
    industry: null,
    status: null,
    flag: null,
    amountMin: null,
    amountMax: null,
    subtype: null,
    level: null,
    yearFrom: null,
    yearTo: null,
    areaMin: null,
    areaMax: null,
  };
}
