import type { Executor, Row } from '../db/executor';
import { ENTITY_KINDS, type EntityKindName } from '../domain/vocabulary';
import { toEntityRecord, type EntityRecord } from '../entities/records';
import { KIND_PRIORITY, type SearchQueries } from './search';
import { cellGroups, cellRange, cellsQuery, type CellRange } from './search-cells';

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

/**
 * How many forms of the third tier read/search-han ranks whole: past this many, the tier is read
 * a score range at a time through the search cells (src/search/search-cells.ts).
 */
export const CONTAINS_CAP = 1000;

/** The groups of cells the walk's first range holds (src/search/search-cells.ts). */
const FIRST_RANGE_GROUPS = 8;
/** The most groups a range holds: a lookup costs about its cells times the forms holding the phrase. */
const MAX_RANGE_GROUPS = 16;
/**
 * How many forms a range of several groups may find and still be ranked: a range past it asks
 * again from its first group alone. Small, so that a range that reaches into a common term's
 * dense cells costs little before the walk steps into them one group at a time.
 */
const RANGE_CAP = 200;
/** The cap of a range of one group, which is read whole: more forms than Lucene can hold. */
const UNCAPPED = 2_147_483_647;

export interface SearchOptions {
  /** The tier's size past which it is walked through the cells (tests set it low). */
  readonly containsCap?: number;
}

const toSearchRow = (row: Row): SearchRow => ({
  entity: toEntityRecord(row.entity as Row),
  score: Number(row.score),
  key: String(row.key),
});

/**
 * Search ranks and cuts in the database: at most `first` rows come back. One statement, and for
 * a Chinese term that CONTAINS_CAP or more forms contain, one more per score range of its third
 * tier the walk asks for (src/search/search-cells.ts).
 */
export class SearchRepository {
  private readonly containsCap: number;

  constructor(
    private readonly executor: Executor,
    options: SearchOptions = {},
  ) {
    this.containsCap = options.containsCap ?? CONTAINS_CAP;
  }

  async search(queries: SearchQueries, kinds: readonly EntityKindName[] | null, first: number): Promise<SearchRow[]> {
    const params = searchParameters(queries, kinds, first);
    if (queries.contains.index !== 'entity_search_cells') {
      return (await this.executor.read('read/search', params)).map(toSearchRow);
    }
    const [row] = await this.executor.read('read/search-han', { ...params, containsCap: this.containsCap });
    const hits = ((row?.hits as Row[] | undefined) ?? []).map(toSearchRow);
    if (row?.overflow !== true || hits.length >= first) return hits;
    return [...hits, ...(await this.walkCells(queries, kinds ?? ENTITY_KINDS, first - hits.length))];
  }

  /**
   * The third tier, `wanted` rows of it, a score range at a time from the best (see
   * src/search/search-cells.ts). After a complete range the next one has twice its groups. A
   * range whose lookup finds RANGE_CAP forms or more is too large to rank: the walk steps on
   * from the same group with a range of one group, which is read whole (its entities share one
   * score, so ranking them takes every one, and the page needs them: every group before it is
   * read), and doubles again from there. Each lookup reads the query's phrase through the index,
   * so the walk asks as few ranges as it can.
   */
  private async walkCells(
    queries: SearchQueries,
    kinds: readonly EntityKindName[],
    wanted: number,
  ): Promise<SearchRow[]> {
    const { groups, long } = cellGroups([...queries.normalised].length, kinds, KIND_PRIORITY);
    if (groups.length === 0) {
      // A query longer than CELL_MAX_LENGTH is held only by long forms: their cells, read whole.
      return (await this.readRange(queries, kinds, cellRange(groups, long, 0, 0), UNCAPPED, wanted)) ?? [];
    }
    const rows: SearchRow[] = [];
    let start = 0;
    let size = FIRST_RANGE_GROUPS;
    while (rows.length < wanted && start < groups.length) {
      const range = cellRange(groups, long, start, start + size - 1);
      const whole = range.end === range.start;
      const found = await this.readRange(
        queries,
        kinds,
        range,
        whole ? UNCAPPED : Math.min(this.containsCap, RANGE_CAP),
        wanted - rows.length,
      );
      if (found === null) {
        // The range reached into the dense cells: step into them again one group at a time.
        size = 1;
        continue;
      }
      rows.push(...found);
      start = range.end + 1;
      size = Math.min(2 * (range.end - range.start + 1), MAX_RANGE_GROUPS);
    }
    return rows;
  }

  /** One range of the walk, its first `first` rows; null when its lookup found `cap` forms or more. */
  private async readRange(
    queries: SearchQueries,
    kinds: readonly EntityKindName[],
    range: CellRange,
    cap: number,
    first: number,
  ): Promise<SearchRow[] | null> {
    const [found] = await this.executor.read('read/search-cells', {
      q: queries.normalised,
      cells: cellsQuery(queries.contains.query, range.tokens),
      cap,
      kinds,
      kindPriority: KIND_PRIORITY,
      below: range.below,
      upTo: range.upTo,
      first,
    });
    if (found?.complete !== true) return null;
    return ((found.hits as Row[] | undefined) ?? []).map(toSearchRow);
  }
}
