/*
 * Per-request cost of the page shapes the read bench measures (docs/benchmarks.md, "Per-request
 * cost"): how many statements and units of work (each its own session: an auto-commit read, one
 * round trip, or a managed transaction, with a begin and a commit) a request takes, read from the executor's counters, and what an entity read sends back. No
 * timing: the counts are exact.
 */
import { createApp, type App } from '../../src/app';
import { createLoaders } from '../../src/entities/loaders';
import { loadSeed } from '../../src/ingest/seed';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

const ZONE = 'zone:shangdang-etdz';
/** What the entity reads leave out (null): temporal values and derived keys no field reads. */
const LEFT_OUT = [
  'createdAt',
  'updatedAt',
  'listKey',
  'investAscKey',
  'investDescKey',
  'relCountKey',
  'searchKeys',
  'searchCells',
];

const RELATION_PAGE = `query ($id: ID!) { node(id: $id) { ... on Entity { id relations(first: 20) {
  totalCount edges { node { id from { id name } to { id name } evidence { id quote source { id } } } } } } } }`;

interface Edge {
  node: { id: string; from: { id: string; name: string }; to: { id: string; name: string }; evidence: unknown[] };
}

describe('round trips per request of the bench page shapes', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    expect((await loadSeed(app.executor)).issues).toEqual([]);
  });

  afterAll(async () => {
    await app.stop();
  });

  async function cost(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ statements: number; transactions: number; managed: number; data: Record<string, unknown> }> {
    const statements = app.executor.statementCount;
    const transactions = app.executor.transactionCount;
    const managed = app.executor.managedTransactionCount;
    const { body } = await postGraphQL(app.url, query, variables);
    expect(body.errors).toBeUndefined();
    return {
      statements: app.executor.statementCount - statements,
      transactions: app.executor.transactionCount - transactions,
      managed: app.executor.managedTransactionCount - managed,
      data: body.data ?? {},
    };
  }

  test('an unfiltered list page reads its totalCount in the same statement; a filtered one beside it', async () => {
    const [stored] = await app.executor.read('read/kind-count#ENTERPRISE');
    const counted = await cost('{ enterprises(first: 5) { totalCount edges { node { id name } } } }');
    expect((counted.data.enterprises as { totalCount: number }).totalCount).toBe(Number(stored?.count));
    expect({ statements: counted.statements, transactions: counted.transactions, managed: counted.managed }).toEqual({
      statements: 1,
      transactions: 1,
      managed: 0,
    });
    // Through a fragment too.
    const fragment = await cost(
      '{ enterprises(first: 5) { ...Counted edges { node { id } } } } fragment Counted on EnterpriseConnection { totalCount }',
    );
    expect((fragment.data.enterprises as { totalCount: number }).totalCount).toBe(Number(stored?.count));
    expect({ statements: fragment.statements, transactions: fragment.transactions, managed: fragment.managed }).toEqual(
      { statements: 1, transactions: 1, managed: 0 },
    );
    // Another kind, through the generic list: its own label counted.
    const other = await cost('{ entities(kind: PERSON, first: 5) { totalCount edges { node { id } } } }');
    const [people] = await app.executor.read('read/kind-count#PERSON');
    expect((other.data.entities as { totalCount: number }).totalCount).toBe(Number(people?.count));
    expect(other.statements).toBe(1);
    // A filter the count store cannot count: the page and its count side by side, an auto-commit read each.
    const filtered = await cost(
      '{ enterprises(first: 2, where: { nameContains: "山西" }) { totalCount edges { node { id name } } } }',
    );
    const page = filtered.data.enterprises as { totalCount: number; edges: { node: { name: string } }[] };
    expect(page.totalCount).toBeGreaterThan(page.edges.length);
    expect(page.totalCount).toBeLessThan(Number(stored?.count));
    expect({ statements: filtered.statements, transactions: filtered.transactions, managed: filtered.managed }).toEqual(
      {
        statements: 2,
        transactions: 2,
        managed: 0,
      },
    );
    const uncounted = await cost('{ enterprises(first: 5) { edges { node { id name } } } }');
    expect({
      statements: uncounted.statements,
      transactions: uncounted.transactions,
      managed: uncounted.managed,
    }).toEqual({
      statements: 1,
      transactions: 1,
      managed: 0,
    });
  });

  test('a relation page reads its ends and evidence in its own statement, its count beside it', async () => {
    const { statements, transactions, managed, data } = await cost(RELATION_PAGE, { id: ZONE });
    const relations = (data.node as { relations: { totalCount: number; edges: Edge[] } }).relations;
    // A real page: relations with both ends and evidence, so every level was asked for.
    expect(relations.edges.length).toBeGreaterThan(1);
    expect(relations.totalCount).toBeGreaterThanOrEqual(relations.edges.length);
    expect(relations.edges.every((edge) => edge.node.evidence.length > 0)).toBe(true);
    // The page (with the entity itself for node(id), the ends and the evidence) and its count side
    // by side, each an auto-commit read; the evidence's sources are ends of the zone's MENTIONED_IN
    // relations on the page, so they come with it too. Before: 5 statements in 5 managed
    // transactions (the count, the ends with the sources and the evidence a round trip each),
    // then 3 in 2, then 3 auto-commit reads (node(id) before the page).
    expect({ statements, transactions, managed }).toEqual({ statements: 2, transactions: 2, managed: 0 });
  });

  test('a relation page of one type counts in its own statement (the degree store), with node(id)', async () => {
    // The zone's most frequent relation type and side, so that the count exceeds a page of one.
    const all = await cost(
      `query ($id: ID!) { node(id: $id) { ... on Entity { relations(first: 100) { edges { node { type from { id } } } } } } }`,
      { id: ZONE },
    );
    const sides = new Map<string, number>();
    for (const { node } of (
      all.data.node as { relations: { edges: { node: { type: string; from: { id: string } } }[] } }
    ).relations.edges) {
      const side = `${node.type} ${node.from.id === ZONE ? 'OUT' : 'IN'}`;
      sides.set(side, (sides.get(side) ?? 0) + 1);
    }
    const [side, expected] = [...sides].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const [type, direction] = side.split(' ');
    expect(expected).toBeGreaterThan(1);
    const page = await cost(
      `query ($id: ID!) { node(id: $id) { ... on Entity { relations(first: 1, types: [${type}], direction: ${direction}) {
         totalCount edges { node { id } } } } } }`,
      { id: ZONE },
    );
    const relations = (page.data.node as { relations: { totalCount: number; edges: unknown[] } }).relations;
    expect(relations.edges).toHaveLength(1);
    expect(relations.totalCount).toBe(expected);
    // As the count statement alone counts it (read/relation-type-count).
    const loaders = createLoaders(app.executor);
    expect(
      await loaders.relationCount.load({ id: ZONE, types: [type as 'HOSTS'], direction: direction as 'OUT' }),
    ).toBe(expected);
    expect({ statements: page.statements, transactions: page.transactions, managed: page.managed }).toEqual({
      statements: 1,
      transactions: 1,
      managed: 0,
    });
  });

  test('node(id) reads the entity and its evidence with its one relation page: one statement, the same answers', async () => {
    const fields = `id name kind nameVariants { text } evidence { id quote source { id } }`;
    const page = `relations(first: 20) { edges { node { id type from { id name } to { id name } evidence { id quote } } } }`;
    const together = await cost(`query ($id: ID!) { node(id: $id) { ... on Entity { ${fields} ${page} } } }`, {
      id: ZONE,
    });
    // The same fields read apart: the node alone, and the page through a second root field.
    const entityAlone = await cost(`query ($id: ID!) { node(id: $id) { ... on Entity { ${fields} } } }`, { id: ZONE });
    const pageAlone = await cost(`query ($id: ID!) { node(id: $id) { ... on Entity { ${page} } } }`, { id: ZONE });
    expect(together.statements).toBe(1);
    expect(entityAlone.statements).toBe(2);
    const node = together.data.node as Record<string, unknown> & {
      evidence: unknown[];
      relations: { edges: unknown[] };
    };
    expect(node.evidence.length).toBeGreaterThan(0);
    expect(node.relations.edges.length).toBeGreaterThan(1);
    const { relations, ...entity } = node;
    expect(entity).toEqual(entityAlone.data.node);
    expect({ relations }).toEqual(pageAlone.data.node);
    // A zone's relations of a type it has none of: the page has no row, and the entity is read alone.
    const none = await cost(
      `query ($id: ID!) { node(id: $id) { ... on Entity { id name relations(first: 5, types: [AUTHORED], direction: IN) { totalCount edges { node { id } } } } } }`,
      { id: ZONE },
    );
    expect(none.data.node).toEqual({
      id: ZONE,
      name: (entityAlone.data.node as { name: string }).name,
      relations: { totalCount: 0, edges: [] },
    });
    // An entity that does not exist is null, with a page asked for or not.
    for (const types of ['', 'types: [FINANCED_BY]']) {
      const missing = await cost(
        `{ node(id: "zone:no-such-zone") { ... on Entity { id relations(first: 5 ${types}) { edges { node { id } } } } } }`,
      );
      expect(missing.data.node).toBeNull();
    }
    // Two relation pages (aliases): each reads its own, after node(id).
    const two = await cost(
      `query ($id: ID!) { node(id: $id) { ... on Entity { a: relations(first: 2) { edges { node { id } } } b: relations(first: 3) { edges { node { id } } } } } }`,
      { id: ZONE },
    );
    expect(two.statements).toBe(3);
    const twoPages = two.data.node as { a: { edges: unknown[] }; b: { edges: unknown[] } };
    expect(twoPages.a.edges).toEqual(twoPages.b.edges.slice(0, 2));
  });

  test('node(id) of a zone reads the zone with its one member page: one statement, the same answers', async () => {
    const fields = 'id name catalogueCode stats { enterpriseCount }';
    const page = 'enterprises(first: 3) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage } }';
    const together = await cost(`query ($id: ID!) { node(id: $id) { ... on Zone { ${fields} ${page} } } }`, {
      id: ZONE,
    });
    const entityAlone = await cost(`query ($id: ID!) { node(id: $id) { ... on Zone { ${fields} } } }`, { id: ZONE });
    const loaders = createLoaders(app.executor);
    const members = await loaders.memberPage.load({ id: ZONE, kind: 'ENTERPRISE', first: 3, after: null });
    expect(together.statements).toBe(1);
    const node = together.data.node as Record<string, unknown> & {
      enterprises: { totalCount: number; edges: { node: { id: string } }[] };
    };
    const { enterprises, ...zone } = node;
    expect(zone).toEqual(entityAlone.data.node);
    expect(enterprises.edges.map((edge) => edge.node.id)).toEqual(members.items.map((item) => item.node.id));
    expect(enterprises.edges.length).toBeGreaterThan(0);
    // The count is the zone's own (its maintained member count).
    expect(enterprises.totalCount).toBe((zone.stats as { enterpriseCount: number }).enterpriseCount);
    // Not a zone id: no member page read ahead, and the answer is unchanged.
    const region = await cost(`{ node(id: "region:shanxi") { ... on Zone { ${page} } ... on Region { id } } }`);
    expect(region.data.node).toEqual({ id: 'region:shanxi' });
    expect(region.statements).toBe(1);
    // A zone that does not exist is null.
    const missing = await cost(`{ node(id: "zone:no-such-zone") { ... on Zone { ${page} } } }`);
    expect(missing.data.node).toBeNull();
  });

  test('node(id) with a relation page whose arguments are bad reports the field’s error as before', async () => {
    const { body } = await postGraphQL(
      app.url,
      `query ($id: ID!) { node(id: $id) { ... on Entity { id relations(first: 5, after: "bm90IGEgY3Vyc29y") { edges { node { id } } } } } }`,
      { id: ZONE },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.path).toEqual(['node', 'relations']);
    const tooMany = await postGraphQL(
      app.url,
      `query ($id: ID!) { node(id: $id) { ... on Entity { id relations(first: 500) { edges { node { id } } } } } }`,
      { id: ZONE },
    );
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('what a relation page reads along answers as the loaders that read it alone do', async () => {
    const { data } = await cost(RELATION_PAGE, { id: ZONE });
    const edges = (data.node as { relations: { edges: Edge[] } }).relations.edges;
    // Each relation asked for alone (node(id) of a relation): its ends and evidence through
    // read/entities-by-ids and read/evidence-by-ids.
    for (const edge of edges) {
      const alone = await cost(
        `query ($id: ID!) { node(id: $id) { ... on Relation { id from { id name } to { id name } evidence { id quote source { id } } } } }`,
        { id: edge.node.id },
      );
      expect(alone.data.node).toEqual(edge.node);
    }
    const loaders = createLoaders(app.executor);
    const page = await loaders.relationPage.load({
      id: ZONE,
      types: null,
      direction: 'BOTH',
      first: 20,
      after: null,
      with: { ends: true, evidence: true },
    });
    const alone = createLoaders(app.executor);
    expect(page.ends.length).toBeGreaterThan(0);
    for (const end of page.ends) expect(end).toEqual(await alone.entity.load(end.id));
    for (const item of page.evidence) expect(item).toEqual(await alone.evidence.load(item.id));
  });

  test("evidence's `source { id }` takes the id the evidence holds: no read of the source, the same answer", async () => {
    const query = (source: string): string =>
      `query ($id: ID!) { node(id: $id) { ... on Entity { id evidence { id quote source { ${source} } } } } }`;
    const byId = await cost(query('id __typename'), { id: ZONE });
    const read = await cost(query('id __typename title'), { id: ZONE });
    type Quote = { id: string; quote: string; source: { id: string; __typename: string; title?: string | null } };
    const quotes = (byId.data.node as { evidence: Quote[] }).evidence;
    const titled = (read.data.node as { evidence: Quote[] }).evidence;
    expect(quotes.length).toBeGreaterThan(0);
    // node(id) and the entity's evidence; reading the sources (for their titles) is one statement more.
    expect(byId.statements).toBe(2);
    expect(read.statements).toBe(3);
    expect(titled.every((item) => typeof item.source.title === 'string')).toBe(true);
    expect(quotes).toEqual(
      titled.map(({ id, quote, source }) => ({ id, quote, source: { id: source.id, __typename: source.__typename } })),
    );
  });

  test('entity reads leave out the timestamps and the derived keys', async () => {
    const session = app.driver.session({ database: app.executor.database });
    try {
      const stored = await session.run(
        'MATCH (n:Entity {id: $id}) RETURN n.createdAt IS NOT NULL AND n.listKey IS NOT NULL AS has',
        { id: ZONE },
      );
      expect(stored.records[0]?.get('has')).toBe(true);
    } finally {
      await session.close();
    }
    const loaders = createLoaders(app.executor);
    const byId = await loaders.entity.load(ZONE);
    const listed = await loaders.repository.listPage('ZONE', {}, 'NAME_ASC', { first: 5, after: null });
    const page = await loaders.relationPage.load({
      id: ZONE,
      types: null,
      direction: 'BOTH',
      first: 5,
      after: null,
      with: { ends: true },
    });
    const records = [byId, ...listed.items.map((item) => item.node), ...page.ends];
    expect(records.length).toBeGreaterThan(2);
    for (const record of records) {
      expect(LEFT_OUT.map((key) => record?.props[key] ?? null)).toEqual(LEFT_OUT.map(() => null));
    }
  });
});
