import type { Executor, Row } from '../db/executor';
import { ENTITY_KINDS, type EntityKindName } from '../domain/vocabulary';
import { toEntityRecord, type EntityRecord } from '../entities/records';
import { KIND_PRIORITY, type SearchQueries } from './search';

export interface SearchRow {
  readonly entity: EntityRecord;
  /** The score, rounded to four decimals by the statement. */
  readonly score: number;
  /** The normalised name form the entity was ranked by. */
  readonly key: string;
}

/** The parameters of read/search.cypher (also used by the cost tests, which PROFILE it). */
export function searchParameters(
  queries: SearchQueries,
  kinds: readonly EntityKindName[] | null,
  first: number,
): Record<string, unknown> {
  return {
    q: queries.normalised,
    prefix: queries.prefix,
    containsIndex: queries.contains.index,
    contains: queries.contains.query,
    containsScored: queries.contains.scored,
    // Always a list, so the statement has one plan.
    kinds: kinds ?? ENTITY_KINDS,
    first,
    kindPriority: KIND_PRIORITY,
  };
}

/** Search runs one statement that ranks and cuts in the database: at most `first` rows come back. */
export class SearchRepository {
  constructor(private readonly executor: Executor) {}

  async search(queries: SearchQueries, kinds: readonly EntityKindName[] | null, first: number): Promise<SearchRow[]> {
    const rows = await this.executor.read('read/search', searchParameters(queries, kinds, first));
    return rows.map((row) => ({
      entity: toEntityRecord(row.entity as Row),
      score: Number(row.score),
      key: String(row.key),
    }));
  }
}
