import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv, CsvError } from '../../src/catalogue/csv';
import { mapIndustryTerm, industryKeywords } from '../../src/catalogue/industries';
import { CATALOGUE_COLUMNS, parseCatalogue, type ParsedCatalogue } from '../../src/catalogue/rows';
import { SUBTYPES } from '../../src/domain/vocabulary';
import { knownIndustries } from '../../src/ingest/validate';

const ROOT = path.resolve(__dirname, '..', '..');
const FILE = path.join(ROOT, 'data', 'china-zones-2018', 'catalogue.csv');
const text = fs.readFileSync(FILE, 'utf8');
const HEADER = CATALOGUE_COLUMNS.join(',');

/** A catalogue of the given data lines (header added), parsed. */
function parse(...lines: string[]): ParsedCatalogue {
  return parseCatalogue(`${HEADER}\n${lines.join('\n')}\n`);
}

const GOOD = '1,G141004,太原经济技术开发区,山西省,太原,国务院,经济技术开发区,2001.06,960.0,电子信息、装备制造、新能源';

describe('the committed copies match their checksums', () => {
  test.each([
    ['china-zones-2018', 'catalogue.csv'],
    ['china-divisions-2023', 'cities.csv'],
  ])('data/%s/%s is the file SHA256SUMS names', (dir, file) => {
    const sums = fs.readFileSync(path.join(ROOT, 'data', dir, 'SHA256SUMS'), 'utf8');
    const [sum, name] = sums.trim().split(/\s+/);
    expect(name).toBe(file);
    const actual = createHash('sha256')
      .update(fs.readFileSync(path.join(ROOT, 'data', dir, file)))
      .digest('hex');
    expect(actual).toBe(sum);
  });

  test("the catalogue's sha256 is the one its README gives, and the shared copy's when it is there", () => {
    const sha = createHash('sha256').update(fs.readFileSync(FILE)).digest('hex');
    expect(fs.readFileSync(path.join(ROOT, 'data', 'china-zones-2018', 'README.md'), 'utf8')).toContain(sha);
    const shared = path.resolve(ROOT, '..', 'shared', 'data', 'china-zones-2018', 'catalogue.csv');
    if (fs.existsSync(shared)) expect(createHash('sha256').update(fs.readFileSync(shared)).digest('hex')).toBe(sha);
  });
});

describe('the CSV reader keeps where every cell stands', () => {
  test('offsets index the text; quoted cells are read inside their quotes; CRLF and empty cells work', () => {
    const source = 'a,b\r\n"x,1","say ""hi""",\nlast,';
    const lines = parseCsv(source);
    expect(lines.map((line) => line.cells.map((cell) => cell.value))).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"', ''],
      ['last', ''],
    ]);
    const [, second] = lines;
    expect(second?.cells.slice(0, 1).map((cell) => source.slice(cell.start, cell.end))).toEqual(['x,1']);
    expect(source.slice(second?.start, second?.end)).toBe('"x,1","say ""hi""",');
  });

  test('an unclosed quote is an error with its line', () => {
    expect(() => parseCsv('a\n"b,c\n')).toThrow(CsvError);
    expect(() => parseCsv('a\n"b,c\n')).toThrow(/line 2/);
  });
});

describe('the committed catalogue', () => {
  const parsed = parseCatalogue(text);

  test('2,543 rows, 552 national and 1,991 provincial, each serial list 1..N; not refused', () => {
    expect(parsed.rejected).toBe(false);
    expect(parsed.rows).toHaveLength(2543);
    const national = parsed.rows.filter((row) => row.level === 'STATE_COUNCIL');
    const provincial = parsed.rows.filter((row) => row.level === 'PROVINCIAL');
    expect(national.map((r) => r.serial).sort((a, b) => a - b)).toEqual(Array.from({ length: 552 }, (_, i) => i + 1));
    expect(provincial.map((r) => r.serial).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1991 }, (_, i) => i + 1),
    );
    expect(parsed.rows.filter((row) => row.province.name === '山西省')).toHaveLength(27);
  });

  test('every 开发区类型 of each level becomes its own zone subtype, with the counts the data README gives', () => {
    const counts: Record<string, number> = {};
    for (const row of parsed.rows) {
      const key = `${row.level} ${row.type} ${row.subtype}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({
      'STATE_COUNCIL 经济技术开发区 ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE': 219,
      'STATE_COUNCIL 高新技术产业开发区 HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE': 156,
      'STATE_COUNCIL 海关特殊监管区域 SPECIAL_CUSTOMS_SUPERVISION_AREA': 135,
      'STATE_COUNCIL 边境/跨境经济合作区 BORDER_ECONOMIC_COOPERATION_ZONE': 19,
      'STATE_COUNCIL 其他类型开发区 OTHER_DEVELOPMENT_ZONE': 23,
      'PROVINCIAL 经济开发区 ECONOMIC_DEVELOPMENT_ZONE': 986,
      'PROVINCIAL 工业园区 INDUSTRIAL_PARK': 848,
      'PROVINCIAL 高新技术产业开发区 HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE': 157,
    });
    // Each subtype is one the write path accepts for a zone.
    const zoneSubtypes = new Set<string>(SUBTYPES.ZONE);
    expect([...new Set(parsed.rows.map((row) => row.subtype))].filter((s) => !zoneSubtypes.has(s))).toEqual([]);
  });

  test("the source's known defects are reported with their line and code, and flagged, not refused", () => {
    const flagged = parsed.defects.filter((d) => d.defect !== 'UNMAPPED_INDUSTRY');
    expect(flagged.map(({ line, code, defect, rule }) => ({ line, code, defect, rule }))).toEqual([
      { line: 55, code: 'G313031', defect: 'TWO_DATES', rule: 'FLAG' },
      { line: 143, code: 'G513119', defect: 'TWO_DATES', rule: 'FLAG' },
      { line: 474, code: 'G372026', defect: 'NAME_TYPO', rule: 'FLAG' },
      { line: 1659, code: 'S237008', defect: 'STRAY_PUNCTUATION', rule: 'FLAG' },
      { line: 1958, code: 'S377018', defect: 'DUPLICATE_CODE', rule: 'FLAG' },
      { line: 1961, code: 'S377018', defect: 'DUPLICATE_CODE', rule: 'FLAG' },
    ]);
    const unmapped = parsed.defects.filter((d) => d.defect === 'UNMAPPED_INDUSTRY');
    expect(unmapped.length).toBeGreaterThan(0);
    expect(unmapped.length).toBeLessThan(50);
  });

  test('S377018 gives two zones with their own ids; 湽博 keeps its name and gets 淄博 as the fix', () => {
    const twins = parsed.rows.filter((row) => row.code === 'S377018');
    expect(twins.map((row) => [row.id, row.name, row.duplicatedCode])).toEqual([
      ['zone:cn-s377018-929', '山东淄川经济开发区', true],
      ['zone:cn-s377018-932', '山东临淄经济开发区', true],
    ]);
    const typo = parsed.rows.find((row) => row.code === 'G372026');
    expect([typo?.name, typo?.correctedName]).toEqual(['湽博高新技术产业开发区', '淄博高新技术产业开发区']);
    expect(new Set(parsed.rows.map((row) => row.id)).size).toBe(2543);
  });

  test('dates: YYYY.MM is a month; the two double dates keep both', () => {
    const row = parsed.rows.find((r) => r.code === 'G313031');
    expect(row?.dates.map((d) => [d.cell.value, d.month])).toEqual([
      ['2000.04', '2000-04'],
      ['2002.12', '2002-12'],
    ]);
    expect(parsed.rows.find((r) => r.code === 'G141004')?.dates.map((d) => d.month)).toEqual(['2001-06']);
    // A trailing zero is kept: 2010.10 is October.
    expect(parsed.rows.find((r) => r.code === 'G513119')?.dates.map((d) => d.month)).toEqual(['2010-10', '2012-01']);
  });

  test('every cell offset points at its text, and each row is its own paragraph (the header is paragraph 0)', () => {
    const lines = text.split('\n');
    for (const row of parsed.rows) {
      expect(lines[row.paragraph]).toBe(row.text);
      for (const cell of Object.values(row.cells)) expect(text.slice(cell.start, cell.end)).toBe(cell.value);
      for (const term of row.industries) expect(text.slice(term.cell.start, term.cell.end)).toBe(term.cell.value);
    }
  });
});

describe('bad input: each defect is reported with its line and code, and follows its rule', () => {
  test('a non-numeric area loads the row (FLAG): the area is kept as printed, not parsed', () => {
    const parsed = parse(GOOD.replace('960.0', '约960'));
    expect(parsed.rejected).toBe(false);
    expect(parsed.defects).toEqual([
      expect.objectContaining({ line: 2, code: 'G141004', defect: 'NON_NUMERIC_AREA', rule: 'FLAG' }),
    ]);
    expect(parsed.rows[0]?.area).toBeNull();
    expect(parsed.rows[0]?.cells.area.value).toBe('约960');
  });

  test('a malformed date loads the row (FLAG) with the date unread', () => {
    const parsed = parse(GOOD.replace('2001.06', '2001年6月'));
    expect(parsed.rejected).toBe(false);
    expect(parsed.defects).toEqual([expect.objectContaining({ line: 2, code: 'G141004', defect: 'MALFORMED_DATE' })]);
    expect(parsed.rows[0]?.dates.map((d) => d.month)).toEqual([null]);
    expect(parse(GOOD.replace('2001.06', '2001.13')).defects.map((d) => d.defect)).toEqual(['MALFORMED_DATE']);
  });

  test('an unknown type refuses the file (REJECT): nothing may be written', () => {
    const parsed = parse(
      GOOD,
      GOOD.replace('1,G141004,太原', '2,G141005,大同').replace(',经济技术开发区,', ',开发区,'),
    );
    expect(parsed.rejected).toBe(true);
    expect(parsed.defects).toEqual([
      expect.objectContaining({ line: 3, code: 'G141005', defect: 'UNKNOWN_TYPE', rule: 'REJECT' }),
    ]);
    // A provincial type under 国务院 is unknown for that level.
    expect(parse(GOOD.replace(',经济技术开发区,', ',工业园区,')).defects.map((d) => d.defect)).toEqual([
      'UNKNOWN_TYPE',
    ]);
  });

  test.each([
    ['a province that is not one of the 31', GOOD.replace('山西省', '山西'), 'UNKNOWN_PROVINCE'],
    ['an approval level that is neither 国务院 nor 省政府', GOOD.replace('国务院', '市政府'), 'UNKNOWN_LEVEL'],
    ['a code that is not G or S and six digits', GOOD.replace('G141004', 'G14100'), 'BAD_CODE'],
    ["a code whose province digits are another province's", GOOD.replace('G141004', 'G151004'), 'CODE_MISMATCH'],
    ['an S code for a 国务院 zone', GOOD.replace('G141004', 'S141004'), 'CODE_MISMATCH'],
    ['an empty name', GOOD.replace('太原经济技术开发区', ''), 'EMPTY_FIELD'],
    ['a serial that is not a number', GOOD.replace(/^1,/, 'x,'), 'BAD_SERIAL'],
    ['a missing cell', GOOD.replace(',960.0', ''), 'BAD_COLUMN_COUNT'],
  ])('%s refuses the file', (_what, line, defect) => {
    const parsed = parse(line);
    expect(parsed.rejected).toBe(true);
    expect(parsed.defects.map((d) => [d.line, d.defect, d.rule])).toEqual([[2, defect, 'REJECT']]);
  });

  test('a name or a serial used twice refuses the file; a code used twice is two zones, flagged', () => {
    const twice = parse(GOOD, GOOD.replace(/^1,G141004/, '2,G141005'));
    expect(twice.defects.map((d) => [d.line, d.defect])).toEqual([[3, 'DUPLICATE_NAME']]);
    const serial = parse(GOOD, GOOD.replace('G141004,太原', 'G141005,大同'));
    expect(serial.defects.map((d) => [d.line, d.defect])).toEqual([[3, 'DUPLICATE_SERIAL']]);
    const code = parse(GOOD, GOOD.replace(/^1,G141004,太原/, '2,G141004,大同'));
    expect(code.rejected).toBe(false);
    expect(code.rows.map((row) => row.id)).toEqual(['zone:cn-g141004-1', 'zone:cn-g141004-2']);
  });

  test('a wrong header refuses the file before any row is read', () => {
    const parsed = parseCatalogue(`${HEADER.replace('代码', '编码')}\n${GOOD}\n`);
    expect(parsed.rejected).toBe(true);
    expect(parsed.defects).toEqual([expect.objectContaining({ line: 1, defect: 'BAD_HEADER' })]);
    expect(parsed.rows).toEqual([]);
  });
});

describe('主导产业 terms become industry codes', () => {
  test.each([
    ['装备制造', ['equipment-manufacturing']],
    ['生物医药', ['pharmaceuticals-and-health', 'biotechnology']],
    ['汽车及零部件', ['automotive']],
    ['新能源汽车及零部件', ['new-energy-vehicles', 'automotive']],
    ['机械电子', ['machinery', 'electronic-information']],
    ['农副产品加工', ['agricultural-product-processing']],
    ['电子陶瓷', ['electronic-information', 'new-materials']],
  ])('%s maps to %p', (term, codes) => {
    expect(mapIndustryTerm(term).codes).toEqual(codes);
  });

  test('a term with no keyword has no code (the loader flags it); stray punctuation is read past and reported', () => {
    expect(mapIndustryTerm('在建')).toMatchObject({ codes: [], strayPunctuation: false });
    expect(mapIndustryTerm('食品.')).toMatchObject({ codes: ['food-and-beverages'], strayPunctuation: true });
  });

  test('every code the rules name is in data/seed/industries.json, and nearly every term of the catalogue maps', () => {
    const known = knownIndustries();
    const named = new Set([...industryKeywords().values()].flat());
    expect([...named].filter((code) => !known.has(code))).toEqual([]);
    const terms = parseCatalogue(text).rows.flatMap((row) => row.industries);
    const mapped = terms.filter((term) => term.mapping.codes.length > 0).length;
    expect(mapped / terms.length).toBeGreaterThan(0.99);
  });
});
