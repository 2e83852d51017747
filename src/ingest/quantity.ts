/**
 * Parser for amounts and measures as Chinese newspapers write them ("1.07亿元", "超30亿元",
 * "4000余万元", "300-400万元", "近2.2亿块", "50多个国家", "200平方千米左右").
 *
 * Every value is carried as a decimal string and all arithmetic goes through decimal.js, so a
 * figure such as 1.784亿元 becomes exactly '178400000' and never passes through a binary float.
 *
 * Decisions (the parser's contract, beyond the types below):
 *
 * - Years. A four-digit integer written directly before 年 ("2016年", "二〇一六年", "2016-2020年")
 *   is a date, not a measure, and throws YEAR_NOT_QUANTITY rather than returning a Quantity, so
 *   callers can tell "this is a year" from "this is garbage". Other numbers before 年 ("3年",
 *   "2000多年") are durations, which have no Unit here, and throw UNKNOWN_UNIT.
 * - No unit. A bare number ("1200", "1.07亿") throws UNKNOWN_UNIT: guessing a unit would turn a
 *   headline shorthand into a wrong fact.
 * - 亩 throws UNKNOWN_UNIT: 1亩 = 2000/3 m², which no finite decimal represents, and every amount
 *   this parser returns must be exact.
 * - 度 is read as kWh (electricity), as the ingest format asks; temperatures must be written
 *   摄氏度, ℃ or °C.
 * - Negative values (leading -, −, 负, 零下) throw NEGATIVE, temperatures included.
 * - Inclusive and exclusive bounds follow the Civil Code of the PRC, art. 1259: 以上/以下/以内
 *   include the stated number (AT_LEAST / AT_MOST), while 超过 and 不满 exclude it. Hence
 *   超/超过/超出/逾/多于/高于/大于 and the N余/N多 forms are OVER, and 近/将近/接近/不到/不足/
 *   不满/少于/低于/小于 (prefix, or 不到/不足 as suffix) are UNDER. 至少/不少于/不低于/最少 are
 *   AT_LEAST; 至多/最多/不超过/不多于/不高于 are AT_MOST.
 * - Stacked qualifiers: a repeated direction merges ("超4000余万元" is OVER); a direction beats
 *   an approximation ("约4000余万元" is OVER, since the bound is the useful fact); strict beats
 *   inclusive on the same side ("超100万元以上" is OVER); opposite sides ("超30亿元以下")
 *   describe an empty or contradictory interval and throw BAD_RANGE.
 * - Ranges: separators are - – — ～ ~ 至 到 (full-width forms too). A lower end without its
 *   own unit borrows the part of the upper end's multiplier that it lacks, so "300-400万元"
 *   is 3,000,000–4,000,000 and "1千-2千万元" is 10,000,000–20,000,000 (the newspaper
 *   convention), while "5千-1万元" (千 is not a prefix of 万) and "5000元-1万元" (own
 *   unit) keep 5,000. A unit written on only one end applies to both. Ends in different
 *   units, lower > upper, more than one separator, or a directional qualifier on a range
 *   (余/多, 超, 以上 ...) throw BAD_RANGE. An approximation word on a range ("约300-400万元")
 *   is absorbed and the result is RANGE. Equal ends are accepted.
 * - Counting nouns: a measure word from a closed list (家 个 户 人 名 宗 支 项 座 所 ...),
 *   optionally followed by a Han-character noun of up to 8 characters ("个国家", "个村",
 *   "家企业"). 人, 台, 本, 次 and 人次 take no noun, and nouns containing 币 or ending in 元
 *   are refused, so "5亿人民币" is money and "5亿台币" is not miscounted. The rule is generic:
 *   "2个月" and "3个百分点" come back as counts with countNoun 个月 / 个百分点.
 * - Chinese numerals (一 二 两 三 … 十 百 千 万 亿, and the financial 壹 贰 … 拾 佰 仟) are read
 *   with their units, including the colloquial "三万五" = 35,000. Adjacent digits such as
 *   "三四万" mean "three or four", not 34, and are refused (NOT_A_NUMBER).
 * - Thousands separators (, and ，) are removed only when they group the integer part in
 *   threes; any other comma, or whitespace between two digits, is NOT_A_NUMBER. Whitespace
 *   anywhere else is ignored.
 */
import Decimal from 'decimal.js';

export type Qualifier = 'EXACT' | 'APPROX' | 'OVER' | 'UNDER' | 'AT_LEAST' | 'AT_MOST' | 'RANGE';

export type Unit = 'CNY' | 't' | 'm2' | 'kWh' | 'piece' | 'm' | 'degC' | 'percent' | 'count' | 'hour';

export interface Quantity {
  /** Exact decimal in base units, plain notation (no exponent, no trailing zeros), e.g. '107000000'. */
  amount: string;
  unit: Unit;
  /** For unit 'count': the measure word/noun as written (家, 户, 个国家 ...); otherwise null. */
  countNoun: string | null;
  qualifier: Qualifier;
  /** Exact decimal lower bound in base units; null when open. */
  lower: string | null;
  /** Exact decimal upper bound in base units; null when open. */
  upper: string | null;
  /** The input exactly as given. */
  raw: string;
}

/**
 * Thrown for every input the parser refuses, so that callers can branch on a stable `code`
 * instead of matching message text, and can still show the English message to a curator.
 */
export class QuantityParseError extends Error {
  readonly code: 'EMPTY' | 'NEGATIVE' | 'NOT_A_NUMBER' | 'UNKNOWN_UNIT' | 'BAD_RANGE' | 'YEAR_NOT_QUANTITY';
  /** The offending input exactly as given, kept so that batch loaders can report it. */
  readonly input: string;

  constructor(code: QuantityParseError['code'], input: string, detail: string) {
    super(`Cannot parse quantity ${JSON.stringify(input)}: ${detail}`);
    this.name = 'QuantityParseError';
    this.code = code;
    this.input = input;
  }
}

type ErrorCode = QuantityParseError['code'];

/*
 * A private Decimal constructor, so that the global decimal.js configuration other modules may
 * rely on is left alone. Only multiplication and addition are used (the midpoint is a product
 * with 0.5), which decimal.js performs exactly up to `precision` significant digits; the
 * precision is therefore set to the library maximum, which costs nothing for these operations.
 */
const Dec = Decimal.clone({ precision: 1e9, rounding: Decimal.ROUND_HALF_UP });

interface UnitDef {
  unit: Unit;
  /** Factor from the written unit to the base unit, as an exact decimal string. */
  factor: string;
  countNoun: string | null;
}

function def(unit: Unit, factor = '1'): UnitDef {
  return { unit, factor, countNoun: null };
}

/** Written units (after the multiplier) with an exact conversion to a base unit. */
const UNIT_TABLE: ReadonlyMap<string, UnitDef> = new Map<string, UnitDef>([
  ['元', def('CNY')],
  ['元人民币', def('CNY')],
  ['人民币', def('CNY')],
  ['人民币元', def('CNY')],
  ['块钱', def('CNY')],
  ['吨', def('t')],
  ['公斤', def('t', '0.001')],
  ['千克', def('t', '0.001')],
  ['平方公里', def('m2', '1000000')],
  ['平方千米', def('m2', '1000000')],
  ['公顷', def('m2', '10000')],
  ['平方米', def('m2')],
  ['平米', def('m2')],
  ['㎡', def('m2')],
  ['m²', def('m2')],
  ['千瓦时', def('kWh')],
  ['度', def('kWh')],
  ['kWh', def('kWh')],
  ['块', def('piece')],
  ['米', def('m')],
  ['公里', def('m', '1000')],
  ['千米', def('m', '1000')],
  ['摄氏度', def('degC')],
  ['℃', def('degC')],
  ['°C', def('degC')],
  ['%', def('percent')],
  ['小时', def('hour')],
  ['个小时', def('hour')],
]);

/** Measure words for counted things, longest first so that 人次 wins over 人. */
const MEASURE_WORDS: readonly string[] = [
  '人次',
  '家',
  '个',
  '户',
  '人',
  '名',
  '宗',
  '支',
  '项',
  '座',
  '所',
  '位',
  '次',
  '件',
  '台',
  '辆',
  '套',
  '栋',
  '幢',
  '条',
  '只',
  '批',
  '种',
  '类',
  '款',
  '处',
  '间',
  '张',
  '份',
  '篇',
  '场',
  '届',
  '棵',
  '株',
  '头',
  '艘',
  '架',
  '部',
  '本',
  '枚',
  '对',
  '双',
  '笔',
  '起',
  '例',
  '期',
].sort((a, b) => b.length - a.length);

/**
 * Measure words that must stand alone: each begins common non-count words (人民币, 台币, 本币,
 * 次元 ...), so a noun after them is more likely a misreading than a counted thing.
 */
const BARE_MEASURE_WORDS: ReadonlySet<string> = new Set(['人', '台', '本', '次', '人次']);

const MAX_COUNT_NOUN_LENGTH = 8;

type Direction = Exclude<Qualifier, 'EXACT' | 'RANGE'>;

function byLengthDesc(entries: Array<[string, Direction]>): ReadonlyArray<[string, Direction]> {
  return entries.sort((a, b) => b[0].length - a[0].length);
}

const PREFIX_QUALIFIERS = byLengthDesc([
  ['超过', 'OVER'],
  ['超出', 'OVER'],
  ['多于', 'OVER'],
  ['高于', 'OVER'],
  ['大于', 'OVER'],
  ['超', 'OVER'],
  ['逾', 'OVER'],
  ['大约', 'APPROX'],
  ['近似', 'APPROX'],
  ['大概', 'APPROX'],
  ['约', 'APPROX'],
  ['将近', 'UNDER'],
  ['接近', 'UNDER'],
  ['不到', 'UNDER'],
  ['不足', 'UNDER'],
  ['不满', 'UNDER'],
  ['少于', 'UNDER'],
  ['低于', 'UNDER'],
  ['小于', 'UNDER'],
  ['近', 'UNDER'],
  ['至少', 'AT_LEAST'],
  ['最少', 'AT_LEAST'],
  ['最低', 'AT_LEAST'],
  ['不少于', 'AT_LEAST'],
  ['不低于', 'AT_LEAST'],
  ['至多', 'AT_MOST'],
  ['最多', 'AT_MOST'],
  ['最高', 'AT_MOST'],
  ['不超过', 'AT_MOST'],
  ['不多于', 'AT_MOST'],
  ['不高于', 'AT_MOST'],
]);

const SUFFIX_QUALIFIERS = byLengthDesc([
  ['及以上', 'AT_LEAST'],
  ['以上', 'AT_LEAST'],
  ['及以下', 'AT_MOST'],
  ['以下', 'AT_MOST'],
  ['以内', 'AT_MOST'],
  ['左右', 'APPROX'],
  ['上下', 'APPROX'],
  ['不到', 'UNDER'],
  ['不足', 'UNDER'],
]);

/** Characters folded to ASCII before parsing; full-width digits are handled by code point. */
const CHAR_FOLD: ReadonlyMap<string, string> = new Map([
  ['．', '.'],
  ['，', ','],
  ['％', '%'],
  ['﹪', '%'],
  ['～', '~'],
  ['〜', '~'],
  ['∼', '~'],
  ['－', '-'],
  ['﹣', '-'],
  ['‐', '-'],
  ['‑', '-'],
  ['‒', '-'],
  ['–', '-'],
  ['—', '-'],
  ['―', '-'],
  ['−', '-'],
]);

const CN_DIGITS: Readonly<Record<string, bigint>> = {
  零: 0n,
  〇: 0n,
  一: 1n,
  壹: 1n,
  二: 2n,
  贰: 2n,
  两: 2n,
  三: 3n,
  叁: 3n,
  四: 4n,
  肆: 4n,
  五: 5n,
  伍: 5n,
  六: 6n,
  陆: 6n,
  七: 7n,
  柒: 7n,
  八: 8n,
  捌: 8n,
  九: 9n,
  玖: 9n,
};

const CN_SMALL_UNITS: Readonly<Record<string, bigint>> = {
  十: 10n,
  拾: 10n,
  百: 100n,
  佰: 100n,
  千: 1000n,
  仟: 1000n,
};

const CN_NUMERAL_RUN = /^[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]+/;
const ARABIC_NUMBER = /^\d+(?:\.\d+)?/;
const MULTIPLIER_CHARS = /^[十百千万亿]+/;
const VALID_MULTIPLIER = /^[十百千]?(?:万亿|万|亿)?$/;
const MULTIPLIER_FACTORS: Readonly<Record<string, string>> = {
  十: '10',
  百: '100',
  千: '1000',
  万: '10000',
  亿: '100000000',
};

function fail(code: ErrorCode, input: string, detail: string): never {
  throw new QuantityParseError(code, input, detail);
}

/**
 * Folds full-width and dash variants to ASCII, drops whitespace and thousands separators, and
 * refuses the spacing and comma patterns that would otherwise silently merge two numbers.
 */
function normalize(raw: string): string {
  let folded = '';
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff10 && code <= 0xff19) {
      folded += String.fromCodePoint(code - 0xff10 + 0x30);
    } else {
      folded += CHAR_FOLD.get(ch) ?? ch;
    }
  }
  const trimmed = folded.trim();
  if (trimmed === '') fail('EMPTY', raw, 'the input is empty');
  if (/\d\s+[\d.]|\.\s+\d/.test(trimmed)) {
    fail('NOT_A_NUMBER', raw, 'whitespace splits a number');
  }
  const compact = trimmed.replace(/\s+/g, '');
  const ungrouped = compact.replace(/(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])/g, (m) => m.replace(/,/g, ''));
  if (ungrouped.includes(',')) {
    fail('NOT_A_NUMBER', raw, 'a comma is not a valid thousands separator here');
  }
  return ungrouped;
}

function checkNotNegative(text: string, raw: string): void {
  if (/^(?:-|负|零下)/.test(text)) fail('NEGATIVE', raw, 'negative quantities are not supported');
}

function stripPrefix(text: string): { direction: Direction | null; rest: string } {
  for (const [word, direction] of PREFIX_QUALIFIERS) {
    if (text.startsWith(word)) return { direction, rest: text.slice(word.length) };
  }
  return { direction: null, rest: text };
}

function stripSuffix(text: string): { direction: Direction | null; rest: string } {
  for (const [word, direction] of SUFFIX_QUALIFIERS) {
    if (text.endsWith(word)) return { direction, rest: text.slice(0, -word.length) };
  }
  return { direction: null, rest: text };
}

/**
 * Reads a Chinese numeral written with units (三万五千, 一千零五, 十五); returns null when the
 * characters do not form one, so the caller can try a shorter reading (三千瓦时 is 3 kWh).
 */
function parseChineseNumeral(text: string): bigint | null {
  const chars = [...text];
  let total = 0n; // the part already scaled by 亿
  let wan: bigint | null = null; // the part scaled by 万 within the current 亿 segment
  let section = 0n; // the part below 万
  let digit: bigint | null = null; // a digit waiting for its unit
  let lastSmall = 10000n; // 十/百/千 must decrease within a section
  let prevUnit: bigint | null = null; // the unit just before a trailing digit: 三万五 = 35000
  let seenYi = false;

  const flush = (): bigint => {
    if (digit === null) return 0n;
    return prevUnit !== null && prevUnit > 10n ? (digit * prevUnit) / 10n : digit;
  };

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0n) return null;
      if (d === 0n) prevUnit = null;
      digit = d;
      continue;
    }
    const small = CN_SMALL_UNITS[ch];
    if (small !== undefined) {
      if (small >= lastSmall) return null;
      let coefficient: bigint;
      if (digit !== null && digit !== 0n) coefficient = digit;
      else if (small === 10n && (digit === 0n || (digit === null && i === 0))) coefficient = 1n;
      else return null;
      section += coefficient * small;
      digit = null;
      lastSmall = small;
      prevUnit = small;
      continue;
    }
    if (ch === '万') {
      if (wan !== null) return null;
      const current = section + flush();
      if (current === 0n) return null;
      wan = current * 10000n;
      section = 0n;
      digit = null;
      lastSmall = 10000n;
      prevUnit = 10000n;
      continue;
    }
    if (ch === '亿') {
      if (seenYi) return null;
      const current = (wan ?? 0n) + section + flush();
      if (current === 0n) return null;
      total = current * 100000000n;
      wan = null;
      section = 0n;
      digit = null;
      lastSmall = 10000n;
      prevUnit = 100000000n;
      seenYi = true;
      continue;
    }
    return null;
  }
  return total + (wan ?? 0n) + section + flush();
}

interface NumberReading {
  value: Decimal;
  /** The multiplier as written after the number (万, 亿, 千万 ...); '' when there is none. */
  multiplier: string;
  end: number;
}

/**
 * Reads a Chinese numeral, treating a trailing 万/亿/万亿 as a multiplier (so "三至五万吨"
 * can lend 万 to its lower end just as "3-5万吨" does).
 */
function readChineseNumeral(text: string): { value: Decimal; multiplier: string } | null {
  const split = /^(.*?)([万亿]+)$/.exec(text);
  const head = split?.[1];
  const tail = split?.[2];
  if (head && tail && !/[万亿]/.test(head) && VALID_MULTIPLIER.test(tail)) {
    const headValue = parseChineseNumeral(head);
    if (headValue !== null) {
      return { value: new Dec(headValue.toString()).times(multiplierValue(tail)), multiplier: tail };
    }
  }
  const whole = parseChineseNumeral(text);
  return whole === null ? null : { value: new Dec(whole.toString()), multiplier: '' };
}

function multiplierValue(spec: string): Decimal {
  let factor = new Dec(1);
  for (const ch of spec) factor = factor.times(MULTIPLIER_FACTORS[ch] ?? '1');
  return factor;
}

/** All readings of an explicit multiplier at `pos`, longest first, ending with "none". */
function multiplierOptions(text: string, pos: number): Array<{ spec: string; end: number }> {
  const run = MULTIPLIER_CHARS.exec(text.slice(pos))?.[0] ?? '';
  const options: Array<{ spec: string; end: number }> = [];
  for (let k = run.length; k > 0; k--) {
    const spec = run.slice(0, k);
    if (VALID_MULTIPLIER.test(spec)) options.push({ spec, end: pos + k });
  }
  options.push({ spec: '', end: pos });
  return options;
}

interface Candidate extends NumberReading {
  /** True when 余 or 多 follows the number ("4000余万", "50多个"), meaning "more than". */
  more: boolean;
  /** True when this reading is a bare four-digit integer, i.e. a year if 年 follows. */
  yearLike: boolean;
}

/**
 * Lists the ways the start of a term can be read as a number, longest first; several readings
 * exist because 千 may begin a unit (千瓦时, 千克, 千米) rather than end a multiplier.
 */
function numberCandidates(text: string, raw: string): Candidate[] {
  const bases: Array<NumberReading & { yearLike: boolean; multipliable: boolean }> = [];
  const arabic = ARABIC_NUMBER.exec(text)?.[0];
  if (arabic !== undefined) {
    bases.push({
      value: new Dec(arabic),
      multiplier: '',
      end: arabic.length,
      yearLike: /^\d{4}$/.test(arabic),
      multipliable: true,
    });
  } else {
    const run = CN_NUMERAL_RUN.exec(text)?.[0] ?? '';
    const runChars = [...run];
    if (
      runChars.length === 4 &&
      runChars.every((c) => CN_DIGITS[c] !== undefined) &&
      text.slice(run.length).startsWith('年')
    ) {
      fail('YEAR_NOT_QUANTITY', raw, `"${run}年" is a year, not a quantity`);
    }
    for (let k = runChars.length; k > 0; k--) {
      const prefix = runChars.slice(0, k).join('');
      const reading = readChineseNumeral(prefix);
      if (reading !== null) {
        bases.push({ ...reading, end: prefix.length, yearLike: false, multipliable: false });
      }
    }
  }
  if (bases.length === 0) fail('NOT_A_NUMBER', raw, 'no number was found');

  const candidates: Candidate[] = [];
  for (const base of bases) {
    const firstMultipliers = base.multipliable ? multiplierOptions(text, base.end) : [{ spec: '', end: base.end }];
    for (const m1 of firstMultipliers) {
      const value = base.value.times(multiplierValue(m1.spec));
      const multiplier = base.multiplier + m1.spec;
      const next = text.charAt(m1.end);
      if (next === '余' || next === '多') {
        for (const m2 of multiplierOptions(text, m1.end + 1)) {
          candidates.push({
            value: value.times(multiplierValue(m2.spec)),
            multiplier: multiplier + m2.spec,
            end: m2.end,
            more: true,
            yearLike: false,
          });
        }
      } else {
        candidates.push({
          value,
          multiplier,
          end: m1.end,
          more: false,
          yearLike: base.yearLike && m1.spec === '',
        });
      }
    }
  }
  return candidates;
}

/**
 * Maps the text after the number to a unit; returns null for no unit so that a range end can
 * borrow the other end's unit.
 */
function resolveUnit(unitText: string, raw: string): UnitDef | null {
  if (unitText === '') return null;
  const known = UNIT_TABLE.get(unitText);
  if (known !== undefined) return known;
  if (/^[\d.,]/.test(unitText) || CN_NUMERAL_RUN.test(unitText)) {
    fail('NOT_A_NUMBER', raw, 'the number is malformed');
  }
  if (unitText === '亩' || unitText.endsWith('亩')) {
    fail('UNKNOWN_UNIT', raw, '亩 (2000/3 m²) has no exact decimal conversion and is not supported');
  }
  for (const word of MEASURE_WORDS) {
    if (!unitText.startsWith(word)) continue;
    const noun = unitText.slice(word.length);
    if (noun === '') return { unit: 'count', factor: '1', countNoun: unitText };
    if (
      !BARE_MEASURE_WORDS.has(word) &&
      noun.length <= MAX_COUNT_NOUN_LENGTH &&
      /^\p{Script=Han}+$/u.test(noun) &&
      !noun.includes('币') &&
      !noun.endsWith('元')
    ) {
      return { unit: 'count', factor: '1', countNoun: unitText };
    }
    break;
  }
  return fail('UNKNOWN_UNIT', raw, `unknown unit "${unitText}"`);
}

interface Term {
  /** The written number times its multiplier, still in the written unit. */
  value: Decimal;
  /** The multiplier as written (万, 千万 ...); '' when there is none. */
  multiplier: string;
  more: boolean;
  unit: UnitDef | null;
}

/**
 * Parses one number with its multiplier and unit, trying the longest reading first and falling
 * back to shorter ones only when the unit that remains would not be recognised.
 */
function parseTerm(text: string, raw: string): Term {
  checkNotNegative(text, raw);
  if (text === '') fail('NOT_A_NUMBER', raw, 'no number was found');
  const percentWords = text.startsWith('百分之');
  const numberText = percentWords ? text.slice(3) : text;
  let firstError: QuantityParseError | null = null;
  for (const candidate of numberCandidates(numberText, raw)) {
    const unitText = numberText.slice(candidate.end);
    if (candidate.yearLike && unitText.startsWith('年')) {
      fail('YEAR_NOT_QUANTITY', raw, `"${numberText.slice(0, candidate.end)}年" is a year, not a quantity`);
    }
    try {
      let unit: UnitDef | null;
      if (percentWords) {
        if (unitText !== '') fail('UNKNOWN_UNIT', raw, `unexpected "${unitText}" after 百分之`);
        unit = def('percent');
      } else {
        unit = resolveUnit(unitText, raw);
      }
      return { value: candidate.value, multiplier: candidate.multiplier, more: candidate.more, unit };
    } catch (error) {
      if (!(error instanceof QuantityParseError)) throw error;
      firstError ??= error;
    }
  }
  if (firstError !== null) throw firstError;
  return fail('NOT_A_NUMBER', raw, 'no number was found');
}

const RANGE_SEPARATOR = /-+|~|至|到/;

/**
 * Reduces the qualifier words found around a single value to one qualifier, refusing pairs
 * that bound the value from opposite sides.
 */
function resolveDirection(found: Direction[], raw: string): Qualifier {
  const set = new Set(found);
  const lowerSide = set.has('OVER') ? 'OVER' : set.has('AT_LEAST') ? 'AT_LEAST' : null;
  const upperSide = set.has('UNDER') ? 'UNDER' : set.has('AT_MOST') ? 'AT_MOST' : null;
  if (lowerSide !== null && upperSide !== null) {
    fail('BAD_RANGE', raw, 'qualifiers bound the value from both sides');
  }
  return lowerSide ?? upperSide ?? (set.has('APPROX') ? 'APPROX' : 'EXACT');
}

function plain(value: Decimal): string {
  return value.toFixed();
}

function sameUnit(a: UnitDef, b: UnitDef): boolean {
  return a.unit === b.unit && a.countNoun === b.countNoun;
}

/**
 * Parses a figure as Chinese newspapers print it into an exact Quantity in base units; it
 * throws instead of guessing, because a wrong figure in the graph is worse than a missing one.
 */
export function parseQuantity(raw: string): Quantity {
  if (typeof raw !== 'string') {
    throw new QuantityParseError('NOT_A_NUMBER', String(raw), 'the input is not a string');
  }
  const text = normalize(raw);
  checkNotNegative(text, raw);
  const prefix = stripPrefix(text);
  const suffix = stripSuffix(prefix.rest);
  const body = suffix.rest;
  const directions: Direction[] = [];
  if (prefix.direction !== null) directions.push(prefix.direction);
  if (suffix.direction !== null) directions.push(suffix.direction);

  const separator = RANGE_SEPARATOR.exec(body.slice(1));
  if (separator === null) {
    const term = parseTerm(body, raw);
    if (term.unit === null) fail('UNKNOWN_UNIT', raw, 'the figure has no unit');
    if (term.more) directions.push('OVER');
    const value = plain(term.value.times(term.unit.factor));
    const qualifier = resolveDirection(directions, raw);
    const hasLower = qualifier === 'EXACT' || qualifier === 'OVER' || qualifier === 'AT_LEAST';
    const hasUpper = qualifier === 'EXACT' || qualifier === 'UNDER' || qualifier === 'AT_MOST';
    return {
      amount: value,
      unit: term.unit.unit,
      countNoun: term.unit.countNoun,
      qualifier,
      lower: hasLower ? value : null,
      upper: hasUpper ? value : null,
      raw,
    };
  }

  const splitAt = separator.index + 1;
  const left = body.slice(0, splitAt);
  const right = body.slice(splitAt + separator[0].length);
  checkNotNegative(right, raw);
  if (RANGE_SEPARATOR.test(right)) fail('BAD_RANGE', raw, 'more than one range separator');
  if (directions.some((d) => d !== 'APPROX')) {
    fail('BAD_RANGE', raw, 'a range cannot also carry a one-sided qualifier');
  }
  const low = parseTerm(left, raw);
  const high = parseTerm(right, raw);
  if (low.more || high.more) fail('BAD_RANGE', raw, '余/多 cannot qualify an end of a range');
  const unit = high.unit ?? low.unit;
  if (unit === null) fail('UNKNOWN_UNIT', raw, 'the range has no unit');
  if (low.unit !== null && high.unit !== null && !sameUnit(low.unit, high.unit)) {
    fail('BAD_RANGE', raw, 'the two ends of the range use different units');
  }
  let lowValue = low.value;
  if (
    low.unit === null &&
    high.multiplier.length > low.multiplier.length &&
    high.multiplier.startsWith(low.multiplier)
  ) {
    lowValue = lowValue.times(multiplierValue(high.multiplier.slice(low.multiplier.length)));
  }
  const lower = lowValue.times((low.unit ?? unit).factor);
  const upper = high.value.times(unit.factor);
  if (lower.greaterThan(upper)) {
    fail('BAD_RANGE', raw, `the lower end ${plain(lower)} exceeds the upper end ${plain(upper)}`);
  }
  return {
    amount: plain(lower.plus(upper).times('0.5')),
    unit: unit.unit,
    countNoun: unit.countNoun,
    qualifier: 'RANGE',
    lower: plain(lower),
    upper: plain(upper),
    raw,
  };
}

/**
 * Parses a figure that must be money, so that a misplaced tonnage or area can never be stored
 * as an investment amount.
 */
export function parseMoney(raw: string): Quantity {
  const quantity = parseQuantity(raw);
  if (quantity.unit !== 'CNY') {
    fail('UNKNOWN_UNIT', raw, `expected an amount of money (元) but found unit ${quantity.unit}`);
  }
  return quantity;
}

/**
 * Parses a figure when an unparseable one is an expected, non-exceptional outcome (for example
 * while scanning free text); only QuantityParseError is swallowed, so genuine bugs still surface.
 */
export function tryParseQuantity(raw: string): Quantity | null {
  try {
    return parseQuantity(raw);
  } catch (error) {
    if (error instanceof QuantityParseError) return null;
    throw error;
  }
}

const UNIT_LABELS: Readonly<Record<Unit, string>> = {
  CNY: ' CNY',
  t: ' t',
  m2: ' m²',
  kWh: ' kWh',
  piece: ' pieces',
  m: ' m',
  degC: ' °C',
  percent: '%',
  count: '',
  hour: ' h',
};

const QUALIFIER_WORDS: Readonly<Record<Exclude<Qualifier, 'RANGE'>, string>> = {
  EXACT: '',
  APPROX: 'about ',
  OVER: 'over ',
  UNDER: 'under ',
  AT_LEAST: 'at least ',
  AT_MOST: 'at most ',
};

function groupThousands(value: string): string {
  const [integer = '', fraction] = value.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * Renders a Quantity in short English for explanations shown to people, who read
 * "over 40,000,000 CNY" faster than a qualifier code and two bounds.
 */
export function formatQuantity(q: Quantity): string {
  const label = q.unit === 'count' ? ` ${q.countNoun ?? 'items'}` : UNIT_LABELS[q.unit];
  if (q.qualifier === 'RANGE' && q.lower !== null && q.upper !== null) {
    return `${groupThousands(q.lower)}–${groupThousands(q.upper)}${label}`;
  }
  const word = q.qualifier === 'RANGE' ? 'about ' : QUALIFIER_WORDS[q.qualifier];
  return `${word}${groupThousands(q.amount)}${label}`;
}
