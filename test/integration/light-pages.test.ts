/*
 * Light pages: a connection whose nodes select only the fields of a light record (id, kind, name,
 * subtype, englishName, aliases, industries, qualityFlags, __typename, a zone's stats) reads the
 * properties those fields need (id, kind and name always; the three zone figures for stats)
 * instead of all of them (src/graphql/selection.ts, lightNodes). On the seed graph, through HTTP:
 * the statements run with `light` (the properties) exactly when the selection allows it, and
 * every light answer is the whole read's answer for the same fields.
 */
import { createApp, type App } from '../../src/app';
import { Executor } from '../../src/db/executor';
import type { QueryName } from '../../src/db/queries';
import { createLoaders } from '../../src/entities/loaders';
import { quantityProps, RELATION_RECORD_PROPS, type EntityRecord } from '../../src/entities/records';
import { LIGHT_ENTITY_PROPS } from '../../src/graphql/selection';
import { loadSeed } from '../../src/ingest/seed';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

const LIGHT_SELECTION = 'id kind name subtype englishName aliases industries qualityFlags __typename';
/** The properties LIGHT_SELECTION needs, in the order the statements read them. */
const LIGHT_PROPS = ['id', 'kind', 'name', 'subtype', 'englishName', 'aliases', 'industries', 'qualityFlags'];
const BASE_PROPS = ['id', 'kind', 'name'];
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
  ): Promise<{ edges: Edges['edges']; light: unknown[] }> {
    reads.length = 0;
    const { body } = await postGraphQL(app.url, query, variables);
    expect(body.errors).toBeUndefined();
    const light = reads.filter((read) => statement.test(read.name)).map((read) => read.params.light);
    return { edges: edgesOf(body.data), light };
  }

  test.each(CONNECTIONS)(
    '%s: light with light fields only, whole otherwise; the same answers',
    async (_what, query, variables, statement) => {
      const light = await ask(query.replace('NODE', LIGHT_SELECTION), variables, statement);
      const named = await ask(query.replace('NODE', 'id name __typename'), variables, statement);
      const whole = await ask(query.replace('NODE', `${LIGHT_SELECTION} ${HEAVY}`), variables, statement);
      expect(light.light).toEqual([LIGHT_PROPS]);
      expect(named.light).toEqual([BASE_PROPS]);
      expect(whole.light).toEqual([null]);
      // A real page, and one whose records carry the fields compared.
      expect(light.edges.length).toBeGreaterThan(0);
      expect(whole.edges.some((edge) => (edge.node.nameVariants as unknown[]).length > 0)).toBe(true);
      const pick = (fields: string[]) => (edge: Edges['edges'][number]) => ({
        node: Object.fromEntries(Object.entries(edge.node).filter(([key]) => fields.includes(key))),
      });
      expect(light.edges).toEqual(whole.edges.map(pick(LIGHT_SELECTION.split(' '))));
      expect(named.edges).toEqual(whole.edges.map(pick(['id', 'name', '__typename'])));
    },
  );

  test("a zone's stats keep a page light, with the same figures as a whole read", async () => {
    const query = (extra: string): string =>
      `{ zones(first: 50, orderBy: TOTAL_INVESTMENT_DESC) { edges { node { id name ${extra}
        stats { enterpriseCount projectCount totalProjectInvestment { total { amount } } } } } } }`;
    const light = await ask(query(''), {}, /^read\/list-page#/);
    const whole = await ask(query(HEAVY), {}, /^read\/list-page#/);
    expect(light.light).toEqual([[...BASE_PROPS, 'enterpriseCount', 'projectCount', 'projectInvestmentSum']]);
    expect(whole.light).toEqual([null]);
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
    const cases: [string, string[] | null][] = [
      [list('id name'), BASE_PROPS],
      [list('n: name kind'), BASE_PROPS],
      [list('...F', 'fragment F on Enterprise { id name }'), BASE_PROPS],
      [list('...F', 'fragment F on Enterprise { id zone { id } }'), null],
      [list('... on Enterprise { id industries }'), [...BASE_PROPS, 'industries']],
      [
        list('qualityFlags ...F', 'fragment F on Enterprise { aliases subtype }'),
        [...BASE_PROPS, 'subtype', 'aliases', 'qualityFlags'],
      ],
      [list('... on Enterprise { relations(first: 1) { totalCount } }'), null],
      [list('id evidence { id }'), null],
      [list('id nameVariants { text }'), null],
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
    expect(counted.light).toEqual([BASE_PROPS]);
  });

  test('a light record holds the properties asked for and nothing else; a whole one holds them alike', async () => {
    const loaders = createLoaders(app.executor);
    const read = (kind: 'ENTERPRISE' | 'ZONE', light: readonly string[] | null) =>
      loaders.repository.listPage(kind, {}, 'NAME_ASC', { first: 10, after: null, light });
    for (const kind of ['ENTERPRISE', 'ZONE'] as const) {
      const light = await read(kind, LIGHT_ENTITY_PROPS);
      const named = await read(kind, BASE_PROPS);
      const whole = await read(kind, null);
      expect(light.items.map((item) => item.key)).toEqual(whole.items.map((item) => item.key));
      expect(named.items.map((item) => item.key)).toEqual(whole.items.map((item) => item.key));
      // Ten enterprises; the seed's four zones.
      expect(light.items.length).toBe(kind === 'ZONE' ? 4 : 10);
      const pick = ({ id, kind, name, subtype, englishName, aliases, industries, qualityFlags }: EntityRecord) => ({
        id,
        kind,
        name,
        subtype,
        englishName,
        aliases,
        industries,
        qualityFlags,
      });
      const figures = (props: EntityRecord['props']) =>
        Object.fromEntries(
          ['enterpriseCount', 'projectCount', 'projectInvestmentSum'].flatMap((key) =>
            props[key] === undefined || props[key] === null ? [] : [[key, props[key]]],
          ),
        );
      for (const [index, item] of light.items.entries()) {
        const full = whole.items[index]?.node as EntityRecord;
        expect(Object.keys(full.props).length).toBeGreaterThan(0);
        // The zone figures stats reads (none on an enterprise), and no other property.
        expect(item.node.props).toEqual(figures(full.props));
        expect(pick(item.node)).toEqual(pick(full));
        // Only id, kind and name: every other field is empty, whatever the entity has.
        const only = named.items[index]?.node as EntityRecord;
        expect(only.props).toEqual({});
        expect(pick(only)).toEqual({
          ...pick(full),
          subtype: null,
          englishName: null,
          aliases: [],
          industries: [],
          qualityFlags: [],
        });
      }
      // The figures are there to compare: zones have members, enterprises have a subtype.
      if (kind === 'ZONE') expect(light.items.some((item) => Number(item.node.props.enterpriseCount) > 0)).toBe(true);
      else expect(whole.items.some((item) => item.node.subtype !== null)).toBe(true);
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
          endProps: page.map((read) => read.params.endProps),
          relProps: page.map((read) => read.params.relProps),
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
      // Each end its own light fields: the page reads what either needs.
      const mixed = await ask(query('id name', 'subtype industries'));
      expect([light, wholeTo, wholeFrom, both, mixed].map((answer) => answer.endProps)).toEqual([
        [LIGHT_PROPS],
        [null],
        [null],
        [null],
        [[...BASE_PROPS, 'subtype', 'industries']],
      ]);
      // The relations' own fields read here (id, from, to) need none of their stored properties.
      expect(light.relProps).toEqual([[]]);
      expect([light, wholeTo, wholeFrom, both, mixed].map((answer) => answer.entityReads)).toEqual([0, 0, 0, 0, 0]);
      expect(light.edges.length).toBeGreaterThan(1);
      expect(light.edges).toEqual(wholeTo.edges);
      expect(mixed.edges).toEqual(
        wholeTo.edges.map((edge) => ({
          id: edge.id,
          from: { id: edge.from.id, name: edge.from.name },
          to: { subtype: edge.to.subtype, industries: edge.to.industries },
        })),
      );
      expect(light.edges.map((edge) => ({ ...edge, to: { id: edge.to.id, name: edge.to.name } }))).toEqual(
        wholeFrom.edges,
      );
    },
  );

  test('node(id) reads the entity light with its page when its other fields are light or read it by id', async () => {
    const ask = async (text: string, statement: RegExp) => {
      reads.length = 0;
      const { body } = await postGraphQL(app.url, text, { id: 'zone:shangdang-etdz' });
      expect(body.errors).toBeUndefined();
      return {
        rootProps: reads.filter((read) => statement.test(read.name)).map((read) => read.params.rootProps),
        others: reads.filter((read) => !statement.test(read.name)).map((read) => read.name),
        data: body.data as { node: Record<string, unknown> },
      };
    };
    const relations = (extra: string) =>
      `query ($id: ID!) { node(id: $id) { ... on Entity { id ${extra} relations(first: 5) { totalCount edges { node { id } } } } } }`;
    const light = await ask(relations('name subtype evidence { id } facts { key }'), /^read\/relation-page$/);
    const whole = await ask(relations(`name subtype evidence { id } facts { key } ${HEAVY}`), /^read\/relation-page$/);
    expect(light.rootProps).toEqual([[...BASE_PROPS, 'subtype']]);
    expect(whole.rootProps).toEqual([null]);
    // The same answer, and no statement to read the entity on its own.
    expect(light.others).not.toContain('read/entities-by-ids');
    expect(whole.others).not.toContain('read/entities-by-ids');
    const { nameVariants: _variants, ...rest } = whole.data.node;
    expect(light.data.node).toEqual(rest);
    expect((light.data.node.evidence as unknown[]).length).toBeGreaterThan(0);
    // A zone with its members: the light zone holds the count its connection reports.
    const members = (extra: string) =>
      `query ($id: ID!) { node(id: $id) { ... on Zone { name ${extra} enterprises(first: 5) { totalCount edges { node { id } } } } } }`;
    const lightZone = await ask(members('stats { projectCount }'), /^read\/member-page$/);
    const wholeZone = await ask(members(`stats { projectCount } ${HEAVY}`), /^read\/member-page$/);
    expect(lightZone.rootProps).toEqual([[...BASE_PROPS, 'enterpriseCount', 'projectCount', 'projectInvestmentSum']]);
    expect(wholeZone.rootProps).toEqual([null]);
    const { nameVariants: _zoneVariants, ...zone } = wholeZone.data.node;
    expect(lightZone.data.node).toEqual(zone);
    expect((lightZone.data.node.enterprises as { totalCount: number }).totalCount).toBeGreaterThan(0);
    const named = await ask(
      'query ($id: ID!) { node(id: $id) { ... on Zone { enterprises(first: 5) { totalCount } } } }',
      /^read\/member-page$/,
    );
    expect(named.rootProps).toEqual([[...BASE_PROPS, 'enterpriseCount']]);
    expect(named.data.node).toEqual({
      enterprises:
        zone.enterprises === undefined
          ? undefined
          : { totalCount: (zone.enterprises as { totalCount: number }).totalCount },
    });
  });

  // Each field of a relation that reads its stored properties, with the properties it needs.
  const RELATION_FIELDS: [string, string[]][] = [
    ['key', ['key']],
    ['amount { amount currency qualifier lower upper raw formatted expected }', quantityProps('amount')],
    ['date { value precision }', ['date']],
    ['period { start { value precision } end { value } }', ['periodStart', 'periodEnd']],
    ['status', ['status']],
    ['role', ['role']],
    ['properties { key value }', ['properties']],
    ['qualityFlags', ['qualityFlags']],
    ['evidence { id quote }', ['evidenceIds']],
  ];

  test('a relation page reads the relation properties its selection needs; each field answers as with all of them', async () => {
    // Entities whose relations have amounts, keys, dates, periods, statuses, roles and properties.
    const ids = [
      'instrument:local-government-special-bond',
      'enterprise:huaqing',
      'bank:bank-of-china',
      'zone:shangdang-etdz',
    ];
    const ask = async (fields: string) => {
      reads.length = 0;
      const text = `query { ${ids.map((id, n) => `e${n}: node(id: "${id}") { ...R }`).join(' ')} }
        fragment R on Entity { relations(first: 40) { edges { node { id ${fields} } } } }`;
      const { body } = await postGraphQL(app.url, text, {});
      expect(body.errors).toBeUndefined();
      const data = body.data as Record<string, { relations: Edges }>;
      return {
        relProps: [
          ...new Set(
            reads
              .filter((read) => /^read\/relation-page$/.test(read.name))
              .map((read) => JSON.stringify(read.params.relProps)),
          ),
        ],
        edges: ids.flatMap((_id, n) => data[`e${n}`]?.relations.edges ?? []),
      };
    };
    const all = await ask(RELATION_FIELDS.map(([field]) => field).join(' '));
    expect(all.relProps).toEqual([JSON.stringify(RELATION_RECORD_PROPS)]);
    expect(all.edges.length).toBeGreaterThan(20);
    for (const [field, props] of RELATION_FIELDS) {
      const name = field.split(' ')[0] as string;
      // Not an empty comparison: some relation here has a value for the field.
      expect({
        name,
        some: all.edges.some(
          ({ node }) =>
            ![null, undefined].includes(node[name] as null) &&
            !(Array.isArray(node[name]) && (node[name] as unknown[]).length === 0),
        ),
      }).toEqual({ name, some: true });
      const one = await ask(field);
      expect({ field, relProps: one.relProps }).toEqual({ field, relProps: [JSON.stringify(props)] });
      expect(one.edges).toEqual(all.edges.map(({ node }) => ({ node: { id: node.id, [name]: node[name] } })));
    }
  });

  test('light ends serve the fields whose properties they hold: the whole record is read for one that needs more', async () => {
    const loaders = createLoaders(app.executor);
    const operated = (endProps: readonly string[] | null) =>
      loaders.relationPage.load({
        id: 'zone:shangdang-etdz',
        types: ['OPERATES'],
        direction: 'OUT',
        first: 50,
        after: null,
        with: { ends: true, endProps },
      });
    const page = await operated(BASE_PROPS);
    const end = page.items[0]?.node.toId as string;
    expect(end).toBeDefined();
    reads.length = 0;
    // Held now, without a promise, for a selection its properties serve, and not otherwise.
    const held = loaders.primedEntity(end, BASE_PROPS);
    expect(held?.id).toBe(end);
    expect(held).not.toBeInstanceOf(Promise);
    expect(loaders.primedEntity(end, [...BASE_PROPS, 'subtype'])).toBeUndefined();
    expect(loaders.primedEntity(end, null)).toBeUndefined();
    expect(loaders.primedEntity('zone:no-such-zone', BASE_PROPS)).toBeUndefined();
    const named = await loaders.lightEntity.load(end, BASE_PROPS);
    expect(reads).toEqual([]);
    expect(named).toBe(held);
    expect(named?.props).toEqual({});
    // A field that needs the subtype: not held, so the whole record is read.
    const whole = await loaders.lightEntity.load(end, [...BASE_PROPS, 'subtype']);
    expect(reads.map((read) => read.name)).toEqual(['read/entities-by-ids']);
    expect(Object.keys(whole?.props ?? {}).length).toBeGreaterThan(0);
    expect(whole?.name).toBe(named?.name);
    // A page with more properties serves more fields, with no read.
    const more = createLoaders(app.executor);
    await more.relationPage.load({
      id: 'zone:shangdang-etdz',
      types: ['OPERATES'],
      direction: 'OUT',
      first: 50,
      after: null,
      with: { ends: true, endProps: LIGHT_ENTITY_PROPS },
    });
    reads.length = 0;
    const light = await more.lightEntity.load(end, [...BASE_PROPS, 'subtype', 'industries']);
    expect(reads).toEqual([]);
    expect(light?.subtype).toBe(whole?.subtype);
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
    const primedWhole = fresh.primedEntity(end, null);
    expect(Object.keys(primedWhole?.props ?? {}).length).toBeGreaterThan(0);
    expect(fresh.primedEntity(end, [...BASE_PROPS, 'subtype'])).toBe(primedWhole);
    expect(Object.keys((await fresh.lightEntity.load(end, BASE_PROPS))?.props ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys((await fresh.entity.load(end))?.props ?? {}).length).toBeGreaterThan(0);
    expect(reads).toEqual([]);
  });

  // [what, the field with NODE where its entities' selection goes and FROM for a relation's
  // `from`, the statement, what a light record holds beyond the selection's needs, the entities
  // in the answer, the rest of it]
  const GRAPHS: [
    string,
    string,
    QueryName,
    string[],
    (data: Record<string, unknown>) => unknown[],
    (data: Record<string, unknown>) => unknown[],
  ][] = [
    [
      'a neighbourhood',
      `{ neighborhood(id: "zone:shangdang-etdz", depth: 2, limit: 25) {
          nodes { depth degree omittedNeighbours entity { NODE } }
          edges { id type from { FROM } to { id name subtype } amount { amount currency } evidence { id } } } }`,
      'analytics/neighborhood',
      [],
      (data) => (data.neighborhood as { nodes: { entity: unknown }[] }).nodes.map((node) => node.entity),
      (data) => (data.neighborhood as { edges: unknown[] }).edges,
    ],
    [
      'paths',
      `{ paths(from: "zone:shenchi-modern-agriculture", to: "zone:shangdang-etdz", first: 10) {
          length nodes { NODE } relations { id type from { FROM } to { id name subtype } amount { amount currency } evidence { id } } } }`,
      'analytics/paths-followed#4',
      [],
      (data) => (data.paths as { nodes: unknown[] }[]).flatMap((path) => path.nodes),
      (data) => (data.paths as { relations: unknown[] }[]).flatMap((path) => path.relations),
    ],
    [
      // The reasons are written from the names and ordered by sort name: a light record holds it.
      'partner suggestions',
      `{ partnerSuggestions(for: "enterprise:huaqing", first: 15) { score candidate { NODE }
          reasons { kind description weight evidence { id }
            path { length nodes { id name } relations { id type from { FROM } to { id name subtype } amount { amount currency } } } } } }`,
      'analytics/suggestion-links',
      ['sortName'],
      (data) => (data.partnerSuggestions as { candidate: unknown }[]).map((suggestion) => suggestion.candidate),
      (data) => (data.partnerSuggestions as { reasons: unknown[] }[]).flatMap((suggestion) => suggestion.reasons),
    ],
  ];

  test.each(GRAPHS)(
    '%s reads the entity and relation properties its selection needs, in one statement; the same answers',
    async (_what, text, statement, held, entitiesOf, restOf) => {
      const ask = async (node: string, from: string) => {
        reads.length = 0;
        const { body } = await postGraphQL(app.url, text.replace('NODE', node).replace('FROM', from), {});
        expect(body.errors).toBeUndefined();
        const data = body.data as Record<string, unknown>;
        return {
          // What the statement read, and which other statements ran.
          read: reads
            .filter((read) => read.name === statement)
            .map((read) => [read.params.entityProps, read.params.relProps]),
          others: [...new Set(reads.map((read) => read.name).filter((name) => name !== statement))],
          entities: entitiesOf(data) as Record<string, unknown>[],
          rest: restOf(data),
        };
      };
      const relProps = RELATION_RECORD_PROPS.filter((prop) =>
        [...quantityProps('amount'), 'evidenceIds'].includes(prop),
      );
      const light = await ask(LIGHT_SELECTION, 'id name');
      expect(light.read).toEqual([[[...LIGHT_PROPS, ...held], relProps]]);
      // Nothing is read again by id but the relations' evidence.
      expect(light.others.filter((name) => /^read\//.test(name))).toEqual(['read/evidence-by-ids']);
      // A field no light record holds, where the entities are listed or at a relation's end: whole records.
      const whole = await ask(`${LIGHT_SELECTION} ${HEAVY}`, 'id name');
      const wholeEnds = await ask(LIGHT_SELECTION, `id name ${HEAVY}`);
      for (const read of [whole, wholeEnds]) {
        expect(read.read.map(([entityProps]) => entityProps)).toEqual([null]);
        expect(read.others).toEqual(light.others);
      }
      // A real graph, with the fields compared.
      expect(light.entities.length).toBeGreaterThan(3);
      expect(light.rest.length).toBeGreaterThan(2);
      expect(whole.entities.some((entity) => (entity.nameVariants as unknown[]).length > 0)).toBe(true);
      const fields = LIGHT_SELECTION.split(' ');
      expect(light.entities).toEqual(
        whole.entities.map((entity) =>
          Object.fromEntries(Object.entries(entity).filter(([key]) => fields.includes(key))),
        ),
      );
      expect(light.rest).toEqual(whole.rest);
      expect(light.entities).toEqual(wholeEnds.entities);
    },
  );
});
