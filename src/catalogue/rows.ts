import { parseCsv, CsvError, type CsvCell, type CsvLine } from './csv';
import { catalogueZoneId } from './ids';
import { mapIndustryTerm, type TermMapping } from './industries';
import { provinceByName, type Province } from './provinces';

/**
 * Reads data/china-zones-2018/catalogue.csv into typed rows and checks every row. Each defect
 * is reported with its line and code and follows one of two rules (docs/writing.md, "The
 * national zone catalogue"):
 *
 * - REJECT: the row cannot be placed or told apart (no code, an unknown province, level or
 *   type, a code that contradicts its level or province, a number or name used twice), or the
 *   file itself is malformed. Nothing is written until the file is clean.
 * - FLAG: one value of the row cannot be read (an area that is not a number, a date that is not
 *   YYYY.MM), or the source has a known defect. The row is loaded, the value kept as printed,
 *   and the fact or entity carries a quality flag.
 */

export const CATALOGUE_COLUMNS = [
  '序号',
  '代码',
  '开发区名称',
  '省份',
  '城市区县',
  '批准级别',
  '开发区类型',
  '批准时间',
  '核准面积_公顷',
  '主导产业',
] as const;

export type ApprovalLevelName = 'STATE_COUNCIL' | 'PROVINCIAL';

/** The 批准级别 column: 国务院 (national zones) or 省政府 (provincial zones). */
export const APPROVAL_LEVEL_OF: Readonly<Record<string, ApprovalLevelName>> = {
  国务院: 'STATE_COUNCIL',
  省政府: 'PROVINCIAL',
};

/** The 开发区类型 of each level and the zone subtype each becomes (src/domain/vocabulary.ts). */
export const ZONE_TYPES: Readonly<Record<ApprovalLevelName, Readonly<Record<string, string>>>> = {
  STATE_COUNCIL: {
    经济技术开发区: 'ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE',
    高新技术产业开发区: 'HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE',
    海关特殊监管区域: 'SPECIAL_CUSTOMS_SUPERVISION_AREA',
    '边境/跨境经济合作区': 'BORDER_ECONOMIC_COOPERATION_ZONE',
    其他类型开发区: 'OTHER_DEVELOPMENT_ZONE',
  },
  PROVINCIAL: {
    经济开发区: 'ECONOMIC_DEVELOPMENT_ZONE',
    工业园区: 'INDUSTRIAL_PARK',
    高新技术产业开发区: 'HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE',
  },
};

/** Misprints of place names known in this source: the name is kept as printed, the fix becomes an alias. */
export const KNOWN_NAME_TYPOS: readonly (readonly [string, string])[] = [['湽博', '淄博']];

export type DefectRule = 'REJECT' | 'FLAG';

export type DefectCode =
  // the file
  | 'CSV_SYNTAX'
  | 'BAD_HEADER'
  | 'BAD_COLUMN_COUNT'
  // REJECT: the row cannot be placed or told apart
  | 'EMPTY_FIELD'
  | 'SURROUNDING_WHITESPACE'
  | 'BAD_SERIAL'
  | 'BAD_CODE'
  | 'UNKNOWN_PROVINCE'
  | 'UNKNOWN_LEVEL'
  | 'UNKNOWN_TYPE'
  | 'CODE_MISMATCH'
  | 'DUPLICATE_SERIAL'
  | 'DUPLICATE_NAME'
  // FLAG: loaded, the value kept as printed and flagged
  | 'NON_NUMERIC_AREA'
  | 'MALFORMED_DATE'
  | 'MISSING_VALUE'
  | 'DUPLICATE_CODE'
  | 'TWO_DATES'
  | 'NAME_TYPO'
  | 'STRAY_PUNCTUATION'
  | 'UNMAPPED_INDUSTRY';

const FLAG_RULE: ReadonlySet<DefectCode> = new Set<DefectCode>([
  'NON_NUMERIC_AREA',
  'MALFORMED_DATE',
  'MISSING_VALUE',
  'DUPLICATE_CODE',
  'TWO_DATES',
  'NAME_TYPO',
  'STRAY_PUNCTUATION',
  'UNMAPPED_INDUSTRY',
]);

export function defectRule(code: DefectCode): DefectRule {
  return FLAG_RULE.has(code) ? 'FLAG' : 'REJECT';
}

export interface RowDefect {
  /** 1-based line of the file (the header is line 1, the first zone line 2). */
  readonly line: number;
  /** The row's 代码 as printed ('' for a file-level defect or an empty code). */
  readonly code: string;
  readonly defect: DefectCode;
  readonly rule: DefectRule;
  readonly message: string;
}

/** A cell of the row: its value and where it stands in the file's text. */
export type Cell = CsvCell;

export interface ApprovalDate {
  /** The part of the cell this date was read from (2000.04 of 2000.04/2002.12). */
  readonly cell: Cell;
  /** YYYY-MM, or null when the text is not a YYYY.MM date (kept as printed, flagged). */
  readonly month: string | null;
}

export interface IndustryTerm {
  readonly cell: Cell;
  readonly mapping: TermMapping;
}

export interface CatalogueRow {
  readonly line: number;
  /** The row's paragraph in the source text (its index among the file's non-blank lines). */
  readonly paragraph: number;
  /** The whole line: the row rendered verbatim. */
  readonly text: string;
  readonly serial: number;
  readonly code: string;
  readonly id: string;
  readonly cells: {
    readonly serial: Cell;
    readonly code: Cell;
    readonly name: Cell;
    readonly province: Cell;
    readonly level: Cell;
    readonly type: Cell;
    readonly date: Cell;
    readonly area: Cell;
    readonly industries: Cell;
  };
  readonly name: string;
  /** The name with known misprints fixed (淄博 for 湽博), or null when it has none. */
  readonly correctedName: string | null;
  readonly province: Province;
  readonly level: ApprovalLevelName;
  /** 开发区类型 as printed. */
  readonly type: string;
  readonly subtype: string;
  readonly dates: readonly ApprovalDate[];
  /** The area as `<number>公顷` for the quantity parser, or null when the cell is not a number. */
  readonly area: string | null;
  readonly industries: readonly IndustryTerm[];
  /** The code is printed on another row too (S377018). */
  readonly duplicatedCode: boolean;
}

export interface ParsedCatalogue {
  readonly text: string;
  readonly rows: readonly CatalogueRow[];
  readonly defects: readonly RowDefect[];
  /** True when a defect follows the REJECT rule: nothing may be written. */
  readonly rejected: boolean;
}

const SERIAL = /^[1-9]\d*$/;
const CODE = /^[GS]\d{6}$/;
const MONTH = /^(\d{4})\.(\d{2})$/;
const AREA = /^\d+(?:\.\d+)?$/;

function slice(cell: Cell, from: number, to: number): Cell {
  return { value: cell.value.slice(from, to), start: cell.start + from, end: cell.start + to };
}

/** The cells a value separated by `separator` splits into, each with its own offsets. */
function split(cell: Cell, separator: string): Cell[] {
  const parts: Cell[] = [];
  let from = 0;
  for (;;) {
    const at = cell.value.indexOf(separator, from);
    const to = at < 0 ? cell.value.length : at;
    parts.push(slice(cell, from, to));
    if (at < 0) return parts;
    from = at + separator.length;
  }
}

function month(cell: Cell): string | null {
  const match = MONTH.exec(cell.value);
  if (!match) return null;
  const [, year, monthNumber] = match as unknown as [string, string, string];
  const y = Number(year);
  const m = Number(monthNumber);
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 ? `${year}-${monthNumber}` : null;
}

/**
 * Parses the catalogue's text and checks it. Always returns every defect found (the caller
 * prints them all, so a file is fixed in one pass); `rows` holds the rows that can be built,
 * which is all of them when `rejected` is false.
 */
export function parseCatalogue(text: string): ParsedCatalogue {
  const defects: RowDefect[] = [];
  const report = (line: number, code: string, defect: DefectCode, message: string): void => {
    defects.push({ line, code, defect, rule: defectRule(defect), message });
  };
  let lines: CsvLine[];
  try {
    lines = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    report(error.line, '', 'CSV_SYNTAX', error.message);
    return { text, rows: [], defects, rejected: true };
  }
  const nonBlank = lines.filter((line) => line.cells.length > 0);
  const [header, ...body] = nonBlank;
  const columns = header?.cells.map((cell) => cell.value) ?? [];
  if (columns.join(',') !== CATALOGUE_COLUMNS.join(',')) {
    report(header?.line ?? 1, '', 'BAD_HEADER', `the header must be ${CATALOGUE_COLUMNS.join(',')}`);
    return { text, rows: [], defects, rejected: true };
  }

  const rows: CatalogueRow[] = [];
  const codeLines = new Map<string, number[]>();
  const serialLines = new Map<string, number>();
  const nameLines = new Map<string, number>();
  body.forEach((line, index) => {
    const codeText = line.cells[1]?.value ?? '';
    const fail = (defect: DefectCode, message: string): void => report(line.line, codeText, defect, message);
    if (line.cells.length !== CATALOGUE_COLUMNS.length) {
      fail('BAD_COLUMN_COUNT', `${line.cells.length} cells where the header has ${CATALOGUE_COLUMNS.length}`);
      return;
    }
    const [serial, code, name, province, , level, type, date, area, industries] = line.cells as [
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
      Cell,
    ];
    const before = defects.length;
    for (const [column, cell] of [
      ['序号', serial],
      ['代码', code],
      ['开发区名称', name],
      ['省份', province],
      ['批准级别', level],
      ['开发区类型', type],
    ] as const) {
      if (cell.value.trim() === '') fail('EMPTY_FIELD', `${column} is empty`);
      else if (cell.value !== cell.value.trim())
        fail('SURROUNDING_WHITESPACE', `${column} begins or ends with white space`);
    }
    if (defects.length > before) return;
    if (!SERIAL.test(serial.value)) fail('BAD_SERIAL', `序号 "${serial.value}" is not a positive whole number`);
    if (!CODE.test(code.value)) fail('BAD_CODE', `代码 "${code.value}" is not G or S and six digits`);
    const foundProvince = provinceByName(province.value);
    if (foundProvince === undefined)
      fail('UNKNOWN_PROVINCE', `省份 "${province.value}" is not one of the 31 provinces`);
    const foundLevel = APPROVAL_LEVEL_OF[level.value];
    if (foundLevel === undefined) fail('UNKNOWN_LEVEL', `批准级别 "${level.value}" is neither 国务院 nor 省政府`);
    const subtype = foundLevel === undefined ? undefined : ZONE_TYPES[foundLevel][type.value];
    if (foundLevel !== undefined && subtype === undefined) {
      fail(
        'UNKNOWN_TYPE',
        `开发区类型 "${type.value}" is not a type of ${level.value} zones (${Object.keys(ZONE_TYPES[foundLevel]).join(', ')})`,
      );
    }
    if (
      CODE.test(code.value) &&
      foundLevel !== undefined &&
      (code.value[0] === 'G') !== (foundLevel === 'STATE_COUNCIL')
    ) {
      fail('CODE_MISMATCH', `a ${level.value} zone's code begins with ${foundLevel === 'STATE_COUNCIL' ? 'G' : 'S'}`);
    }
    if (CODE.test(code.value) && foundProvince !== undefined && code.value.slice(1, 3) !== foundProvince.code) {
      fail(
        'CODE_MISMATCH',
        `digits 2-3 of the code are the province's (${foundProvince.code} for ${foundProvince.name})`,
      );
    }
    const serialKey = `${level.value}:${serial.value}`;
    const serialSeen = serialLines.get(serialKey);
    if (serialSeen !== undefined)
      fail('DUPLICATE_SERIAL', `序号 ${serial.value} of ${level.value} is also on line ${serialSeen}`);
    else serialLines.set(serialKey, line.line);
    const nameSeen = nameLines.get(name.value);
    if (nameSeen !== undefined)
      fail('DUPLICATE_NAME', `the name is also on line ${nameSeen}; one name names one entity`);
    else nameLines.set(name.value, line.line);
    codeLines.set(code.value, [...(codeLines.get(code.value) ?? []), line.line]);
    if (defects.length > before || foundProvince === undefined || foundLevel === undefined || subtype === undefined) {
      return;
    }

    // FLAG: the row loads; what cannot be read is kept as printed.
    const dates: ApprovalDate[] = [];
    if (date.value.trim() === '') fail('MISSING_VALUE', '批准时间 is empty: no approval date is recorded');
    else {
      const parts = split(date, '/');
      for (const part of parts) dates.push({ cell: part, month: month(part) });
      if (dates.some((d) => d.month === null)) {
        fail('MALFORMED_DATE', `批准时间 "${date.value}" is not YYYY.MM: kept as printed, flagged UNPARSEABLE_VALUE`);
      } else if (parts.length > 1) {
        fail('TWO_DATES', `批准时间 "${date.value}" gives ${parts.length} dates: all kept, flagged MULTIPLE_VALUES`);
      }
    }
    let areaValue: string | null = null;
    if (area.value.trim() === '') fail('MISSING_VALUE', '核准面积_公顷 is empty: no area is recorded');
    else if (!AREA.test(area.value)) {
      fail(
        'NON_NUMERIC_AREA',
        `核准面积_公顷 "${area.value}" is not a number: kept as printed, flagged UNPARSEABLE_VALUE`,
      );
    } else areaValue = `${area.value}公顷`;
    const terms: IndustryTerm[] = [];
    if (industries.value.trim() === '') fail('MISSING_VALUE', '主导产业 is empty: no industry is recorded');
    else {
      for (const part of split(industries, '、')) {
        if (part.value.trim() === '') continue;
        const mapping = mapIndustryTerm(part.value);
        terms.push({ cell: part, mapping });
        if (mapping.strayPunctuation) {
          fail(
            'STRAY_PUNCTUATION',
            `主导产业 term "${part.value}" ends in stray punctuation: read without it, flagged SUSPECTED_TYPO`,
          );
        }
        if (mapping.codes.length === 0) {
          fail(
            'UNMAPPED_INDUSTRY',
            `主导产业 term "${part.value}" has no industry code: kept as printed, flagged UNMAPPED_TERM`,
          );
        }
      }
    }
    let correctedName: string | null = null;
    for (const [wrong, right] of KNOWN_NAME_TYPOS) {
      if (name.value.includes(wrong)) {
        correctedName = (correctedName ?? name.value).split(wrong).join(right);
        fail(
          'NAME_TYPO',
          `the name prints ${wrong} for ${right}: kept as printed, flagged SUSPECTED_TYPO, ${right} form an alias`,
        );
      }
    }
    rows.push({
      line: line.line,
      paragraph: index + 1,
      text: text.slice(line.start, line.end),
      serial: Number(serial.value),
      code: code.value,
      id: catalogueZoneId(code.value, serial.value, false),
      cells: { serial, code, name, province, level, type, date, area, industries },
      name: name.value,
      correctedName,
      province: foundProvince,
      level: foundLevel,
      type: type.value,
      subtype,
      dates,
      area: areaValue,
      industries: terms,
      duplicatedCode: false,
    });
  });

  // A code printed on two rows names two zones (S377018): each gets its own id and a flag.
  const duplicated = new Set([...codeLines].filter(([, at]) => at.length > 1).map(([code]) => code));
  for (const code of duplicated) {
    const at = codeLines.get(code) ?? [];
    for (const line of at) {
      report(
        line,
        code,
        'DUPLICATE_CODE',
        `代码 ${code} is printed on lines ${at.join(' and ')}: each row is its own zone, flagged DUPLICATE_IDENTIFIER`,
      );
    }
  }
  const built = rows.map((row) =>
    duplicated.has(row.code) ? { ...row, duplicatedCode: true, id: catalogueZoneId(row.code, row.serial, true) } : row,
  );
  defects.sort((a, b) => a.line - b.line);
  return { text, rows: built, defects, rejected: defects.some((defect) => defect.rule === 'REJECT') };
}
