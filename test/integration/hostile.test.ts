import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { testConfig } from '../helpers/env';
import { cypher } from '../helpers/db';
import { postGraphQL, type GraphQLBody } from '../helpers/graphql';

/** Posts a raw body as JSON, for cases a well-formed client never sends. */
function postRawResponse(url: string, body: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

async function postRaw(url: string, body: string): Promise<{ status: number; body: GraphQLBody }> {
  const response = await postRawResponse(url, body);
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

function nest(depth: number): string {
  let inner = 'name';
  for (let level = 0; level < depth; level += 1) inner = `enterprises { edges { node { zone { ${inner} } } } }`;
  return `{ zones(first: 1) { edges { node { ${inner} } } } }`;
}

const INJECTIONS = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n //',
  '$id} RETURN 1 UNION MATCH (n) RETURN n //',
  '\\u0027; CALL dbms.components() //',
  "zone:shangdang-etdz' OR 1=1",
];

describe('the hostile-query corpus (production settings)', () => {
  let app: App;
  let nodesBefore = 0;

  async function countNodes(): Promise<number> {
    const [row] = await cypher(app.driver, 'MATCH (n) RETURN count(n) AS n');
    return Number(row?.n);
  }

  beforeAll(async () => {
    app = await createApp(testConfig({ NODE_ENV: 'production' }), { log: () => undefined });
    expect((await loadSeed(app.executor)).issues).toEqual([]);
    nodesBefore = await countNodes();
  });
  afterAll(async () => {
    expect(await countNodes()).toBe(nodesBefore);
    await app.stop();
  });

  /** Sends a query and checks it is refused with `code` while Neo4j sees no statement at all. */
  async function refused(query: string, code: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody> {
    const before = app.executor.statementCount;
    const { status, body } = await postGraphQL(app.url, query, variables);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(app.executor.statementCount).toBe(before);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js:\d+|Neo4jError|node_modules/);
    return body;
  }

  test('deep nesting is refused as QUERY_TOO_DEEP', async () => {
    await refused(nest(6), 'QUERY_TOO_DEEP');
  });

  test('alias amplification is refused as TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: search(query: "上党") { score }`).join(' ');
    await refused(`{ ${aliases} }`, 'TOO_MANY_ALIASES');
  });

  test('a query whose lists multiply past the cost limit is refused as QUERY_TOO_COMPLEX', async () => {
    await refused(
      `{ zones(first: 100) { edges { node { relations(first: 100) { edges { node { evidence { quote } from { name } to { name } } } } } } } }`,
      'QUERY_TOO_COMPLEX',
    );
  });

  test('fragment cycles are refused by validation', async () => {
    await refused(
      `{ zones { edges { node { ...A } } } } fragment A on Zone { name ...B } fragment B on Zone { id ...A }`,
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  test('a fragment named __schema does not smuggle introspection through', async () => {
    await refused(
      `query { ...__schema } fragment __schema on Query { __schema { types { name } } }`,
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  test('introspection is off in production', async () => {
    await refused('{ __schema { queryType { name } } }', 'GRAPHQL_VALIDATION_FAILED');
    await refused('{ __type(name: "Zone") { fields { name } } }', 'GRAPHQL_VALIDATION_FAILED');
  });

  test('field suggestions are off in production', async () => {
    const body = await refused('{ zone { name } }', 'GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toContain('Did you mean');
  });

  test.each([
    ['literal', '{ zones(first: 1000000) { totalCount } }', {}],
    ['variable', 'query ($n: Int!) { zones(first: $n) { totalCount } }', { n: 101 }],
    ['zero', '{ search(query: "上党", first: 0) { score } }', {}],
    ['nested', '{ zones(first: 1) { edges { node { relations(first: 500) { totalCount } } } } }', {}],
  ])('a page size outside 1..100 (%s) is refused as BAD_USER_INPUT', async (_name, query, variables) => {
    await refused(query, 'BAD_USER_INPUT', variables);
  });

  test.each([
    [
      'paths first 11 (1..10)',
      '{ paths(from: "zone:pingyao-etdz", to: "zone:shangdang-etdz", first: 11) { length } }',
      {},
    ],
    [
      'paths maxHops 7 (1..6)',
      '{ paths(from: "zone:pingyao-etdz", to: "zone:shangdang-etdz", maxHops: 7) { length } }',
      {},
    ],
    ['neighborhood depth 4 (1..3)', '{ neighborhood(id: "zone:pingyao-etdz", depth: 4) { nodes { depth } } }', {}],
    [
      'partnerSuggestions first 51 (1..50)',
      '{ partnerSuggestions(for: "zone:pingyao-etdz", first: 51) { score } }',
      {},
    ],
    [
      'a variable',
      'query ($d: Int) { neighborhood(id: "zone:pingyao-etdz", depth: $d) { nodes { depth } } }',
      { d: 9 },
    ],
    ['a variable default', 'query ($f: Int! = 500) { zones(first: $f) { totalCount } }', {}],
  ])(
    'a bounded argument out of its own range (%s) is refused the same way, before any resolver: 400 BAD_USER_INPUT',
    async (_name, query, variables) => {
      const body = await refused(query, 'BAD_USER_INPUT', variables);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.message).toMatch(/must be between \d+ and \d+, got -?\d+/);
    },
  );

  test('only the operation that runs is held to the bounds: another one in the document is not', async () => {
    const { status, body } = await postRaw(
      app.url,
      JSON.stringify({
        query: 'query A { zones(first: 1) { totalCount } } query B { zones(first: 500) { totalCount } }',
        operationName: 'A',
      }),
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  /**
   * Sends a request a well-formed client never sends and checks it is refused with `status`
   * and `code`, with a clear message and no internals, while Neo4j sees no statement at all.
   */
  async function refusedRaw(send: () => Promise<Response>, status: number, code: string): Promise<GraphQLBody> {
    const before = app.executor.statementCount;
    const response = await send();
    const body = (await response.json()) as GraphQLBody;
    expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(body.errors?.[0]?.message).toEqual(expect.any(String));
    expect(body.data).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js:\d+|Neo4jError|node_modules/);
    expect(app.executor.statementCount).toBe(before);
    return body;
  }

  test('an oversized body is refused with 413 before parsing', async () => {
    await refusedRaw(
      () => postRawResponse(app.url, JSON.stringify({ query: `{ zones { totalCount } } # ${'x'.repeat(120_000)}` })),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  test('batched arrays are refused', async () => {
    await refusedRaw(
      () =>
        postRawResponse(app.url, JSON.stringify([{ query: '{ zones { totalCount } }' }, { query: '{ apiVersion }' }])),
      400,
      'BAD_REQUEST',
    );
  });

  test('a request without a JSON content type is refused by CSRF prevention, before any statement', async () => {
    const body = await refusedRaw(
      () => fetch(`${app.url}?query=${encodeURIComponent('{ zones { totalCount } }')}`),
      400,
      'BAD_REQUEST',
    );
    expect(body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    // A form post (a simple request a browser sends cross-site without a preflight) too.
    await refusedRaw(
      () =>
        fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ query: '{ zones { totalCount } }' }),
        }),
      400,
      'BAD_REQUEST',
    );
  });

  test('malformed JSON gets a clear 400, before any statement', async () => {
    const body = await refusedRaw(
      () => postRawResponse(app.url, '{"query": "{ zones { totalCount } }"'),
      400,
      'BAD_REQUEST',
    );
    expect(body.errors?.[0]?.message).toBe('The request body is not valid JSON.');
  });

  test.each(INJECTIONS)('Cypher injection in every string argument is plain data: %p', async (payload) => {
    const query = `query ($s: String!, $id: ID!) {
      search(query: $s) { score }
      node(id: $id) { id }
      zones(where: { nameContains: $s, industry: $s }) { totalCount }
      entities(kind: REGION, where: { nameContains: $s }) { totalCount }
      z: node(id: "zone:shangdang-etdz") { ... on Zone { facts(keys: [$s]) { key } } }
    }`;
    const { status, body } = await postGraphQL(app.url, query, { s: payload, id: payload });
    // Every field answers, and answers nothing: the payload matched no name, id, industry or key.
    expect({ status, body }).toEqual({
      status: 200,
      body: {
        data: {
          search: [],
          node: null,
          zones: { totalCount: 0 },
          entities: { totalCount: 0 },
          z: { facts: [] },
        },
      },
    });
    // As a zone or region id it is looked up as a value: NOT_FOUND, naming it.
    for (const filter of ['zone', 'region']) {
      const lookup = await postGraphQL(
        app.url,
        `query ($id: ID!) { zones(where: { ${filter}: $id }) { totalCount } }`,
        {
          id: payload,
        },
      );
      expect(lookup.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: payload });
    }
    const cursor = await postGraphQL(app.url, 'query ($a: String) { zones(after: $a) { totalCount } }', { a: payload });
    expect(cursor.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countNodes()).toBe(nodesBefore);
  });
});
