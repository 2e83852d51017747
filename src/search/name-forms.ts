import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/**
 * A script converter that remembers its recent answers: an ingest converts each name about ten
 * times (validation, planning, name claims), and OpenCC's conversion was a tenth of the time a
 * large batch spent in Node. The memory is bounded: it starts over after MEMO_SIZE names.
 */
const MEMO_SIZE = 100_000;

function remembered(convert: (text: string) => string): (text: string) => string {
  const memo = new Map<string, string>();
  return (text) => {
    let converted = memo.get(text);
    if (converted === undefined) {
      converted = convert(text);
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(text, converted);
    }
    return converted;
  };
}
const toTraditional = remembered(OpenCC.Converter({ from: 'cn', to: 'tw' }));
const toSimplified = remembered(OpenCC.Converter({ from: 'tw', to: 'cn' }));

/**
 * The forms of a name in either script (as written, simplified, traditional): 中國銀行 and
 * 中国银行 are one name, so two entities may not hold them apart.
 */
export function scriptForms(name: string): string[] {
  return [...new Set([name, toSimplified(name), toTraditional(name)])];
}

/** The key two names share when they differ only in script. */
export function scriptKey(name: string): string {
  return toSimplified(name);
}

/**
 * The standard short forms of zone types, longest first: a zone is found by the short name
 * people use (太原经开区) even where its source prints only the full name (太原经济技术开发区).
 * docs/domain-model.md lists them; each rule replaces every occurrence in a name.
 */
export const ABBREVIATION_RULES: readonly (readonly [full: string, short: string])[] = [
  ['高新技术产业开发区', '高新区'],
  ['高新技术产业园区', '高新区'],
  ['经济技术开发区', '经开区'],
  ['经济开发区', '经开区'],
  ['综合保税区', '综保区'],
  ['工业园区', '工业园'],
];

/** The name with every abbreviation rule applied (in its simplified form), or null when none applies. */
export function abbreviate(name: string): string | null {
  const simplified = toSimplified(name);
  let short = simplified;
  for (const [full, abbreviation] of ABBREVIATION_RULES) short = short.split(full).join(abbreviation);
  return short === simplified ? null : short;
}

/** The derived name forms stored on every entity and indexed for search. */
export interface NameForms {
  /** Short forms by ABBREVIATION_RULES (上党经开区) that are not already a name or alias. */
  readonly abbreviations: string[];
  /** Traditional-script forms of the names, aliases and abbreviations that differ from the simplified ones. */
  readonly traditionalNames: string[];
  /** Pinyin without tones, both spaced ("shang dang jing kai qu") and joined ("shangdangjingkaiqu"). */
  readonly pinyinNames: string[];
  /** Pinyin initials ("sdjkq"). */
  readonly initials: string[];
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}

/** The last name read into pinyin: the planner asks for a name's search forms and its sort key in turn. */
let lastPinyin: { text: string; syllables: readonly string[] } | null = null;

/** Pinyin syllables of the Han characters in `text`, lowercase and without tones. */
export function pinyinSyllables(text: string): string[] {
  if (lastPinyin?.text === text) return [...lastPinyin.syllables];
  const hanOnly = [...text].filter((char) => HAN.test(char)).join('');
  const syllables =
    hanOnly === ''
      ? []
      : pinyin(hanOnly, { toneType: 'none', type: 'array', v: true }).map((syllable) => syllable.toLowerCase());
  lastPinyin = { text, syllables };
  return [...syllables];
}

/**
 * Derives the search forms of a name and its aliases with well-kept libraries (pinyin-pro
 * for pinyin, opencc-js for traditional characters), so users can find 上党经开区 by typing
 * 上黨, shangdang or sdjkq; and the abbreviated forms of zone types (ABBREVIATION_RULES), which
 * get their own pinyin, initials and traditional forms, so 太原经济技术开发区 is found by 太原经开区
 * and tyjkq too.
 */
export function deriveNameForms(names: readonly string[]): NameForms {
  const given = new Set(names.map(scriptKey));
  const abbreviations = unique(
    names.map(abbreviate).filter((short): short is string => short !== null && !given.has(scriptKey(short))),
  );
  const hanNames = [...names, ...abbreviations].filter((name) => HAN.test(name));
  const traditionalNames = unique(
    hanNames.map((name) => toTraditional(name)).filter((t) => !names.includes(t) && !abbreviations.includes(t)),
  );
  const pinyinNames: string[] = [];
  const initials: string[] = [];
  for (const name of hanNames) {
    const syllables = pinyinSyllables(name);
    if (syllables.length === 0) continue;
    pinyinNames.push(syllables.join(' '), syllables.join(''));
    initials.push(syllables.map((syllable) => syllable.charAt(0)).join(''));
  }
  return { abbreviations, traditionalNames, pinyinNames: unique(pinyinNames), initials: unique(initials) };
}

/**
 * The key lists are sorted by: pinyin for Han names (the order Chinese readers expect), then
 * the name itself so that homophones keep a stable order.
 */
export function sortKey(name: string): string {
  const syllables = pinyinSyllables(name);
  return `${syllables.length > 0 ? syllables.join(' ') : name.toLowerCase()}\u0000${name}`;
}
