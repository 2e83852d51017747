import type { Driver } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { listKey } from '../../src/domain/list-orders';
import { ingestBatch } from '../../src/ingest/writer';
import { migrate } from '../../src/db/migrations';
import { sortKey } from '../../src/search/name-forms';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';
import { API_KEYS, KEYS } from '../helpers/keys';
import { removeRun } from '../helpers/isolation';
import { keysetFixture, type KeysetFixture } from '../helpers/keyset-fixture';

const RUN = `ks${Date.now().toString(36)}`;
const STARTED = new Date();
const FIRMS = 40;
const PROJECTS = 12;

interface Edge {
  cursor: string;
  node: { id: string; name: string; kind?: string };
}
interface Connection {
  totalCount?: number;
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

describe('keyset pages and connections', () => {
  let app: App;
  let driver: Driver;
  let fixture: KeysetFixture;

  async function data(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const { body } = await postGraphQL(app.url, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data ?? {};
  }

  /** Follows a connection's cursors to the end, `first` at a time; `pick` finds the connection in an answer. */
  async function pageAll(
    query: string,
    variables: Record<string, unknown>,
    pick: (data: Record<string, unknown>) => Connection,
  ): Promise<{ nodes: Edge['node'][]; pages: number; totalCount?: number }> {
    const nodes: Edge['node'][] = [];
    let after: string | null = null;
    let pages = 0;
    let totalCount: number | undefined;
    for (;;) {
      const page = pick(await data(query, { ...variables, after }));
      pages += 1;
      totalCount ??= page.totalCount;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(500);
    }
    return { nodes, pages, ...(totalCount === undefined ? {} : { totalCount }) };
  }

  beforeAll(async () => {
    app = await createApp(testConfig({ API_KEYS }), { log: () => undefined });
    driver = app.driver;
    fixture = keysetFixture(RUN, { firms: FIRMS, projects: PROJECTS });
    // A generous timeout: loading the fixture is not what is under test.
    const result = await ingestBatch(app.executor, fixture.batch, {
      origin: 'test',
      batchSize: 25,
      timeoutMs: 120_000,
    });
    expect(result.issues).toEqual([]);
  });

  afterAll(async () => {
    // Facts, evidence and ledger rows too (test/helpers/leak-check.ts fails a file that leaves any).
    const left = await removeRun(driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  const LIST = `query ($first: Int!, $after: String, $order: EntityOrder!, $where: EntityFilter) {
    enterprises(first: $first, after: $after, orderBy: $order, where: $where) {
      edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

  test('a list pages through every match once, in name order, with keyset cursors', async () => {
    const { nodes, pages } = await pageAll(
      LIST,
      { first: 7, order: 'NAME_ASC', where: { nameContains: RUN } },
      (d) => d.enterprises as Connection,
    );
    const expected = fixture.firms
      .map((id) => ({ id, key: listKey(nameOf(id), id) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((item) => item.id);
    expect(nodes.map((node) => node.id)).toEqual(expected);
    expect(pages).toBe(Math.ceil(FIRMS / 7));
  });

  test('NAME_DESC is the reverse of NAME_ASC', async () => {
    const asc = await pageAll(LIST, { first: 9, order: 'NAME_ASC', where: { nameContains: RUN } }, pick);
    const desc = await pageAll(LIST, { first: 9, order: 'NAME_DESC', where: { nameContains: RUN } }, pick);
    expect(desc.nodes.map((n) => n.id)).toEqual([...asc.nodes.map((n) => n.id)].reverse());
  });

  test('the unfiltered list is in key order, without repeats, and as long as its totalCount', async () => {
    const query = `query ($after: String) { enterprises(first: 100, after: $after) {
      totalCount edges { node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const { nodes, totalCount } = await pageAll(query, {}, pick);
    const [stored] = await cypher(driver, 'MATCH (n:Enterprise) RETURN count(n) AS count');
    expect(totalCount).toBe(Number(stored?.count));
    expect(nodes).toHaveLength(totalCount as number);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    const keys = nodes.map((n) => listKey(n.name, n.id));
    expect(keys).toEqual([...keys].sort());
  });

  test('projects order by total investment both ways, those without an amount last, ties by name', async () => {
    const query = `query ($after: String, $order: EntityOrder!, $where: EntityFilter) {
      projects(first: 5, after: $after, orderBy: $order, where: $where) {
        edges { node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const byAmount = (direction: 1 | -1) =>
      [...fixture.projects].sort((a, b) => {
        const x = fixture.investment.get(a);
        const y = fixture.investment.get(b);
        if (x === undefined || y === undefined) {
          if (x !== y) return x === undefined ? 1 : -1;
        } else if (x !== y) return direction * (x - y);
        return listKey(projectName(a), a) < listKey(projectName(b), b) ? -1 : 1;
      });
    for (const [order, direction] of [
      ['TOTAL_INVESTMENT_DESC', -1],
      ['TOTAL_INVESTMENT_ASC', 1],
    ] as const) {
      const { nodes } = await pageAll(query, { order, where: { nameContains: RUN } }, (d) => d.projects as Connection);
      expect({ order, ids: nodes.map((n) => n.id) }).toEqual({ order, ids: byAmount(direction) });
    }
  });

  test('RELATION_COUNT_DESC puts the most linked first', async () => {
    const { nodes } = await pageAll(
      LIST,
      { first: 6, order: 'RELATION_COUNT_DESC', where: { nameContains: RUN } },
      pick,
    );
    const counts = await cypher(
      driver,
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, COUNT { (n)-[r]-(:Entity) WHERE type(r) <> 'MENTIONED_IN' } AS c`,
      { ids: nodes.map((n) => n.id) },
    );
    const count = new Map(counts.map((row) => [String(row.id), Number(row.c)]));
    const listed = nodes.map((n) => count.get(n.id) as number);
    expect(listed).toEqual([...listed].sort((a, b) => b - a));
    // Firm 0 has the most links (hosted and located, financed, one partner); the last firm the fewest.
    expect(nodes[0]?.id).toBe(fixture.firms[0]);
  });

  test('pages skip nothing and repeat nothing while another client inserts around the cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let round = 0;
    for (;;) {
      const page = pick(await data(LIST, { first: 6, after, order: 'NAME_ASC', where: { nameContains: RUN } }));
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      // A new firm before the cursor (阿, a, sorts first) and one after it (最, zui, sorts last).
      round += 1;
      const early = `enterprise:keyset-${RUN}-early${round}`;
      const late = `enterprise:keyset-${RUN}-late${round}`;
      const text = `阿键集企业${RUN}插入${round}号。\n最键集企业${RUN}插入${round}号。`;
      const source = `source:keyset-insert-${RUN}-${round}`;
      const result = await ingestBatch(
        app.executor,
        {
          sources: [{ id: source, publisher: 'zonegraph tests', kind: 'ARTICLE', text }],
          entities: [
            {
              id: early,
              kind: 'ENTERPRISE',
              name: `阿键集企业${RUN}插入${round}号`,
              evidence: [{ source, quote: `阿键集企业${RUN}插入${round}号` }],
            },
            {
              id: late,
              kind: 'ENTERPRISE',
              name: `最键集企业${RUN}插入${round}号`,
              evidence: [{ source, quote: `最键集企业${RUN}插入${round}号` }],
            },
          ],
        },
        { origin: 'test', timeoutMs: 120_000 },
      );
      expect(result.issues).toEqual([]);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of fixture.firms) expect(seen).toContain(id);
    // Every firm written after a page that sorts after its cursor is on a later page.
    expect(seen.filter((id) => id.includes('-late')).length).toBe(round);
  });

  test('an offset cursor of API version 1 is refused with a clear BAD_USER_INPUT', async () => {
    const v1 = Buffer.from('offset:19:abcdefghij', 'utf8').toString('base64url');
    const { body } = await postGraphQL(app.url, `{ enterprises(first: 5, after: "${v1}") { edges { cursor } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/offset cursor of API version 1/);
    const junk = await postGraphQL(
      app.url,
      '{ enterprises(first: 5, after: "bm90IGEgY3Vyc29y") { edges { cursor } } }',
    );
    expect(junk.body.errors?.[0]?.message).toBe('"after" is not a cursor this API issued.');
  });

  test('totalCount is computed only when selected', async () => {
    const count = async (selection: string, where: Record<string, unknown> | null) => {
      const before = app.executor.statementCount;
      await data(`query ($where: EntityFilter) { enterprises(first: 3, where: $where) { ${selection} } }`, { where });
      return app.executor.statementCount - before;
    };
    const filtered = { nameContains: RUN };
    expect(await count('edges { cursor }', filtered)).toBe(1);
    expect(await count('totalCount edges { cursor }', filtered)).toBe(2);
    // Unfiltered, the page statement reads the count from the count store itself.
    expect(await count('totalCount', null)).toBe(1);
    expect(await count('edges { cursor }', null)).toBe(1);
    // The fixture's firms only (another test adds firms whose names carry RUN too).
    const { enterprises } = (await data(
      `{ enterprises(first: 1, where: { nameContains: "键集企业${RUN}第" }) { totalCount } }`,
    )) as {
      enterprises: { totalCount: number };
    };
    expect(enterprises.totalCount).toBe(FIRMS);
  });

  test('Zone.enterprises pages the distinct members, own and through the park, and counts them', async () => {
    const query = `query ($id: ID!, $after: String) { node(id: $id) { ... on Zone {
      stats { enterpriseCount projectCount }
      enterprises(first: 4, after: $after) { totalCount edges { node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`;
    const { nodes, totalCount } = await pageAll(
      query,
      { id: fixture.zone },
      (d) => (d.node as { enterprises: Connection }).enterprises,
    );
    const expected = [...fixture.firms].sort((a, b) => (listKey(nameOf(a), a) < listKey(nameOf(b), b) ? -1 : 1));
    expect(nodes.map((n) => n.id)).toEqual(expected);
    expect(totalCount).toBe(FIRMS);
    const stats = ((await data(query, { id: fixture.zone })).node as { stats: Record<string, number> }).stats;
    expect(stats).toEqual({ enterpriseCount: FIRMS, projectCount: PROJECTS });
    // The list filter by zone answers the same members, from the same page index.
    const listed = await pageAll(LIST, { first: 11, order: 'NAME_ASC', where: { zone: fixture.zone } }, pick);
    expect(listed.nodes.map((n) => n.id)).toEqual(expected);
  });

  test('a hub relation page is read a page at a time, in the other ends’ name order', async () => {
    const query = `query ($id: ID!, $after: String) { node(id: $id) { ... on Entity {
      relations(first: 6, after: $after, types: [FINANCED_BY]) {
        totalCount edges { node { id from { id name } } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`;
    const { nodes, totalCount } = await pageAll(query, { id: fixture.bank }, (d) => {
      const relations = (
        d.node as {
          relations: {
            totalCount: number;
            edges: { node: { id: string; from: Edge['node'] } }[];
            pageInfo: Connection['pageInfo'];
          };
        }
      ).relations;
      return { ...relations, edges: relations.edges.map((edge) => ({ cursor: '', node: edge.node.from })) };
    });
    expect(totalCount).toBe(FIRMS);
    const expected = [...fixture.firms].sort((a, b) => (listKey(nameOf(a), a) < listKey(nameOf(b), b) ? -1 : 1));
    expect(nodes.map((n) => n.id)).toEqual(expected);
  });

  test('relations of every type page by type, then the other end, without repeats', async () => {
    const query = `query ($id: ID!, $after: String) { node(id: $id) { ... on Entity {
      relations(first: 5, after: $after) { totalCount edges { node { id type from { id } to { id } } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`;
    const rels: { id: string; type: string }[] = [];
    const { totalCount } = await pageAll(query, { id: fixture.zone }, (d) => {
      const relations = (
        d.node as {
          relations: {
            totalCount: number;
            edges: { node: { id: string; type: string } }[];
            pageInfo: Connection['pageInfo'];
          };
        }
      ).relations;
      rels.push(...relations.edges.map((edge) => edge.node));
      return {
        ...relations,
        edges: relations.edges.map((edge) => ({ cursor: '', node: { id: edge.node.id, name: '' } })),
      };
    });
    const [stored] = await cypher(driver, 'MATCH (:Entity {id: $id})-[r]-(:Entity) RETURN count(r) AS c', {
      id: fixture.zone,
    });
    expect(totalCount).toBe(Number(stored?.c));
    expect(rels).toHaveLength(totalCount as number);
    expect(new Set(rels.map((r) => r.id)).size).toBe(rels.length);
    const types = rels.map((r) => r.type);
    expect(types).toEqual([...types].sort());
  });

  test('partners, mentions, Region.zones and a firm’s financing are connections', async () => {
    const firm = fixture.firms[5] as string;
    const partners = (
      await data(`{ node(id: "${firm}") { ... on Enterprise {
      partners(first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage } }
      fundedBy(first: 5) { totalCount edges { node { to { id } } } } } } }`)
    ).node as {
      partners: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
      fundedBy: { totalCount: number; edges: { node: { to: { id: string } } }[] };
    };
    expect(partners.partners.totalCount).toBe(2);
    expect(partners.partners.edges).toHaveLength(1);
    expect(partners.partners.pageInfo.hasNextPage).toBe(true);
    expect(partners.fundedBy.edges.map((edge) => edge.node.to.id)).toEqual([fixture.bank]);
    const mentions = await pageAll(
      `query ($after: String) { node(id: "${fixture.source}") { ... on Source {
        mentions(first: 10, after: $after) { totalCount edges { node { id kind } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`,
      {},
      (d) => (d.node as { mentions: Connection }).mentions,
    );
    expect(mentions.totalCount).toBe(3 + FIRMS + PROJECTS);
    expect(new Set(mentions.nodes.map((n) => n.id)).size).toBe(3 + FIRMS + PROJECTS);
    const kinds = mentions.nodes.map((n) => n.kind as string);
    expect(kinds).toEqual([...kinds].sort());
  });

  test('a deleted member leaves the zone’s count and order by investment at once', async () => {
    const [hosted] = await cypher(
      driver,
      'MATCH (:Zone {id: $zone})-[r:DEVELOPS]->(p:Project) WHERE p.totalInvestmentSort IS NOT NULL RETURN r.id AS id, p.id AS project ORDER BY p.totalInvestmentSort DESC LIMIT 1',
      { zone: fixture.zone },
    );
    const before = await zoneFigures();
    const { body } = await postGraphQL(
      app.url,
      `mutation { deleteRelation(id: "${String(hosted?.id)}") { status } }`,
      {},
      { authorization: `Bearer ${KEYS.admin}` },
    );
    expect(body.errors).toBeUndefined();
    const after = await zoneFigures();
    expect(after.projectCount).toBe(before.projectCount - 1);
    expect(after.investment).toBeLessThan(before.investment);
    const project = String(hosted?.project);
    expect(after.investment).toBeCloseTo(before.investment - (fixture.investment.get(project) as number) * 1e8, -2);
  });

  test('a renamed entity moves to its new place in its neighbours’ relation pages', async () => {
    const firm = fixture.firms[1] as string;
    const first = async () =>
      (
        (
          await data(
            `{ node(id: "${fixture.bank}") { ... on Bank { relations(first: 1, types: [FINANCED_BY]) { edges { node { from { id } } } } } } }`,
          )
        ).node as { relations: { edges: { node: { from: { id: string } } }[] } }
      ).relations.edges[0]?.node.from.id;
    expect(await first()).not.toBe(firm);
    const name = `阿键集企业${RUN}改名`;
    const source = `source:keyset-rename-${RUN}`;
    const result = await ingestBatch(
      app.executor,
      {
        sources: [{ id: source, publisher: 'zonegraph tests', kind: 'ARTICLE', text: `${name}。` }],
        entities: [{ id: firm, kind: 'ENTERPRISE', name, evidence: [{ source, quote: name }] }],
      },
      { origin: 'test', timeoutMs: 120_000 },
    );
    expect(result.issues).toEqual([]);
    expect(await first()).toBe(firm);
  });

  test('migration 0007 recomputes the derived keys of a graph written before it', async () => {
    const read = () =>
      cypher(
        driver,
        'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.relCountKey AS rel, n.investDescKey AS inv, n.enterpriseCount AS members ORDER BY id',
        { ids: [fixture.zone, ...fixture.projects.slice(0, 3), ...fixture.firms.slice(0, 3)] },
      );
    const before = await read();
    await cypher(
      driver,
      'MATCH (n:Entity) WHERE n.id CONTAINS $tag REMOVE n.relCountKey, n.investDescKey, n.investAscKey, n.enterpriseCount, n.relationCount',
      { tag: RUN },
    );
    await cypher(driver, 'MATCH (m:Migration {version: 7}) DELETE m');
    await migrate(app.executor);
    expect(await read()).toEqual(before);
  });

  async function zoneFigures(): Promise<{ projectCount: number; investment: number }> {
    const [row] = await cypher(driver, 'MATCH (z:Zone {id: $id}) RETURN z.projectCount AS c, z.investment AS i', {
      id: fixture.zone,
    });
    return { projectCount: Number(row?.c), investment: Number(row?.i) };
  }

  function pick(d: Record<string, unknown>): Connection {
    return d.enterprises as Connection;
  }

  function nameOf(id: string): string {
    return (fixture.batch.entities ?? []).find((entity) => entity.id === id)?.name as string;
  }

  function projectName(id: string): string {
    return nameOf(id);
  }
});

// The expected orders above use the API's own key definition (sortKey then id); this checks
// that definition once against the pinyin order a reader expects.
test('the name key orders by pinyin, then the name, then the id', () => {
  expect(sortKey('安') < sortKey('北')).toBe(true);
  expect(listKey('同名', 'enterprise:a') < listKey('同名', 'enterprise:b')).toBe(true);
});
