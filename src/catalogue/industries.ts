import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/cypher';

/**
 * How the catalogue's 主导产业 terms (装备制造, 农副产品加工, 汽车及零部件, ...: 1,075 distinct
 * terms) become industry codes of data/seed/industries.json. The rules are data, in
 * data/china-zones-2018/industry-terms.json: each entry gives keywords and the codes each
 * keyword stands for. A term is read left to right, taking at each place the longest keyword
 * that starts there (汽车零部件 before 汽车), and gets every code its keywords stand for:
 * 生物医药 is pharmaceuticals-and-health and biotechnology, 机械电子 machinery and
 * electronic-information. A keyword with no codes (零部件, 配件) only stops a shorter keyword
 * from reading into it. A term no keyword matches (在建, 加工制造, 服务) has no code: the
 * loader keeps it, as printed, and flags it.
 */

export const INDUSTRY_TERMS_FILE = path.join(PROJECT_ROOT, 'data', 'china-zones-2018', 'industry-terms.json');

export interface IndustryTermRule {
  readonly codes: readonly string[];
  readonly keywords: readonly string[];
}

export interface TermMapping {
  /** The term as printed. */
  readonly term: string;
  /** Codes, in the order their keywords occur; empty when no keyword matched. */
  readonly codes: string[];
  /** The keywords read in the term, for the report. */
  readonly keywords: string[];
  /** The term ends in stray punctuation the source printed (食品.); it is read without it. */
  readonly strayPunctuation: boolean;
}

let table: Map<string, readonly string[]> | null = null;
let longest = 0;

/** The keyword table, read once per process. */
export function industryKeywords(): ReadonlyMap<string, readonly string[]> {
  if (table === null) {
    const rules = JSON.parse(fs.readFileSync(INDUSTRY_TERMS_FILE, 'utf8')) as IndustryTermRule[];
    const built = new Map<string, readonly string[]>();
    for (const rule of rules) {
      for (const keyword of rule.keywords) {
        if (built.has(keyword)) throw new Error(`industry-terms.json lists "${keyword}" twice`);
        built.set(keyword, rule.codes);
        longest = Math.max(longest, keyword.length);
      }
    }
    table = built;
  }
  return table;
}

const STRAY = /[.。,，;；:：、\s]+$/u;

/** Maps one 主导产业 term to industry codes by the longest-keyword rule above. */
export function mapIndustryTerm(term: string): TermMapping {
  const keywords = industryKeywords();
  const text = term.replace(STRAY, '');
  const codes: string[] = [];
  const read: string[] = [];
  for (let at = 0; at < text.length;) {
    let found: string | undefined;
    for (let length = Math.min(longest, text.length - at); length > 0; length -= 1) {
      const candidate = text.slice(at, at + length);
      if (keywords.has(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found === undefined) {
      at += 1;
      continue;
    }
    read.push(found);
    for (const code of keywords.get(found) ?? []) if (!codes.includes(code)) codes.push(code);
    at += found.length;
  }
  return { term, codes, keywords: read, strayPunctuation: text !== term };
}
