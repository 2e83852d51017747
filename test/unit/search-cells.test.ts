import { KIND_PRIORITY } from '../../src/search/search';
import {
  CELL_MAX_LENGTH,
  cellGroups,
  cellRange,
  cellToken,
  cellsQuery,
  containsScore,
} from '../../src/search/search-cells';

describe('search cells', () => {
  test('a cell is the kind and the form length, one long cell per kind past the maximum', () => {
    expect(cellToken('ENTERPRISE', 11)).toBe('enterprise11');
    expect(cellToken('FUNDING_INSTRUMENT', CELL_MAX_LENGTH)).toBe(`fundinginstrument${CELL_MAX_LENGTH}`);
    expect(cellToken('ZONE', CELL_MAX_LENGTH + 1)).toBe('zonelong');
  });

  test('the score follows coverage and the kind, rounded to four decimals', () => {
    // 0.75 + 0.03 × 2/4 + 0.015 × 1 + 0.002
    expect(containsScore(2, 4, 1)).toBe(0.782);
    expect(containsScore(2, 11, 0.5)).toBe(0.765);
    expect(containsScore(2, 4, 1)).toBeGreaterThan(containsScore(2, 5, 1));
    expect(containsScore(2, 4, 1)).toBeGreaterThan(containsScore(2, 4, 0.5));
  });

  test('groups hold every cell of the kinds asked once, by score, best first', () => {
    const { groups, long } = cellGroups(3, ['ZONE', 'ENTERPRISE', 'PROJECT'], KIND_PRIORITY);
    const tokens = groups.flatMap((group) => group.tokens);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).toHaveLength(3 * (CELL_MAX_LENGTH - 3 + 1));
    expect(tokens).toContain('zone3');
    expect(tokens).not.toContain('zone2');
    const scores = groups.map((group) => group.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Kinds of one priority share their groups.
    expect(groups.find((group) => group.tokens.includes('enterprise7'))?.tokens).toContain('project7');
    expect(long).toEqual(['zonelong', 'enterpriselong', 'projectlong']);
    expect(groups[0]?.tokens).toEqual(['zone3']);
  });

  test('ranges are bounded halfway between two scores, and the last is open below', () => {
    const { groups, long } = cellGroups(2, ['ENTERPRISE'], KIND_PRIORITY);
    const first = cellRange(groups, long, 0, 2);
    expect(first.upTo).toBeNull();
    expect(first.below).toBeCloseTo(((groups[2]?.score ?? 0) + (groups[3]?.score ?? 0)) / 2, 10);
    expect(first.tokens).toEqual(['enterprise2', 'enterprise3', 'enterprise4', 'enterpriselong']);
    const next = cellRange(groups, long, 3, 8);
    expect(next.upTo).toBe(first.below);
    const last = cellRange(groups, long, 9, 10_000);
    expect(last.end).toBe(groups.length - 1);
    expect(last.below).toBeNull();
    // No four-decimal score equals a bound.
    for (const bound of [first.below, next.below]) expect(Math.round((bound ?? 0) * 10000) / 10000).not.toBe(bound);
  });

  test('the lookup is the phrase in one of the range’s cells', () => {
    expect(cellsQuery('searchKeys:"能源"', ['enterprise4', 'zonelong'])).toBe(
      '+searchKeys:"能源" +searchCells:(enterprise4 zonelong)',
    );
  });
});
