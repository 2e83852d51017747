import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { ConfigError } from '../../src/config';
import { PROJECT_ROOT } from '../../src/db/cypher';
import { buildManifest, type Manifest } from '../../src/tools/persisted-manifest';
import { testConfig } from '../helpers/env';
import { API_KEYS, KEYS, bearer } from '../helpers/keys';

const SCHEMA = fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8');
const OWN = `query Version { apiVersion }
query ZoneCount { zones(first: 1) { totalCount } }`;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(app: App, payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const persisted = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

/** Trusted documents over real HTTP against the real server and Neo4j. */
describe('trusted documents (PERSISTED_QUERIES)', () => {
  let dir: string;
  let manifestFile: string;
  let manifest: Manifest;
  const idOf = (name: string): string => {
    const found = manifest.operations.find((operation) => operation.name === name);
    if (found === undefined) throw new Error(`no operation ${name}`);
    return found.id;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-trusted-'));
    manifest = buildManifest(
      [
        { file: 'own.graphql', text: OWN },
        {
          file: 'examples.graphql',
          text: fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'examples.graphql'), 'utf8'),
        },
      ],
      SCHEMA,
    );
    manifestFile = path.join(dir, 'manifest.json');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('only', () => {
    let app: App;
    beforeAll(async () => {
      app = await createApp(testConfig({ API_KEYS, PERSISTED_QUERIES: 'only', PERSISTED_QUERIES_FILE: manifestFile }), {
        log: () => undefined,
      });
    });
    afterAll(() => app.stop());

    test('an app sends an operation by its id alone, by POST and by GET, and gets its answer', async () => {
      const byPost = await post(app, persisted(idOf('ZoneCount')));
      expect(byPost.status).toBe(200);
      expect(byPost.body.errors).toBeUndefined();
      expect(typeof (byPost.body.data?.zones as { totalCount: unknown }).totalCount).toBe('number');

      const search = new URLSearchParams({ extensions: JSON.stringify(persisted(idOf('Version')).extensions) });
      const byGet = await fetch(`${app.url}?${search.toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(byGet.status).toBe(200);
      expect(await byGet.json()).toEqual({ data: { apiVersion: expect.any(String) as unknown } });
    });

    test('the text of a trusted operation is accepted without its id; its id with other text is not', async () => {
      const body = manifest.operations.find((operation) => operation.name === 'Version')?.body ?? '';
      expect((await post(app, { query: body })).body.data).toEqual({ apiVersion: expect.any(String) as unknown });
      const mismatch = await post(app, {
        query: '{ apiVersion zones(first: 1) { totalCount } }',
        ...persisted(idOf('Version')),
      });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    test('an ad-hoc query from an anonymous or reader caller is refused before anything runs', async () => {
      const before = app.executor.statementCount;
      for (const headers of [{}, bearer(KEYS.reader)]) {
        const refused = await post(app, { query: '{ zones(first: 2) { totalCount } }' }, headers);
        expect(refused.status).toBe(400);
        expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
        expect(refused.body.data).toBeUndefined();
      }
      const unknown = await post(app, persisted('0'.repeat(64)));
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(app.executor.statementCount).toBe(before);
    });

    test("editors' and admins' keys may still send ad-hoc queries", async () => {
      for (const key of [KEYS.editor, KEYS.admin]) {
        const answer = await post(app, { query: '{ zones(first: 2) { totalCount } }' }, bearer(key));
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
      }
    });
  });

  describe('allow', () => {
    let app: App;
    beforeAll(async () => {
      app = await createApp(testConfig({ PERSISTED_QUERIES: 'allow', PERSISTED_QUERIES_FILE: manifestFile }), {
        log: () => undefined,
      });
    });
    afterAll(() => app.stop());

    test('ids are resolved from the manifest and ad-hoc queries still run; an unknown id is refused', async () => {
      expect((await post(app, persisted(idOf('Version')))).body.data).toEqual({
        apiVersion: expect.any(String) as unknown,
      });
      expect((await post(app, { query: '{ zones(first: 2) { totalCount } }' })).body.errors).toBeUndefined();
      const unknown = await post(app, persisted('f'.repeat(64)));
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  test('a mode without a manifest, a manifest whose id is not its body hash, or an unknown mode stop the start', async () => {
    await expect(createApp(testConfig({ PERSISTED_QUERIES: 'only' }), { log: () => undefined })).rejects.toThrow(
      ConfigError,
    );
    const forged = path.join(dir, 'forged.json');
    const [first] = manifest.operations;
    fs.writeFileSync(forged, JSON.stringify({ ...manifest, operations: [{ ...first, body: '{ apiVersion }' }] }));
    await expect(
      createApp(testConfig({ PERSISTED_QUERIES: 'only', PERSISTED_QUERIES_FILE: forged }), { log: () => undefined }),
    ).rejects.toThrow(/its id is not the sha256 of its body/);
    expect(() => testConfig({ PERSISTED_QUERIES: 'sometimes' })).toThrow(/PERSISTED_QUERIES/);
  });
});
