import type { EntityKindName } from '../domain/vocabulary';
import { nameVariants } from '../entities/entity.resolver';
import type { NameVariant } from '../entities/entity.types';
import type { EntityRecord } from '../entities/records';
import { PAIRED_HAN } from './search-cells';
import { normalise } from './search-keys';

export { normalise } from './search-keys';

const HAN = /\p{Script=Han}/u;
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** The score below which a candidate is not returned (see docs/api.md, "Search scoring"). */
export const SCORE_FLOOR = 0.75;

/** Escapes every Lucene query-syntax character, so user text is always matched as text. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (char) => `\\${char}`);
}

/** Latin queries of at least this length are also searched inside longer forms (`yinhang` in `zhongguoyinhang`). */
export const INFIX_MIN_LENGTH = 3;

export interface SearchQueries {
  /** The query normalised as the stored forms are (src/search/search-keys.ts). */
  readonly normalised: string;
  /** Full-text query for the forms that equal or start with it: one term prefix over `entity_search_keys`. */
  readonly prefix: string;
  /**
   * Where to look for forms that contain it: for two or more Chinese characters, the forms whose
   * character pairs (bigrams, `entity_search_cells`) hold the query's in sequence; a wildcard
   * over the whole forms for other Han text and from three Latin letters on; for shorter Latin
   * text, the forms with a word that starts with it (`c` finds 神池县, Shenchi County), through the
   * standard-analyzer index. `scored` says whether the lookup's Lucene score ranks within a tier:
   * a wildcard scores every hit 1, and the bigram lookup stands in for the wildcard, so it
   * scores as the wildcard did (the same answers, ranked the same).
   */
  readonly contains: {
    readonly index: 'entity_search_keys' | 'entity_search_cells' | 'entity_names_std';
    readonly query: string;
    readonly scored: boolean;
  };
}

/**
 * Chinese characters the `cjk` analyzer pairs into bigrams (CJK Unified Ideographs and Extension
 * A): a query made only of these, two or more, is found in the bigram index. Other Han text
 * (a lone character, the rarer extensions, 〇) goes through the wildcard.
 */
const BIGRAM_HAN = new RegExp(`^[${PAIRED_HAN}]{2,}$`, 'u');

/**
 * The queries for a search string. The `entity_search_keys` index holds whole normalised name
 * forms, so a form equal to the query or starting with it is one prefix lookup; forms that
 * contain it are looked up only when the first two tiers do not fill the page
 * (read/search.cypher). Returns null when nothing searchable (no letter or digit) is left.
 */
export function searchQueries(query: string): SearchQueries | null {
  const normalised = normalise(query);
  if (!/[\p{L}\p{N}]/u.test(normalised)) return null;
  const escaped = escapeLucene(normalised);
  if (BIGRAM_HAN.test(normalised)) {
    // A phrase of the query's bigrams: every form that contains the query holds them in sequence
    // (the statement then keeps only the forms that really contain it). One term lookup per
    // bigram, where the wildcard reads every form in the index. The index also holds the search
    // cells (src/search/search-cells.ts), so a common term is read a score range at a time.
    return {
      normalised,
      prefix: `${escaped}*`,
      contains: { index: 'entity_search_cells', query: `searchKeys:"${escaped}"`, scored: false },
    };
  }
  if (HAN.test(normalised) || [...normalised].length >= INFIX_MIN_LENGTH) {
    return {
      normalised,
      prefix: `${escaped}*`,
      contains: { index: 'entity_search_keys', query: `*${escaped}*`, scored: false },
    };
  }
  // Short Latin text: every word typed is a word prefix (`j l` finds jing le), or the words
  // written together are one.
  // Each word normalised as the stored forms are (composed again after the marks are
  // stripped: a Hangul syllable stays one letter, not its decomposed jamo).
  const words = query
    .normalize('NFKC')
    .split(/\s+/u)
    .map((word) => normalise(word).replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word !== '');
  const joined = escapeLucene(words.join(''));
  const clauses = [
    ...(words.length > 1 ? [`(${words.map((word) => `+${escapeLucene(word)}*`).join(' ')})`] : []),
    `${joined}*`,
  ];
  return {
    normalised,
    prefix: `${escaped}*`,
    contains: { index: 'entity_names_std', query: clauses.join(' '), scored: true },
  };
}

export interface RankedHit {
  readonly entity: EntityRecord;
  readonly score: number;
  readonly matched: NameVariant;
}

/**
 * Among equally good matches, what a reader of a page about zones most likely means: the zone
 * or the place first, then the actors, then the bureaus and documents named after a place
 * (平遥 is 平遥县 or 平遥经济技术开发区 before 平遥县审批局). The statement reads it as a parameter.
 */
export const KIND_PRIORITY: Readonly<Record<EntityKindName, number>> = {
  ZONE: 1,
  REGION: 1,
  PARK: 0.6,
  ENTERPRISE: 0.5,
  BANK: 0.5,
  UNIVERSITY: 0.5,
  PROJECT: 0.5,
  FUNDING_INSTRUMENT: 0.3,
  POLICY: 0.3,
  PERSON: 0.3,
  SOURCE: 0.2,
  GOVERNMENT_BODY: 0.2,
};

/**
 * The name form a hit matched through: the variant whose normalised text is the key the
 * statement ranked by (the shortest form that equals, starts with or contains the query). The
 * canonical name when no variant has that key (a key stored before its entity was last written).
 */
export function matchedVariant(entity: EntityRecord, key: string): NameVariant {
  const variants = nameVariants(entity);
  return variants.find((variant) => normalise(variant.text) === key) ?? (variants[0] as NameVariant);
}
