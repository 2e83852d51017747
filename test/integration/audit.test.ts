import { createApp, type App } from '../../src/app';
import { ingestBatch } from '../../src/ingest/writer';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';
import { API_KEYS, KEYS, bearer } from '../helpers/keys';
import { removeRun } from '../helpers/isolation';

const RUN = `audit${Date.now().toString(36)}`;
const STARTED = new Date();
const SOURCE = `source:${RUN}`;
const TEXT = `审计${RUN}甲公司与审计${RUN}乙公司合作。`;

interface Entry {
  actor: string;
  action: string;
  key: string | null;
  counts: { key: string; value: string }[];
  ids: string[];
  idCount: number;
  at: string;
}

/** The audit log: every applied write, who made it, when, under which key, how much; admins only. */
describe('the audit log of writes', () => {
  let app: App;

  const log = async (actor: string | null, headers = bearer(KEYS.admin)) =>
    postGraphQL(
      app.url,
      'query ($actor: String) { auditLog(first: 20, actor: $actor) { edges { node { actor action key counts { key value } ids idCount at } } pageInfo { hasNextPage } } }',
      { actor },
      headers,
    );
  const entries = async (actor: string | null): Promise<Entry[]> => {
    const { body } = await log(actor);
    expect(body.errors).toBeUndefined();
    return (body.data?.auditLog as { edges: { node: Entry }[] }).edges.map((edge) => edge.node);
  };
  const ingest = (batch: Record<string, unknown>, key = KEYS.editor) =>
    postGraphQL(
      app.url,
      'mutation ($b: IngestBatchInput!) { ingest(batch: $b) { status idempotencyKey } }',
      { b: batch },
      bearer(key),
    );

  beforeAll(async () => {
    app = await createApp(testConfig({ API_KEYS }), { log: () => undefined });
  });
  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  test('an applied ingest is recorded with its key name, idempotency key, counts and ids; newest first', async () => {
    const batch = {
      idempotencyKey: `${RUN}-one`,
      sources: [{ id: SOURCE, publisher: 'test', text: TEXT }],
      entities: [
        {
          id: `enterprise:${RUN}-a`,
          kind: 'ENTERPRISE',
          name: `审计${RUN}甲公司`,
          evidence: [{ source: SOURCE, quote: `审计${RUN}甲公司` }],
        },
        {
          id: `enterprise:${RUN}-b`,
          kind: 'ENTERPRISE',
          name: `审计${RUN}乙公司`,
          evidence: [{ source: SOURCE, quote: `审计${RUN}乙公司` }],
        },
      ],
      relations: [
        {
          type: 'PARTNERED_WITH',
          from: `enterprise:${RUN}-a`,
          to: `enterprise:${RUN}-b`,
          evidence: [{ source: SOURCE, quote: TEXT.slice(0, -1) }],
        },
      ],
    };
    expect((await ingest(batch)).body.data?.ingest).toMatchObject({ status: 'APPLIED' });
    const [entry] = await entries('editor-key');
    expect(entry).toMatchObject({ actor: 'editor-key', action: 'INGEST', key: `${RUN}-one`, idCount: 4 });
    expect(entry?.ids).toEqual(expect.arrayContaining([SOURCE, `enterprise:${RUN}-a`, `enterprise:${RUN}-b`]));
    expect(Object.fromEntries((entry?.counts ?? []).map((c) => [c.key, Number(c.value)]))).toMatchObject({
      sources: 1,
      entities: 2,
      relations: 1,
    });
    // The same batch again changes nothing, and so records nothing.
    expect((await ingest(batch)).body.data?.ingest).toMatchObject({ status: 'ALREADY_APPLIED' });
    expect((await entries('editor-key')).filter((e) => e.key === `${RUN}-one`)).toHaveLength(1);
  });

  test('a refused batch records nothing', async () => {
    const before = (await entries(null)).length;
    const refused = await ingest({
      idempotencyKey: `${RUN}-bad`,
      entities: [
        {
          id: `enterprise:${RUN}-c`,
          kind: 'ENTERPRISE',
          name: `审计${RUN}丙`,
          evidence: [{ source: SOURCE, quote: '不在原文' }],
        },
      ],
    });
    expect(refused.body.data?.ingest).toMatchObject({ status: 'REJECTED' });
    const after = await entries(null);
    expect(after.length).toBe(before);
    expect(after.some((e) => e.key === `${RUN}-bad`)).toBe(false);
  });

  test('deletions and merges are recorded with the admin who made them', async () => {
    const [rel] = await cypher(app.driver, 'MATCH (:Entity {id: $id})-[r:PARTNERED_WITH]-() RETURN r.id AS id', {
      id: `enterprise:${RUN}-a`,
    });
    const deleted = await postGraphQL(
      app.url,
      `mutation { deleteRelation(id: "${String(rel?.id)}") { status } }`,
      {},
      bearer(KEYS.admin),
    );
    expect(deleted.body.data?.deleteRelation).toEqual({ status: 'DELETED' });
    const merged = await postGraphQL(
      app.url,
      `mutation { mergeEntities(keep: "enterprise:${RUN}-a", merge: "enterprise:${RUN}-b", reason: "test") { status } }`,
      {},
      bearer(KEYS.admin),
    );
    expect(merged.body.data?.mergeEntities).toEqual({ status: 'MERGED' });
    const [merge, deletion] = await entries('admin-key');
    expect(deletion).toMatchObject({ action: 'DELETE_RELATION', ids: [String(rel?.id)] });
    expect(merge).toMatchObject({ action: 'MERGE_ENTITIES', ids: [`enterprise:${RUN}-a`, `enterprise:${RUN}-b`] });
    expect(Date.parse(merge?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(deletion?.at ?? ''));
  });

  test('the CLI and the seed write entries too, named by the tool', async () => {
    const result = await ingestBatch(
      app.executor,
      {
        sources: [{ id: `${SOURCE}-cli`, publisher: 'test', kind: 'ARTICLE', text: `审计${RUN}丁公司。` }],
        entities: [
          {
            id: `enterprise:${RUN}-d`,
            kind: 'ENTERPRISE',
            name: `审计${RUN}丁公司`,
            evidence: [{ source: `${SOURCE}-cli`, quote: `审计${RUN}丁公司` }],
          },
        ],
      },
      { origin: 'cli', timeoutMs: 60_000 },
    );
    expect(result.status).toBe('APPLIED');
    expect((await entries('cli'))[0]).toMatchObject({
      action: 'CLI_INGEST',
      ids: [`${SOURCE}-cli`, `enterprise:${RUN}-d`],
    });
  });

  test('only admins read the log', async () => {
    expect((await log(null, bearer(KEYS.editor))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await log(null, {})).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
