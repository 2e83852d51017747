import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

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

/** Pinyin syllables of the Han characters in `text`, lowercase and without tones. */
export function pinyinSyllables(text: string): string[] {
  const hanOnly = [...text].filter((char) => HAN.test(char)).join('');
  if (hanOnly === '') return [];
  return pinyin(hanOnly, { toneType: 'none', type: 'array', v: true }).map((syllable) => syllable.toLowerCase());
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
