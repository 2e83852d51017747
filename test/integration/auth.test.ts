import { createApp, type App } from '../../src/app';
import { ingestBatch } from '../../src/ingest/writer';
import { relationId } from '../../src/ingest/plan';
import { testConfig } from '../helpers/env';
import { cypher } from '../helpers/db';
import { postGraphQL } from '../helpers/graphql';
import { removeRun, runToken } from '../helpers/isolation';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';

const STARTED = new Date();
const RUN = runToken('auth');
const SOURCE = `source:${RUN}`;
const TEXT = `甲${RUN}公司与乙${RUN}公司合作。丙${RUN}公司成立。`;
const A = `enterprise:${RUN}-a`;
const B = `enterprise:${RUN}-b`;

type Caller = 'anonymous' | 'invalid' | 'reader' | 'editor' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'invalid', 'reader', 'editor', 'admin'];

function headers(caller: Caller): Record<string, string> {
  if (caller === 'anonymous') return {};
  if (caller === 'invalid') return bearer('not-a-key');
  return bearer(KEYS[caller]);
}

/** Each mutation with the least role it needs and an input valid for this test's own data. */
const MUTATIONS: {
  name: string;
  needs: 'editor' | 'admin';
  query: string;
  variables: () => Record<string, unknown>;
}[] = [
  {
    name: 'upsertEntity',
    needs: 'editor',
    query: 'mutation ($input: EntityInput!) { upsertEntity(input: $input) { status ids } }',
    variables: () => ({
      input: {
        id: `enterprise:${RUN}-c`,
        kind: 'ENTERPRISE',
        name: `丙${RUN}公司`,
        evidence: [{ source: SOURCE, quote: `丙${RUN}公司成立` }],
      },
    }),
  },
  {
    name: 'upsertRelation',
    needs: 'editor',
    query: 'mutation ($input: RelationInput!) { upsertRelation(input: $input) { status ids } }',
    variables: () => ({
      input: {
        type: 'PARTNERED_WITH',
        from: A,
        to: B,
        key: 'auth',
        evidence: [{ source: SOURCE, quote: `甲${RUN}公司与乙${RUN}公司合作` }],
      },
    }),
  },
  {
    name: 'ingest',
    needs: 'editor',
    query: 'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status ids } }',
    variables: () => ({
      batch: {
        entities: [
          {
            id: `enterprise:${RUN}-d`,
            kind: 'ENTERPRISE',
            name: `丁${RUN}`,
            evidence: [{ source: SOURCE, quote: `公司成立` }],
          },
        ],
      },
    }),
  },
  {
    name: 'deleteRelation',
    needs: 'admin',
    query: 'mutation ($id: ID!) { deleteRelation(id: $id) { status ids } }',
    variables: () => ({ id: relationId('PARTNERED_WITH', A, B, 'seeded').id }),
  },
  {
    name: 'mergeEntities',
    needs: 'admin',
    query:
      'mutation ($keep: ID!, $merge: ID!) { mergeEntities(keep: $keep, merge: $merge, reason: "same firm") { status ids } }',
    variables: () => ({ keep: A, merge: B }),
  },
];

const RANK = { anonymous: 0, invalid: 0, reader: 1, editor: 2, admin: 3 } as const;

describe('API keys and roles on every mutation', () => {
  let app: App;

  /**
   * Every test starts from the same data, whatever ran before it: everything of the run is
   * removed (the merge record an allowed mergeEntities leaves too, which would refuse the
   * merged id as MERGED_ID) and written again.
   */
  async function resetData(): Promise<void> {
    expect(await removeRun(app.driver, RUN, STARTED)).toBe(0);
    const result = await ingestBatch(
      app.executor,
      {
        sources: [{ id: SOURCE, publisher: 'test', kind: 'ARTICLE', text: TEXT }],
        entities: [
          { id: A, kind: 'ENTERPRISE', name: `甲${RUN}公司`, evidence: [{ source: SOURCE, quote: `甲${RUN}公司` }] },
          { id: B, kind: 'ENTERPRISE', name: `乙${RUN}公司`, evidence: [{ source: SOURCE, quote: `乙${RUN}公司` }] },
        ],
        relations: [
          {
            type: 'PARTNERED_WITH',
            from: A,
            to: B,
            key: 'seeded',
            evidence: [{ source: SOURCE, quote: `甲${RUN}公司与乙${RUN}公司合作` }],
          },
        ],
      },
      { origin: 'test', ignoreLedger: true },
    );
    expect(result.issues).toEqual([]);
  }

  async function fingerprint(): Promise<unknown> {
    return cypher(
      app.driver,
      `MATCH (n:Entity) WHERE n.id STARTS WITH $p
       OPTIONAL MATCH (n)-[r]-() RETURN n.id AS id, n.aliases AS aliases, collect(r.id) AS rels ORDER BY id`,
      { p: `enterprise:${RUN}` },
    );
  }

  beforeAll(async () => {
    app = await createApp(testConfig({ API_KEYS }), { log: () => undefined });
  });
  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  for (const mutation of MUTATIONS) {
    for (const caller of CALLERS) {
      const allowed = RANK[caller] >= RANK[mutation.needs];
      test(`${mutation.name} as ${caller}: ${allowed ? 'allowed' : 'refused, nothing changes'}`, async () => {
        await resetData();
        const before = await fingerprint();
        const statements = app.executor.statementCount;
        const { status, body } = await postGraphQL(app.url, mutation.query, mutation.variables(), headers(caller));
        if (allowed) {
          expect(body.errors).toBeUndefined();
          const result = body.data?.[mutation.name] as { status: string };
          expect(['APPLIED', 'DELETED', 'MERGED']).toContain(result.status);
          expect(await fingerprint()).not.toEqual(before);
          return;
        }
        const expected = caller === 'anonymous' || caller === 'invalid' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        expect(body.errors?.[0]?.extensions?.code).toBe(expected);
        if (caller === 'invalid') expect(status).toBe(401);
        expect(app.executor.statementCount).toBe(statements);
        expect(await fingerprint()).toEqual(before);
      });
    }
  }

  test('reads are open by default, and an invalid key is refused even for reads', async () => {
    expect((await postGraphQL(app.url, '{ apiVersion }')).body.data).toEqual({ apiVersion: '0.2.0' });
    const refused = await postGraphQL(app.url, '{ apiVersion }', {}, bearer('wrong'));
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('x-api-key works as well as a bearer token', async () => {
    const { body } = await postGraphQL(
      app.url,
      'mutation ($id: ID!) { deleteRelation(id: $id) { status } }',
      { id: 'rel:hosts:doesnotexist' },
      { 'x-api-key': KEYS.reader },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('REQUIRE_API_KEY_FOR_READS', () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp(testConfig({ API_KEYS, REQUIRE_API_KEY_FOR_READS: 'true' }), { log: () => undefined });
  });
  afterAll(() => app.stop());

  test('refuses anonymous reads before touching Neo4j and serves a reader key', async () => {
    const statements = app.executor.statementCount;
    const refused = await postGraphQL(app.url, '{ zones { totalCount } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(app.executor.statementCount).toBe(statements);
    const served = await postGraphQL(app.url, '{ zones { totalCount } }', {}, bearer(KEYS.reader));
    expect(served.body.errors).toBeUndefined();
  });
});
