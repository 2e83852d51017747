/**
 * Search cells: how search's third tier (forms that contain the query) answers a common Chinese
 * term without ranking every form that holds it (issue 8). Pure: no driver, no GraphQL.
 *
 * Within the tier an entity's score depends on two things only: its kind (the kind's priority)
 * and the length of its shortest name form that contains the query (docs/api.md, "Search
 * scoring"; the Lucene part is constant there). Every entity stores one cell token per Chinese
 * name form (CELL_FORM), its kind and that form's length (`searchCells`: `enterprise11`, `zone6`; `<kind>long` past
 * CELL_MAX_LENGTH), written by the write path (cypher/fragments/search-cells) and indexed with the
 * forms' bigrams (`entity_search_cells`, migration 0019). So the entities of the tier that score
 * in a given range are one lookup: the query's phrase AND the cells whose score falls in it
 * (read/search-cells). The cells are walked from the best score down, a range at a time, until
 * the page is full (src/search/search.repository.ts): the answer is the one ranking every
 * candidate would give, and the work is the cells the page reaches, not every form that holds
 * the term.
 */
import type { EntityKindName } from '../domain/vocabulary';

/**
 * The Chinese characters the `cjk` analyzer pairs into bigrams (CJK Unified Ideographs and
 * Extension A), as a character class body: search.ts's BIGRAM_HAN, CELL_FORM, and the write
 * path's test of a form (cypher/fragments/search-cells) name the same ranges.
 */
export const PAIRED_HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';

/**
 * The forms that have cells: those with a character the cjk analyzer pairs, the only forms a
 * query of two or more such characters (search.ts, BIGRAM_HAN) can be found in. A pinyin or an
 * initials form never holds one, and its cell would only widen every lookup.
 */
export const CELL_FORM = new RegExp(`[${PAIRED_HAN}]`, 'u');

/** Forms longer than this share one cell per kind (`<kind>long`), whose scores are continuous. */
export const CELL_MAX_LENGTH = 60;

/** The cell token of a form of `length` characters of an entity of `kind`, as the write path stores it. */
export function cellToken(kind: EntityKindName, length: number): string {
  return `${kind.toLowerCase().replace(/_/g, '')}${length <= CELL_MAX_LENGTH ? String(length) : 'long'}`;
}

/**
 * The score of the third tier for a query of `queryLength` characters matched through a form of
 * `formLength`, for a kind of priority `priority`: the expression of read/search.cypher,
 * evaluated in the same order (IEEE doubles, as Neo4j's), with the constant Lucene score 1.
 */
export function containsScore(queryLength: number, formLength: number, priority: number): number {
  const score = 1.0;
  return (
    Math.round((0.75 + (0.03 * queryLength) / formLength + 0.015 * priority + 0.004 * (score / (1 + score))) * 10000) /
    10000
  );
}

/** The cells of one score: every (kind, length) whose forms score the same. */
export interface CellGroup {
  readonly score: number;
  readonly tokens: readonly string[];
}

/**
 * The cells a query of `queryLength` characters can be found in, for the kinds asked: the groups
 * of equal score, best first, and the `long` cells (one per kind), whose scores lie below their
 * kind's CELL_MAX_LENGTH cell and are read with every range.
 */
export function cellGroups(
  queryLength: number,
  kinds: readonly EntityKindName[],
  priorities: Readonly<Record<EntityKindName, number>>,
): { readonly groups: CellGroup[]; readonly long: string[] } {
  const byScore = new Map<number, string[]>();
  for (const kind of kinds) {
    for (let length = Math.max(queryLength, 1); length <= CELL_MAX_LENGTH; length += 1) {
      const score = containsScore(queryLength, length, priorities[kind]);
      const tokens = byScore.get(score);
      if (tokens === undefined) byScore.set(score, [cellToken(kind, length)]);
      else tokens.push(cellToken(kind, length));
    }
  }
  const groups = [...byScore].sort(([a], [b]) => b - a).map(([score, tokens]) => ({ score, tokens }));
  return { groups, long: kinds.map((kind) => cellToken(kind, CELL_MAX_LENGTH + 1)) };
}

/**
 * One lookup of the walk: the cells of groups `start`..`end` (and the long cells), and the score
 * range its answers are taken from: above `below` and at most `upTo` (null: unbounded). The
 * bounds lie halfway between two groups' scores, which are four-decimal values, so no score
 * ever equals one and every entity of the tier falls in exactly one range.
 */
export interface CellRange {
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly string[];
  readonly below: number | null;
  readonly upTo: number | null;
}

export function cellRange(
  groups: readonly CellGroup[],
  long: readonly string[],
  start: number,
  end: number,
): CellRange {
  const last = Math.min(end, groups.length - 1);
  const between = (i: number): number => ((groups[i] as CellGroup).score + (groups[i + 1] as CellGroup).score) / 2;
  return {
    start,
    end: last,
    tokens: [...groups.slice(start, last + 1).flatMap((group) => group.tokens), ...long],
    below: last >= groups.length - 1 ? null : between(last),
    upTo: start === 0 ? null : between(start - 1),
  };
}

/**
 * The Lucene query of a range: the query's bigram phrase in a form (`contains`, as searchQueries
 * makes it: `searchKeys:"…"`), in one of the range's cells.
 */
export function cellsQuery(contains: string, tokens: readonly string[]): string {
  return `+${contains} +searchCells:(${tokens.join(' ')})`;
}
