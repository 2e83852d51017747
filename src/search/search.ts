import type { EntityKindName } from '../domain/vocabulary';
import type { EntityRecord } from '../entities/records';
import { nameVariants } from '../entities/entity.resolver';
import type { NameVariant } from '../entities/entity.types';

const HAN = /\p{Script=Han}/u;
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** The score below which a candidate is not returned (see README, "Search scoring"). */
export const SCORE_FLOOR = 0.75;

/** Escapes every Lucene query-syntax character, so user text is always matched as text. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (char) => `\\${char}`);
}

/**
 * NFKC (full-width to half-width), tone marks and other combining marks removed (shàngdǎng is
 * shangdang), lowercase, no whitespace: the form names are compared in.
 */
export function normalise(text: string): string {
  return stripMarks(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, '');
}

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** Latin words of at least this length are also searched inside longer terms (`*yinhang*`). */
const INFIX_MIN_LENGTH = 3;

export interface LuceneQueries {
  readonly cjk: string;
  readonly std: string;
}

/**
 * Builds the two full-text queries for a search string. Han text is searched as a phrase in
 * both indexes (bigrams in `cjk`, consecutive single characters in the standard index, which is
 * what makes a one-character query work). Latin text (tone marks dropped) matches when every
 * word is a term prefix (`shangdang` finds the joined pinyin `shangdangjingkaiqu`, `sdj` the
 * initials `sdjkq`), or when the words written together are a prefix of a term or, from three
 * letters, lie inside one (`yinhang` finds `zhongguoyinhang`, `jing le` the English `Jingle`).
 * Returns null when nothing searchable is left.
 */
export function luceneQueries(query: string): LuceneQueries | null {
  const text = query.normalize('NFKC').trim();
  if (text === '') return null;
  if (HAN.test(text)) {
    const phrase = `"${escapeLucene(text.replace(/\s+/gu, ''))}"`;
    return { cjk: phrase, std: phrase };
  }
  const words = stripMarks(text)
    .toLowerCase()
    .split(/\s+/u)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word !== '');
  if (words.length === 0) return null;
  const joined = escapeLucene(words.join(''));
  const clauses = [
    ...(words.length > 1 ? [`(${words.map((word) => `+${escapeLucene(word)}*`).join(' ')})`] : []),
    `${joined}*`,
    ...(words.join('').length >= INFIX_MIN_LENGTH ? [`*${joined}*`] : []),
  ];
  const clause = clauses.join(' ');
  return { cjk: clause, std: clause };
}

export interface RankedHit {
  readonly entity: EntityRecord;
  readonly score: number;
  readonly matched: NameVariant;
}

/**
 * Among equally good matches, what a reader of a page about zones most likely means: the zone
 * or the place first, then the actors, then the bureaus and documents named after a place
 * (平遥 is 平遥县 or 平遥经济技术开发区 before 平遥县审批局).
 */
const KIND_PRIORITY: Readonly<Record<EntityKindName, number>> = {
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
 * Scores a candidate by how its best name form matches the query: 1.0 when a form equals it,
 * 0.9 when a form starts with it, 0.75 when a form contains it, plus a tie-breaker under 0.05:
 * how much of that form the query covers (`pingyao` is more of 平遥县 than of 平遥县财政局),
 * the kind (KIND_PRIORITY), and a little the Lucene score. Candidates with no form containing the query score 0
 * and fall below the floor: a name that is not in the graph returns nothing rather than a weak
 * wrong hit.
 */
export function rank(query: string, entity: EntityRecord, luceneScore: number): RankedHit | null {
  const q = normalise(query);
  let best: { score: number; coverage: number; matched: NameVariant } | null = null;
  for (const variant of nameVariants(entity)) {
    const form = normalise(variant.text);
    const score = form === q ? 1 : form.startsWith(q) ? 0.9 : form.includes(q) ? 0.75 : 0;
    const coverage = score > 0 ? [...q].length / [...form].length : 0;
    if (score > 0 && (best === null || score > best.score || (score === best.score && coverage > best.coverage))) {
      best = { score, coverage, matched: variant };
    }
  }
  if (best === null || best.score < SCORE_FLOOR) return null;
  const tieBreak =
    0.03 * best.coverage + 0.015 * KIND_PRIORITY[entity.kind] + 0.004 * (luceneScore / (1 + luceneScore));
  return { entity, score: Math.round((best.score + tieBreak) * 10000) / 10000, matched: best.matched };
}
