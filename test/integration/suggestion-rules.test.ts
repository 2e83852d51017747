/*
 * The rules of partner suggestions (src/analytics/SCORING.md), each on a small world of its own
 * written through the ingest path: the ranking runs in analytics/suggestion-links.cypher, so the
 * rules are checked against the real database, with the weights the formula gives.
 */
import { articleBuilder, hanTag } from '../../bench/hub-fixture';
import { createApp, type App } from '../../src/app';
import { ingestBatch } from '../../src/ingest/writer';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

const RUN = `rules${Date.now().toString(36)}`;
const id = (kind: string, name: string): string => `${kind}:${RUN}-${name}`;

interface Suggestion {
  score: number;
  candidate: { id: string };
  reasons: { kind: string; weight: number; path: { nodes: { id: string }[] } }[];
}

const QUERY = `query ($for: ID!, $kinds: [EntityKind!], $first: Int) {
  partnerSuggestions(for: $for, kinds: $kinds, first: $first) {
    score candidate { id } reasons { kind weight path { nodes { id } } } } }`;

/**
 * Firms A and B in zone Z, both subsidised under policy Y; university U operated by Z; bank K a
 * partner of Z; projects J and JF developed by Z (JF financed by bank M); park PK part of Z,
 * hosting B and project J2; park PK2 located in Z, with firm X in it; Z, B, C and C2 located in
 * county R, part of province PR; firm D with A's industry and no relation. And a firm E that
 * shares a project only with R1 and a bank H with fifty clients, C1 among them.
 */
function world() {
  const tag = hanTag(RUN);
  const { entity, relate, batch } = articleBuilder(RUN, `规则测试稿件${tag}`);
  const A = entity(id('enterprise', 'a'), 'ENTERPRISE', `阿企业${tag}`, { industries: ['quinoa', 'brewing'] });
  const B = entity(id('enterprise', 'b'), 'ENTERPRISE', `博企业${tag}`, {
    industries: ['quinoa', 'brewing', 'new-energy'],
  });
  const C = entity(id('enterprise', 'c'), 'ENTERPRISE', `陈企业${tag}`);
  const C2 = entity(id('enterprise', 'c2'), 'ENTERPRISE', `程企业${tag}`);
  const D = entity(id('enterprise', 'd'), 'ENTERPRISE', `丁企业${tag}`, { industries: ['quinoa'] });
  const X = entity(id('enterprise', 'x'), 'ENTERPRISE', `熙企业${tag}`);
  const U = entity(id('university', 'u'), 'UNIVERSITY', `优研究所${tag}`, { industries: ['quinoa'] });
  const K = entity(id('bank', 'k'), 'BANK', `昆银行${tag}`);
  const M = entity(id('bank', 'm'), 'BANK', `民银行${tag}`);
  const Z = entity(id('zone', 'z'), 'ZONE', `泽开发区${tag}`);
  const PK = entity(id('park', 'pk'), 'PARK', `朴园区${tag}`);
  const PK2 = entity(id('park', 'pk2'), 'PARK', `坪园区${tag}`);
  const R = entity(id('region', 'r'), 'REGION', `容县${tag}`);
  const PR = entity(id('region', 'pr'), 'REGION', `濮省${tag}`);
  const Y = entity(id('policy', 'y'), 'POLICY', `易政策${tag}`);
  const J = entity(id('project', 'j'), 'PROJECT', `金项目${tag}`);
  const JF = entity(id('project', 'jf'), 'PROJECT', `芳项目${tag}`);
  const J2 = entity(id('project', 'j2'), 'PROJECT', `九项目${tag}`);
  relate('HOSTS', Z, A, `泽开发区${tag}引进阿企业${tag}`);
  relate('HOSTS', Z, B, `泽开发区${tag}引进博企业${tag}`);
  relate('SUBSIDIZED_UNDER', A, Y, `阿企业${tag}获易政策${tag}补贴`);
  relate('SUBSIDIZED_UNDER', B, Y, `博企业${tag}获易政策${tag}补贴`);
  relate('LOCATED_IN', Z, R, `泽开发区${tag}位于容县${tag}`);
  relate('LOCATED_IN', C, R, `陈企业${tag}位于容县${tag}`);
  relate('LOCATED_IN', C2, R, `程企业${tag}位于容县${tag}`);
  relate('LOCATED_IN', B, R, `博企业${tag}位于容县${tag}`);
  relate('PART_OF', R, PR, `容县${tag}隶属濮省${tag}`);
  relate('OPERATES', Z, U, `泽开发区${tag}运营优研究所${tag}`);
  relate('PARTNERED_WITH', K, Z, `昆银行${tag}与泽开发区${tag}合作`);
  relate('PART_OF', PK, Z, `朴园区${tag}是泽开发区${tag}的园区`);
  relate('HOSTS', PK, B, `朴园区${tag}入驻博企业${tag}`);
  relate('HOSTS', PK, J2, `朴园区${tag}承载九项目${tag}`);
  relate('LOCATED_IN', PK2, Z, `坪园区${tag}位于泽开发区${tag}`);
  relate('LOCATED_IN', X, PK2, `熙企业${tag}位于坪园区${tag}`);
  relate('DEVELOPS', Z, J, `泽开发区${tag}建设金项目${tag}`);
  relate('DEVELOPS', Z, JF, `泽开发区${tag}建设芳项目${tag}`);
  relate('FINANCED_BY', JF, M, `民银行${tag}为芳项目${tag}贷款`);

  const E = entity(id('enterprise', 'e'), 'ENTERPRISE', `鹅企业${tag}`);
  const RARE = entity(id('project', 'rare'), 'PROJECT', `稀项目${tag}`);
  const R1 = entity(id('enterprise', 'r1'), 'ENTERPRISE', `庄企业${tag}`);
  const H = entity(id('bank', 'h'), 'BANK', `汇银行${tag}`);
  const C1 = entity(id('enterprise', 'c1'), 'ENTERPRISE', `艾企业${tag}`);
  relate('DEVELOPS', E, RARE, `鹅企业${tag}建设稀项目${tag}`);
  relate('DEVELOPS', R1, RARE, `庄企业${tag}建设稀项目${tag}`);
  relate('FINANCED_BY', E, H, `汇银行${tag}为鹅企业${tag}贷款`);
  relate('FINANCED_BY', C1, H, `汇银行${tag}为艾企业${tag}贷款`);
  for (let i = 0; i < 48; i += 1) {
    const client = entity(id('enterprise', `h${i}`), 'ENTERPRISE', `汇客户${tag}第${i}号`);
    relate('FINANCED_BY', client, H, `汇银行${tag}为汇客户${tag}第${i}号贷款`);
  }
  return { batch: batch(), A, B, C, C2, D, X, U, K, Z, PK, PK2, PR, J, JF, J2, E, R1, H, C1 };
}

describe('partner suggestion rules on a small world', () => {
  let app: App;
  const w = world();

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    const result = await ingestBatch(app.executor, { ...w.batch, idempotencyKey: `${RUN}-key` }, { origin: 'test' });
    expect(result.issues).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    await cypher(
      app.driver,
      'MATCH (n:Entity) WHERE n.id CONTAINS $run OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact) DETACH DELETE n, f',
      { run: RUN },
    );
    await cypher(app.driver, 'MATCH (e:Evidence) WHERE e.sourceId CONTAINS $run DETACH DELETE e', { run: RUN });
    await cypher(app.driver, 'MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run DELETE c', { run: RUN });
    await cypher(app.driver, 'MATCH (l:IngestLedger) WHERE l.key CONTAINS $run DELETE l', { run: RUN });
    await app.stop();
  });

  async function suggest(forId: string, kinds: string[] | null = null, first = 20): Promise<Suggestion[]> {
    const { body } = await postGraphQL(app.url, QUERY, { for: forId, kinds, first });
    expect(body.errors).toBeUndefined();
    return body.data?.partnerSuggestions as Suggestion[];
  }

  const ranking = (list: Suggestion[]): [string, number][] => list.map((s) => [s.candidate.id, s.score]);

  test('each shared anchor weighs its base weight / log2 of its relations; ranked by score, then name', async () => {
    // Y has 2 relations (3 / log2 2 = 3), Z has 9 (2 / log2 9 = 0.63 as a zone, 3 / log2 9 = 0.95
    // as a partner), R has 5 (1 / log2 5 = 0.43); quinoa and brewing 1.5 each; research for an
    // industry 2. B: 3 + 0.63 + 1.5 + 1.5; U: 0.63 + 1.5 + 2.
    expect(ranking(await suggest(w.A))).toEqual([
      [w.B, 6.63],
      [w.U, 4.13],
      // K is a partner of Z, and a bank for A, which the graph names no lender of: 0.95 + 2.
      [w.K, 2.95],
      // Members of Z, tied: by name (pinyin fang, jin, jiu, ping, pu).
      [w.JF, 0.63],
      [w.J, 0.63],
      [w.J2, 0.63],
      [w.PK2, 0.63],
      [w.PK, 0.63],
      // In the county only, tied: chen before cheng.
      [w.C, 0.43],
      [w.C2, 0.43],
    ]);
  });

  test('a zone both are members of is SAME_ZONE, not also SHARED_PARTNER; a region only without a shared zone', async () => {
    const b = (await suggest(w.A)).find((s) => s.candidate.id === w.B);
    expect(b?.reasons.map((reason) => reason.kind)).toEqual([
      'SHARED_PARTNER',
      'SAME_ZONE',
      'SAME_INDUSTRY',
      'SAME_INDUSTRY',
    ]);
    // B is also located in R, but the shared zone already implies it.
    expect(b?.reasons.some((reason) => reason.kind === 'SAME_REGION')).toBe(false);
    // The shortest path through the zone: A - Z - B, not A - Z - PK - B.
    const zone = b?.reasons.find((reason) => reason.kind === 'SAME_ZONE');
    expect(zone?.path.nodes.map((node) => node.id)).toEqual([w.A, w.Z, w.B]);
  });

  test('industry codes and kinds alone never make a suggestion', async () => {
    expect((await suggest(w.A)).map((s) => s.candidate.id)).not.toContain(w.D);
    expect((await suggest(w.D)).map((s) => s.candidate.id)).toEqual([]);
  });

  test('containment is not partnership: a zone is offered neither its province nor what lies inside its parks', async () => {
    const ids = (await suggest(w.Z, ['REGION', 'ENTERPRISE', 'PROJECT', 'PARK', 'BANK'])).map((s) => s.candidate.id);
    // X lies in PK2, which lies in Z; J2 and B are in PK, a part of Z; PR contains Z's county.
    expect(ids).not.toContain(w.X);
    expect(ids).not.toContain(w.J2);
    expect(ids).not.toContain(w.PR);
    expect(ids).not.toContain(w.B);
  });

  test('a bank is complementary to an unfinanced project, not to a financed one', async () => {
    const unfinanced = await suggest(w.J, ['BANK']);
    expect(ranking(unfinanced)).toEqual([[w.K, 2.95]]);
    expect(unfinanced[0]?.reasons.map((reason) => reason.kind)).toEqual(['SHARED_PARTNER', 'COMPLEMENTARY_ROLE']);
    expect(ranking(await suggest(w.JF, ['BANK']))).toEqual([[w.K, 0.95]]);
  });

  test('a rare shared partner outranks a hub: the firm that shares a project comes before the co-client of a big bank', async () => {
    // Both share one entity with E. The project has 2 relations (3 / log2 2 = 3), the bank 50
    // (3 / log2 50 = 0.53). Equal weights would have put 艾 (ai) before 庄 (zhuang) by name.
    const ranked = await suggest(w.E);
    expect(ranked[0]).toMatchObject({ candidate: { id: w.R1 }, score: 3 });
    const hubClient = ranked.find((s) => s.candidate.id === w.C1);
    expect(hubClient?.score).toBe(0.53);
  });
});
