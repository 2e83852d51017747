import fc from 'fast-check';
import { numericKeyRange, zoneClasses, zoneKeyRange } from '../../src/domain/list-orders';

/** A key as ingest/refresh-derived writes it: the number, padded (complemented when descending), then the listKey. */
function key(value: number | null, digits: number, complemented: boolean, listKey = 'tai yuan\u0000zone:x'): string {
  if (value === null) return `~\u0000${listKey}`;
  const n = complemented ? 10 ** digits - 1 - value : value;
  return `${String(n).padStart(digits, '0')}\u0000${listKey}`;
}

describe('zone order key windows', () => {
  test('a key lies inside the window exactly when its number lies in the range; keys without a number never do', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.option(fc.integer({ min: 0, max: 99_999_999 })),
        fc.option(fc.integer({ min: 0, max: 99_999_999 })),
        fc.boolean(),
        fc.string(),
        (value, lo, hi, complemented, listKey) => {
          const { after, before } = numericKeyRange(8, complemented, lo, hi);
          const k = key(value, 8, complemented, listKey);
          const inside = k > after && k < before;
          expect(inside).toBe((lo === null || value >= lo) && (hi === null || value <= hi));
          const none = key(null, 8, complemented, listKey);
          expect(none > after && none < before).toBe(false);
        },
      ),
    );
  });

  test('year and area ranges become windows of their own orders only', () => {
    const years = zoneKeyRange('APPROVAL_DATE_ASC', { yearFrom: 1984, yearTo: 1985 });
    const inside = (k: string): boolean => k > years.after && k < years.before;
    expect(inside(key(19840900, 8, false))).toBe(true);
    expect(inside(key(19850000, 8, false))).toBe(true);
    expect(inside(key(19831200, 8, false))).toBe(false);
    expect(inside(key(19860100, 8, false))).toBe(false);
    const newest = zoneKeyRange('APPROVAL_DATE_DESC', { yearFrom: 1984, yearTo: 1985 });
    expect(key(19851200, 8, true) > newest.after && key(19851200, 8, true) < newest.before).toBe(true);
    expect(key(19860100, 8, true) > newest.after && key(19860100, 8, true) < newest.before).toBe(false);
    // 20,000,000.4 m² rounds to 20,000,000 in its key; the window keeps it for a minimum of 20,000,000.2.
    const area = zoneKeyRange('APPROVED_AREA_DESC', { areaMin: '20000000.2', areaMax: '30000000' });
    expect(key(20_000_000, 15, true) > area.after && key(20_000_000, 15, true) < area.before).toBe(true);
    expect(key(19_999_999, 15, true) > area.after && key(19_999_999, 15, true) < area.before).toBe(false);
    expect(zoneKeyRange('NAME_ASC', { yearFrom: 1984 })).toEqual({ after: '', before: '\uffff' });
    expect(zoneKeyRange('APPROVAL_DATE_ASC', { areaMin: '1' })).toEqual({ after: '', before: '\uffff' });
  });

  test('a subtype or level filter covers its classes, "-" standing for none stated', () => {
    expect(zoneClasses(null, null)).toBeNull();
    expect(zoneClasses('INDUSTRIAL_PARK', null)).toEqual([
      'INDUSTRIAL_PARK/STATE_COUNCIL',
      'INDUSTRIAL_PARK/PROVINCIAL',
      'INDUSTRIAL_PARK/-',
    ]);
    const provincial = zoneClasses(null, 'PROVINCIAL') ?? [];
    expect(provincial).toContain('HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE/PROVINCIAL');
    expect(provincial).toContain('-/PROVINCIAL');
    expect(provincial.every((c) => c.endsWith('/PROVINCIAL'))).toBe(true);
    expect(zoneClasses('INDUSTRIAL_PARK', 'PROVINCIAL')).toEqual(['INDUSTRIAL_PARK/PROVINCIAL']);
  });
});
