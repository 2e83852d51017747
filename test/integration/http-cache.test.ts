/*
 * HTTP caching of GET reads over real HTTP, on two API replicas sharing one Neo4j: a read gets
 * an ETag from the graph version kept in Neo4j, If-None-Match gives 304 without running the
 * query, and a write through either replica makes every earlier ETag stale on both.
 */
import { createApp, type App } from '../../src/app';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';
import { graphqlGetUrl, httpRequest, type RawResponse } from '../helpers/http';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';
import { removeRun } from '../helpers/isolation';

const RUN = `hcache${Date.now().toString(36)}`;
const STARTED = new Date();
const SOURCE = `source:${RUN}`;
const BANK = `bank:${RUN}-a`;
const TEXT = `甲${RUN}银行向项目提供贷款。`;
const EDITOR = bearer(KEYS.editor);
const READ = 'query ($id: ID!) { node(id: $id) { id ... on Bank { name englishName } } }';
const CSRF = { 'apollo-require-preflight': 'true' };

const UPSERT = 'mutation ($input: EntityInput!) { upsertEntity(input: $input) { status issues { code } } }';

function bankInput(englishName: string): Record<string, unknown> {
  return {
    id: BANK,
    kind: 'BANK',
    name: `甲${RUN}银行`,
    englishName,
    evidence: [{ source: SOURCE, quote: `甲${RUN}银行` }],
  };
}

describe('HTTP caching of GET reads (ETag from the graph version in Neo4j)', () => {
  let a: App;
  let b: App;
  const url = (app: App): string => graphqlGetUrl(app.url, READ, { id: BANK });
  const get = (app: App, headers: Record<string, string> = {}): Promise<RawResponse> =>
    httpRequest(url(app), { headers: { ...CSRF, ...headers } });
  const englishName = (response: RawResponse): unknown =>
    (JSON.parse(response.body.toString()) as { data: { node: { englishName: unknown } } }).data.node.englishName;
  const versionNode = async (): Promise<{ token: unknown; writes: number }> => {
    const [row] = await cypher(
      a.driver,
      "MATCH (v:GraphVersion {id: 'graph'}) RETURN v.token AS token, v.writes AS writes",
    );
    return { token: row?.token, writes: Number(row?.writes) };
  };

  beforeAll(async () => {
    // Writes on a machine shared with other test runs can pass the default 5 s timeout.
    const config = testConfig({ API_KEYS, NEO4J_TX_TIMEOUT_MS: '30000' });
    a = await createApp(config, { log: () => undefined });
    b = await createApp(config, { log: () => undefined });
    const { body } = await postGraphQL(
      a.url,
      'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status issues { code } } }',
      {
        batch: {
          sources: [{ id: SOURCE, publisher: 'test', text: TEXT }],
          entities: [bankInput('First Name Bank')],
        },
      },
      EDITOR,
    );
    expect(body.data?.ingest).toEqual({ status: 'APPLIED', issues: [] });
  });

  afterAll(async () => {
    await cypher(a.driver, 'MATCH (n:Entity) WHERE n.id CONTAINS $run DETACH DELETE n', { run: RUN });
    await cypher(a.driver, 'MATCH (e:Evidence) WHERE e.sourceId CONTAINS $run DETACH DELETE e', { run: RUN });
    await cypher(a.driver, 'MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run DELETE c', { run: RUN });
    await cypher(a.driver, 'MATCH (l:IngestLedger) WHERE l.key CONTAINS $run DELETE l', { run: RUN });
    // Batches sent without a key are recorded under their content hash: removeRun finds those too.
    const left = await removeRun(a.driver, RUN, STARTED);
    await Promise.all([a.stop(), b.stop()]);
    expect(left).toBe(0);
  });

  test('a GET read gets a weak ETag and Cache-Control: public, no-cache; If-None-Match gives 304 without running it', async () => {
    const first = await get(a);
    expect(first.status).toBe(200);
    expect(englishName(first)).toBe('First Name Bank');
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect(String(first.headers.vary)).toMatch(/Origin/);
    expect(String(first.headers.vary)).toMatch(/Accept-Encoding/);

    const before = a.executor.statementCount;
    const again = await get(a, { 'if-none-match': tag });
    // Only the version was read: the node lookup did not run.
    expect(a.executor.statementCount - before).toBe(1);
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(tag);
    expect(again.headers['cache-control']).toBe('public, no-cache');
    // A 304 repeats the 200's Vary (RFC 9110 §15.4.5), so a cache keeps the variants apart.
    expect(String(again.headers.vary)).toMatch(/Origin/);
    expect(String(again.headers.vary)).toMatch(/Accept-Encoding/);
    // A list of validators, and the strong form of the same tag, match too (weak comparison).
    expect((await get(a, { 'if-none-match': `W/"other", ${tag.slice(2)}` })).status).toBe(304);

    const executed = a.executor.statementCount;
    await get(a);
    expect(a.executor.statementCount - executed).toBeGreaterThan(1);
  });

  test('another replica gives the same ETag and honours the first one’s', async () => {
    const fromA = await get(a);
    const fromB = await get(b);
    expect(fromB.headers.etag).toBe(fromA.headers.etag);
    expect((await get(b, { 'if-none-match': String(fromA.headers.etag) })).status).toBe(304);
  });

  test('a write through one replica makes the ETags of both stale; the new answer has a new ETag', async () => {
    const old = await get(a);
    const oldTag = String(old.headers.etag);
    const versionBefore = await versionNode();
    const written = await postGraphQL(b.url, UPSERT, { input: bankInput('Second Name Bank') }, EDITOR);
    expect(written.body.data?.upsertEntity).toEqual({ status: 'APPLIED', issues: [] });
    const versionAfter = await versionNode();
    expect(versionAfter.token).not.toBe(versionBefore.token);
    expect(versionAfter.writes).toBe(versionBefore.writes + 1);

    for (const app of [a, b]) {
      const fresh = await get(app, { 'if-none-match': oldTag });
      expect(fresh.status).toBe(200);
      expect(englishName(fresh)).toBe('Second Name Bank');
      expect(fresh.headers.etag).not.toBe(oldTag);
      expect((await get(app, { 'if-none-match': String(fresh.headers.etag) })).status).toBe(304);
    }
  });

  test('a refused write commits nothing, so the ETag stays valid', async () => {
    const tag = String((await get(a)).headers.etag);
    const refused = await postGraphQL(a.url, UPSERT, { input: { ...bankInput('x'), evidence: [] } }, EDITOR);
    expect(refused.body.data?.upsertEntity).toEqual({ status: 'REJECTED', issues: [{ code: 'MISSING_EVIDENCE' }] });
    expect((await get(a, { 'if-none-match': tag })).status).toBe(304);
  });

  test('with a key: Cache-Control private (no shared cache keeps it) and an ETag of its own', async () => {
    const anonymous = await get(a);
    const keyed = await get(a, { authorization: `Bearer ${KEYS.reader}` });
    expect(keyed.status).toBe(200);
    expect(keyed.headers['cache-control']).toBe('private, no-cache');
    expect(keyed.headers.etag).toBeDefined();
    expect(keyed.headers.etag).not.toBe(anonymous.headers.etag);
    // The anonymous tag does not validate the keyed request.
    const cross = await get(a, {
      authorization: `Bearer ${KEYS.reader}`,
      'if-none-match': String(anonymous.headers.etag),
    });
    expect(cross.status).toBe(200);
  });

  test('POST reads, mutations and answers with errors are no-store and carry no ETag', async () => {
    const post = await httpRequest(a.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: READ, variables: { id: BANK } }),
    });
    expect(post.status).toBe(200);
    expect(post.headers['cache-control']).toBe('no-store');
    expect(post.headers.etag).toBeUndefined();

    const mutation = await httpRequest(a.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...EDITOR },
      body: JSON.stringify({ query: UPSERT, variables: { input: { ...bankInput('x'), evidence: [] } } }),
    });
    expect(mutation.headers['cache-control']).toBe('no-store');
    expect(mutation.headers.etag).toBeUndefined();

    // An answer with an error in it (a filter naming a zone that does not exist).
    const failing = await httpRequest(
      graphqlGetUrl(a.url, 'query ($z: ID) { zones(where: { zone: $z }) { totalCount } }', { z: `zone:${RUN}-none` }),
      { headers: CSRF },
    );
    expect((JSON.parse(failing.body.toString()) as { errors?: unknown[] }).errors).toHaveLength(1);
    expect(failing.headers['cache-control']).toBe('no-store');
    expect(failing.headers.etag).toBeUndefined();
    const invalid = await httpRequest(graphqlGetUrl(a.url, '{ nosuchfield }'), { headers: CSRF });
    expect(invalid.status).toBe(400);
    expect(invalid.headers['cache-control']).toBe('no-store');
    expect(invalid.headers.etag).toBeUndefined();
    const badKey = await get(a, { authorization: 'Bearer not-a-key' });
    expect(badKey.status).toBe(401);
    expect(badKey.headers['cache-control']).toBe('no-store');
    expect(badKey.headers.etag).toBeUndefined();
  });
});
