import type { EntityInput, RelationInput, SourceInput } from '../src/ingest/types';
import type { FullBatch } from './synthetic';

/**
 * A graph shaped around hubs, for the analytics and search cost tests and the hub benchmark:
 * one bank that finances `clients` firms, one zone that hosts all of them, in one city of one
 * province, and a few rare links. Ids contain `prefix`, so a test finds and deletes exactly
 * what it wrote; names contain a Han rendering of it, so two fixtures never claim one name.
 *
 *   bank:P-hub      FINANCED_BY ← every firm enterprise:P-0 … P-(clients-1)
 *   zone:P-zone     HOSTS → every firm; LOCATED_IN → region:P-city PART_OF → region:P-province
 *   project:P-rare  DEVELOPS ← firm 0 and firm 1 only (a partner shared by two)
 *   project:P-group-k  DEVELOPS ← firms 10k … 10k+9 (shared by ten)
 *   bank:P-small    FINANCED_BY ← firms 0, 2, 3 (a lender of three)
 *   university:P-lab  PARTNERED_WITH firm 0 and firm 2
 *
 * Firm names all start with 安百 (`安百<tag>第<i>号`), so a search for 安百 has `clients`
 * matches; one firm is named exactly `安百<tag>` and one holds it inside (`华安百<tag>`).
 */
export function hubBatch(prefix: string, clients: number): FullBatch {
  const tag = hanTag(prefix);
  const article = articleBuilder(prefix, `枢纽测试稿件${tag}`);
  const { entity, relate } = article;

  const province = entity(`region:${prefix}-province`, 'REGION', `${tag}省`);
  const city = entity(`region:${prefix}-city`, 'REGION', `${tag}市`);
  const zone = entity(`zone:${prefix}-zone`, 'ZONE', `${tag}经济技术开发区`);
  const hub = entity(`bank:${prefix}-hub`, 'BANK', `${tag}大银行`);
  const small = entity(`bank:${prefix}-small`, 'BANK', `${tag}小银行`);
  const lab = entity(`university:${prefix}-lab`, 'UNIVERSITY', `${tag}研究院`);
  const rare = entity(`project:${prefix}-rare`, 'PROJECT', `${tag}独家项目`);
  relate('PART_OF', city, province, `${tag}市隶属${tag}省`);
  relate('LOCATED_IN', zone, city, `${tag}经济技术开发区位于${tag}市`);

  const firm = (i: number): string => `enterprise:${prefix}-${i}`;
  const firmName = (i: number): string => (i === 0 ? `安百${tag}` : i === 1 ? `华安百${tag}` : `安百${tag}第${i}号`);
  for (let i = 0; i < clients; i += 1) {
    entity(firm(i), 'ENTERPRISE', firmName(i), { industries: i % 2 === 0 ? ['quinoa'] : [] });
    relate('FINANCED_BY', firm(i), hub, `${tag}大银行为${firmName(i)}提供贷款`);
    relate('HOSTS', zone, firm(i), `${tag}经济技术开发区引进${firmName(i)}`);
  }
  for (let group = 0; group * 10 < clients; group += 1) {
    const project = entity(`project:${prefix}-group-${group}`, 'PROJECT', `${tag}第${group}组项目`);
    for (let i = group * 10; i < Math.min(clients, group * 10 + 10); i += 1) {
      relate('DEVELOPS', firm(i), project, `${firmName(i)}参与${tag}第${group}组项目`);
    }
  }
  for (const i of [0, 1].filter((i) => i < clients)) {
    relate('DEVELOPS', firm(i), rare, `${firmName(i)}建设${tag}独家项目`);
  }
  for (const i of [0, 2, 3].filter((i) => i < clients)) {
    relate('FINANCED_BY', firm(i), small, `${tag}小银行为${firmName(i)}提供贷款`);
  }
  for (const i of [0, 2].filter((i) => i < clients)) {
    relate('PARTNERED_WITH', firm(i), lab, `${firmName(i)}与${tag}研究院合作`);
  }
  return article.batch();
}

type Evidence = { source: string; paragraph: number; start: number; end: number; quote: string };

/**
 * Builds a synthetic article and the batch it grounds: every entity is named on a line of its
 * own and every relation is a line, so each record has verbatim evidence with exact offsets.
 */
export function articleBuilder(
  prefix: string,
  title: string,
): {
  entity: (id: string, kind: EntityInput['kind'], name: string, extra?: Partial<EntityInput>) => string;
  relate: (type: RelationInput['type'], from: string, to: string, text: string) => void;
  batch: () => FullBatch;
} {
  const sourceId = `source:${prefix}`;
  const lines: string[] = [];
  let offset = 0;
  const line = (text: string, quote = text): Evidence => {
    const start = offset + text.indexOf(quote);
    const evidence = { source: sourceId, paragraph: lines.length, start, end: start + quote.length, quote };
    lines.push(text);
    offset += text.length + 1;
    return evidence;
  };
  const entities: EntityInput[] = [];
  const relations: RelationInput[] = [];
  return {
    entity: (id, kind, name, extra = {}) => {
      entities.push({ id, kind, name, evidence: [line(`${name}。`, name)], ...extra });
      return id;
    },
    relate: (type, from, to, text) => {
      relations.push({ type, from, to, evidence: [line(text)] });
    },
    batch: () => {
      const source: SourceInput = {
        id: sourceId,
        title,
        publisher: 'zonegraph tests',
        kind: 'ARTICLE',
        text: lines.join('\n'),
      };
      return { sources: [source], entities, relations };
    },
  };
}

const HAN_DIGITS = '零一二三四五六七八九';
const HAN_LETTERS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃';

/** The prefix in Han characters (one per ASCII character), so names of two fixtures differ. */
export function hanTag(prefix: string): string {
  return [...prefix]
    .map((char) => {
      if (/[0-9]/.test(char)) return HAN_DIGITS[Number(char)];
      const code = char.toLowerCase().charCodeAt(0) - 97;
      return code >= 0 && code < 26 ? HAN_LETTERS[code] : '';
    })
    .join('');
}
