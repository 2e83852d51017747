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

/** The derived name forms stored on every entity and indexed for search. */
export interface NameForms {
  /** Traditional-script forms of the name and aliases that differ from the simplified ones. */
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
 * 上黨, shangdang or sdjkq.
 */
export function deriveNameForms(names: readonly string[]): NameForms {
  const hanNames = names.filter((name) => HAN.test(name));
  const traditionalNames = unique(hanNames.map((name) => toTraditional(name)).filter((t) => !names.includes(t)));
  const pinyinNames: string[] = [];
  const initials: string[] = [];
  for (const name of hanNames) {
    const syllables = pinyinSyllables(name);
    if (syllables.length === 0) continue;
    pinyinNames.push(syllables.join(' '), syllables.join(''));
    initials.push(syllables.map((syllable) => syllable.charAt(0)).join(''));
  }
  return { traditionalNames, pinyinNames: unique(pinyinNames), initials: unique(initials) };
}

/**
 * The key lists are sorted by: pinyin for Han names (the order Chinese readers expect), then
 * the name itself so that homophones keep a stable order.
 */
export function sortKey(name: string): string {
  const syllables = pinyinSyllables(name);
  return `${syllables.length > 0 ? syllables.join(' ') : name.toLowerCase()}\u0000${name}`;
}
