import type { EntityInput, IngestBatch, RelationInput, SourceInput } from '../../src/ingest/types';

/**
 * A small graph with the shapes lists and connections must page correctly, written through the
 * ingest path by the tests that use it. Every id and name carries `run`, so a test finds (and
 * deletes) exactly what it wrote, and a `nameContains: run` filter isolates its lists.
 *
 * - a zone with a park (PART_OF it) and `firms` firms: a third HOSTED by the zone, a third
 *   LOCATED_IN it, a third hosted by the park; firm 0 is both hosted and located in the zone
 *   (two links, one member);
 * - a bank that finances every firm (a hub of FINANCED_BY relations);
 * - `projects` projects with a stated total investment (1亿元, 2亿元, …; every fourth has none),
 *   developed by the zone or hosted by the park;
 * - PARTNERED_WITH between neighbouring firms.
 */
export interface KeysetFixture {
  readonly batch: IngestBatch;
  readonly zone: string;
  readonly park: string;
  readonly bank: string;
  readonly source: string;
  readonly firms: string[];
  readonly projects: string[];
  /** Total investment in 亿元 by project id (absent: none stated). */
  readonly investment: ReadonlyMap<string, number>;
}

export function keysetFixture(run: string, counts: { firms: number; projects: number }): KeysetFixture {
  const tag = run.replace(/[^a-z0-9]/g, '');
  const source = `source:keyset-${tag}`;
  const zone = `zone:keyset-${tag}`;
  const park = `park:keyset-${tag}`;
  const bank = `bank:keyset-${tag}`;
  const lines: string[] = [];
  let offset = 0;
  const say = (line: string) => {
    const spans = { line, at: offset };
    lines.push(line);
    offset += line.length + 1;
    return spans;
  };
  const spanOf = (said: { line: string; at: number }, quote = said.line) => {
    const start = said.at + said.line.indexOf(quote);
    return { source, start, end: start + quote.length, quote };
  };

  const entities: EntityInput[] = [];
  const relations: RelationInput[] = [];
  const entity = (id: string, kind: EntityInput['kind'], name: string, extra: Partial<EntityInput> = {}) => {
    const said = say(`${name}见于本稿。`);
    entities.push({ id, kind, name, evidence: [spanOf(said, name)], ...extra });
  };
  const relate = (type: RelationInput['type'], from: string, to: string, text: string, key?: string) => {
    const said = say(text);
    relations.push({ type, from, to, evidence: [spanOf(said)], ...(key === undefined ? {} : { key }) });
  };

  entity(zone, 'ZONE', `键集测试区${tag}`);
  entity(park, 'PARK', `键集测试园${tag}`);
  entity(bank, 'BANK', `键集测试银行${tag}`);
  relate('PART_OF', park, zone, `键集测试园${tag}属于键集测试区${tag}`);

  const firms = Array.from({ length: counts.firms }, (_, i) => `enterprise:keyset-${tag}-${i}`);
  // Names that sort in an order unlike their numbers: the pinyin of a rotating first character.
  const heads = ['安', '北', '长', '德', '恩', '福', '广', '海'];
  firms.forEach((id, i) => {
    const name = `${heads[i % heads.length]}键集企业${tag}第${i}号`;
    entity(id, 'ENTERPRISE', name);
    if (i % 3 === 0) relate('HOSTS', zone, id, `键集测试区${tag}吸引${name}入驻`);
    if (i % 3 === 1 || i === 0) relate('LOCATED_IN', id, zone, `${name}位于键集测试区${tag}`);
    if (i % 3 === 2) relate('HOSTS', park, id, `键集测试园${tag}承载${name}`);
    relate('FINANCED_BY', id, bank, `${name}获键集测试银行${tag}贷款`);
  });
  firms.forEach((id, i) => {
    const next = firms[i + 1];
    if (next !== undefined) relate('PARTNERED_WITH', id, next, `第${i}号与第${i + 1}号键集企业${tag}合作`, `p${i}`);
  });

  const investment = new Map<string, number>();
  const projects = Array.from({ length: counts.projects }, (_, i) => `project:keyset-${tag}-${i}`);
  projects.forEach((id, i) => {
    const name = `键集项目${tag}第${i}号`;
    const amount = i % 4 === 3 ? null : ((i * 7) % counts.projects) + 1;
    const said = say(amount === null ? `${name}开工。` : `${name}总投资${amount}亿元。`);
    entities.push({
      id,
      kind: 'PROJECT',
      name,
      evidence: [spanOf(said, name)],
      facts:
        amount === null
          ? []
          : [{ key: 'totalInvestment', value: `${amount}亿元`, evidence: [spanOf(said, `${amount}亿元`)] }],
    });
    if (amount !== null) investment.set(id, amount);
    if (i % 2 === 0) relate('DEVELOPS', zone, id, `键集测试区${tag}建设${name}`);
    else relate('HOSTS', park, id, `键集测试园${tag}承载${name}`);
  });

  const text = lines.join('\n');
  const sources: SourceInput[] = [
    { id: source, publisher: 'zonegraph tests', kind: 'ARTICLE', text, title: `键集稿${tag}` },
  ];
  return { batch: { sources, entities, relations }, zone, park, bank, source, firms, projects, investment };
}
