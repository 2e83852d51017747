/*
 * Light pages: a connection whose nodes select only the fields of a light record (id, kind, name,
 * subtype, englishName, aliases, industries, qualityFlags, __typename, a zone's stats) reads those
 * properties (and the three zone figures stats reads) instead of all of them (src/graphql/selection.ts, lightNodes). On
 * the seed graph, through HTTP: the statements run with `light` exactly when the selection
 * allows it, and every light answer is the whole read's answer for the same fields.
 */
import { createApp, type App } from '../../src/app';
import { Executor } from '../../src/db/executor';
import type { QueryName } from '../../src/db/queries';
import { createLoaders } from '../../src/entities/loaders';
import { loadSeed } from '../../src/ingest/seed';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

const LIGHT_SELECTION = 'id kind name subtype englishName aliases industries qualityFlags __typename';
/** A field no light record holds: asking for it makes the page read whole records. */
const HEAVY = 'nameVariants { text }';

// [what, query with NODE where the node selection goes, variables, the page statement it reads]
const CONNECTIONS: [string, string, Record<string, unknown>, RegExp][] = [
  ['a list page', '{ enterprises(first: 50) { edges { node { NODE } } } }', {}, /^read\/list-page#/],
  [
    'a list page in another order',
    '{ zones(first: 50, orderBy: NAME_DESC) { edges { node { NODE } } } }',
    {},
    /^read\/list-page#/,
  ],
  [
    'a list filtered by region',
    '{ enterprises(first: 50, where: { region: "region:shanxi" }) { edges { node { NODE } } } }',
    {},
    /^read\/list-region$/,
  ],
  [
    "a zone's members",
    'query ($id: ID!) { node(id: $id) { ... on Zone { enterprises(first: 50) { edges { node { NODE } } } } } }',
    { id: 'zone:shangdang-etdz' },
    /^read\/member-page$/,
  ],
  [
    "a zone's partners",
    'query ($id: ID!) { node(id: $id) { ... on Zone { partners(first: 50) { edges { node { NODE } } } } } }',
    { id: 'zone:shangdang-etdz' },
    /^read\/neighbour-page#/,
  ],
  [
    "a region's zones",
    'query ($id: ID!) { node(id: $id) { ... on Region { zones(first: 50) { edges { node { NODE } } } } } }',
    { id: 'region:shanxi' },
    /^read\/region-zone-page$/,
  ],
];

interface Edges {
  edges: { node: Record<string, unknown> }[];
}

/** The edges of the connection in a response (the one object with `edges`, however deep), or none. */
function edgesOf(data: unknown): Edges['edges'] {
  if (data === null || typeof data !== 'object') return [];
  if ('edges' in data) return (data as Edges).edges;
  return Object.values(data).flatMap(edgesOf);
}

describe('light pages read only the fields their nodes select', () => {
  let app: App;
  const reads: { name: QueryName; params: Record<string, unknown> }[] = [];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    expect((await loadSeed(app.executor)).issues).toEqual([]);
    const read = Executor.prototype.read;
    spy = jest.spyOn(Executor.prototype, 'read').mockImplementation(function (this: Executor, name, params, options) {
      reads.push({ name, params: params ?? {} });
      return read.call(this, name, params, options);
    });
  });

  afterAll(async () => {
    spy.mockRestore();
    await app.stop();
  });

  async function ask(
    query: string,
    variables: Record<string, unknown>,
    statement: RegExp,
  ): Promise<{ edges: Edges['edges']; light: boolean[] }> {
    reads.length = 0;
    const { body } = await postGraphQL(app.url, query, variables);
    expect(body.errors).toBeUndefined();
    const light = reads.filter((read) => statement.test(read.name)).map((read) => read.params.light === true);
    return { edges: edgesOf(body.data), light };
  }

  test.each(CONNECTIONS)(
    '%s: light with light fields only, whole otherwise; the same answers',
    async (_what, query, variables, statement) => {
      const light = await ask(query.replace('NODE', LIGHT_SELECTION), variables, statement);
      const whole = await ask(query.replace('NODE', `${LIGHT_SELECTION} ${HEAVY}`), variables, statement);
      expect(light.light).toEqual([true]);
      expect(whole.light).toEqual([false]);
      // A real page, and one whose records carry the fields compared.
      expect(light.edges.length).toBeGreaterThan(0);
      expect(whole.edges.some((edge) => (edge.node.nameVariants as unknown[]).length > 0)).toBe(true);
      expect(light.edges).toEqual(
        whole.edges.map((edge) => ({
          node: Object.fromEntries(Object.entries(edge.node).filter(([key]) => key !== 'nameVariants')),
        })),
      );
    },
  );

  test("a zone's stats keep a page light, with the same figures as a whole read", async () => {
    const query = (extra: string): string =>
      `{ zones(first: 50, orderBy: TOTAL_INVESTMENT_DESC) { edges { node { id name ${extra}
        stats { enterpriseCount projectCount totalProjectInvestment { total { amount } } } } } } }`;
    const light = await ask(query(''), {}, /^read\/list-page#/);
    const whole = await ask(query(HEAVY), {}, /^read\/list-page#/);
    expect(light.light).toEqual([true]);
    expect(whole.light).toEqual([false]);
    // Zones with members and investment, so the figures compared are not all zero.
    expect(light.edges.some((edge) => (edge.node.stats as { enterpriseCount: number }).enterpriseCount > 0)).toBe(true);
    expect(light.edges).toEqual(
      whole.edges.map((edge) => ({
        node: Object.fromEntries(Object.entries(edge.node).filter(([key]) => key !== 'nameVariants')),
      })),
    );
  });

  test('fragments, inline fragments and nested fields count: only light fields keep a page light', async () => {
    const list = (node: string, fragments = ''): string =>
      `{ enterprises(first: 5) { totalCount pageInfo { hasNextPage } edges { cursor node { ${node} } } } } ${fragments}`;
    const cases: [string, boolean][] = [
      [list('id name'), true],
      [list('n: name kind'), true],
      [list('...F', 'fragment F on Enterprise { id name }'), true],
      [list('...F', 'fragment F on Enterprise { id zone { id } }'), false],
      [list('... on Enterprise { id industries }'), true],
      [list('... on Enterprise { relations(first: 1) { totalCount } }'), false],
      [list('id evidence { id }'), false],
      [list('id nameVariants { text }'), false],
    ];
    for (const [query, expected] of cases) {
      const { light } = await ask(query, {}, /^read\/list-page#/);
      expect({ query, light }).toEqual({ query, light: [expected] });
    }
    // No node selected at all (a count and the page info): nothing to read whole.
    const counted = await ask(
      '{ enterprises(first: 5) { totalCount pageInfo { hasNextPage } } }',
      {},
      /^read\/list-page#/,
    );
    expect(counted.light).toEqual([true]);
  });

  test('a light record holds the eight fields and the three zone figures only; a whole one holds them alike', async () => {
    const loaders = createLoaders(app.executor);
    const light = await loaders.repository.listPage('ENTERPRISE', {}, 'NAME_ASC', {
      first: 10,
      after: null,
      light: true,
    });
    const whole = await loaders.repository.listPage('ENTERPRISE', {}, 'NAME_ASC', { first: 10, after: null });
    expect(light.items.map((item) => item.key)).toEqual(whole.items.map((item) => item.key));
    expect(light.items.length).toBe(10);
    for (const [index, item] of light.items.entries()) {
      const full = whole.items[index]?.node;
      // The zone figures stats reads (none on an enterprise), and nothing else.
      expect(item.node.props).toEqual({ enterpriseCount: null, projectCount: null, projectInvestmentSum: null });
      expect(Object.keys(full?.props ?? {}).length).toBeGreaterThan(0);
      const pick = ({ id, kind, name, subtype, englishName, aliases, industries, qualityFlags }: typeof item.node) => ({
        id,
        kind,
        name,
        subtype,
        englishName,
        aliases,
        industries,
        qualityFlags,
      });
      expect(pick(item.node)).toEqual(full === undefined ? undefined : pick(full));
    }
  });

  // A relation page reads its ends light when both `from` and `to` select only light fields.
  const RELATION_PAGES: [string, string, RegExp][] = [
    ['every type', 'relations(first: 50)', /^read\/relation-page$/],
    ['one type', 'relations(first: 50, types: [OPERATES], direction: OUT)', /^read\/relation-type-page#OPERATES$/],
  ];

  test.each(RELATION_PAGES)(
    'a relation page of %s reads light ends exactly when both ends select light fields; the same answers, no other read',
    async (_what, field, statement) => {
      const query = (from: string, to: string): string =>
        `query ($id: ID!) { node(id: $id) { ... on Entity { ${field} { edges { node { id from { ${from} } to { ${to} } } } } } } }`;
      const variables = { id: 'zone:shangdang-etdz' };
      const ask = async (text: string) => {
        reads.length = 0;
        const { body } = await postGraphQL(app.url, text, variables);
        expect(body.errors).toBeUndefined();
        const page = reads.filter((read) => statement.test(read.name));
        const strip = (end: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(end).filter(([key]) => key !== 'nameVariants'));
        return {
          lightEnds: page.map((read) => read.params.lightEnds === true),
          // No entity read: the node itself and the ends come with the page.
          entityReads: reads.filter((read) => read.name === 'read/entities-by-ids').length,
          edges: edgesOf(body.data).map(({ node }) => ({
            id: node.id,
            from: strip(node.from as Record<string, unknown>),
            to: strip(node.to as Record<string, unknown>),
          })),
        };
      };
      const light = await ask(query(LIGHT_SELECTION, LIGHT_SELECTION));
      const wholeTo = await ask(query(LIGHT_SELECTION, `${LIGHT_SELECTION} ${HEAVY}`));
      const wholeFrom = await ask(query(`${LIGHT_SELECTION} ${HEAVY}`, 'id name'));
      // The same end asked twice, once for a field no light record holds.
      const both = await ask(query(`a: name b: ${HEAVY}`, 'id'));
      expect([light, wholeTo, wholeFrom, both].map((answer) => answer.lightEnds)).toEqual([
        [true],
        [false],
        [false],
        [false],
      ]);
      expect([light, wholeTo, wholeFrom, both].map((answer) => answer.entityReads)).toEqual([0, 0, 0, 0]);
      expect(light.edges.length).toBeGreaterThan(1);
      expect(light.edges).toEqual(wholeTo.edges);
      expect(light.edges.map((edge) => ({ ...edge, to: { id: edge.to.id, name: edge.to.name } }))).toEqual(
        wholeFrom.edges,
      );
    },
  );

  test('light ends serve only light fields: the whole record is still read for a field that needs more', async () => {
    const loaders = createLoaders(app.executor);
    const page = await loaders.relationPage.load({
      id: 'zone:shangdang-etdz',
      types: ['OPERATES'],
      direction: 'OUT',
      first: 50,
      after: null,
      with: { ends: true, lightEnds: true },
    });
    const end = page.items[0]?.node.toId;
    expect(end).toBeDefined();
    reads.length = 0;
    const light = await loaders.lightEntity.load(end as string);
    expect(reads).toEqual([]);
    expect(Object.keys(light?.props ?? {}).sort()).toEqual(['enterpriseCount', 'projectCount', 'projectInvestmentSum']);
    const whole = await loaders.entity.load(end as string);
    expect(reads.map((read) => read.name)).toEqual(['read/entities-by-ids']);
    expect(Object.keys(whole?.props ?? {}).length).toBeGreaterThan(0);
    expect(whole?.name).toBe(light?.name);
    // Whole ends (other loaders: a request's own) serve both, with no read.
    const fresh = createLoaders(app.executor);
    await fresh.relationPage.load({
      id: 'zone:shangdang-etdz',
      types: ['OPERATES'],
      direction: 'OUT',
      first: 50,
      after: null,
      with: { ends: true },
    });
    reads.length = 0;
    expect(Object.keys((await fresh.lightEntity.load(end as string))?.props ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys((await fresh.entity.load(end as string))?.props ?? {}).length).toBeGreaterThan(0);
    expect(reads).toEqual([]);
  });
});
