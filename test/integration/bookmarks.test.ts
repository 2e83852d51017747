import type { SessionConfig } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { BOOKMARK_HEADER, parseBookmarkHeader } from '../../src/db/bookmarks';
import { bookmarkAhead, bookmarkTransaction } from '../helpers/bookmarks';
import { testConfig } from '../helpers/env';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';
import { removeRun } from '../helpers/isolation';

const RUN = `bm${Date.now().toString(36)}`;
const STARTED = new Date();
const SOURCE = `source:${RUN}`;
const TEXT = `甲${RUN}公司与乙${RUN}公司合作。丙${RUN}公司在此。`;
const EDITOR = bearer(KEYS.editor);

const INGEST = 'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status bookmark } }';
const NODE = 'query ($id: ID!) { node(id: $id) { id ... on Enterprise { name } } }';

interface Answer {
  status: number;
  header: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

describe('read-your-writes: bookmarks through HTTP on a real Neo4j', () => {
  let app: App;

  async function post(query: string, variables: object, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      header: response.headers.get(BOOKMARK_HEADER),
      body: (await response.json()) as Answer['body'],
    };
  }

  function enterprise(slug: string, name: string, source = SOURCE): object {
    return {
      entities: [{ id: `enterprise:${RUN}-${slug}`, kind: 'ENTERPRISE', name, evidence: [{ source, quote: name }] }],
    };
  }

  beforeAll(async () => {
    // A long transaction timeout: these tests are about bookmarks, and the machine may be busy.
    app = await createApp(testConfig({ API_KEYS, NEO4J_TX_TIMEOUT_MS: '60000' }), { log: () => undefined });
    const first = await post(INGEST, { batch: { sources: [{ id: SOURCE, publisher: 'test', text: TEXT }] } }, EDITOR);
    expect(first.body.errors).toBeUndefined();
  });
  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  test('a mutation returns the bookmark of its transaction in WriteResult and in the response header', async () => {
    const answer = await post(INGEST, { batch: enterprise('a', `甲${RUN}公司`) }, EDITOR);
    const result = answer.body.data?.ingest as { status: string; bookmark: string };
    expect(result.status).toBe('APPLIED');
    expect(answer.header).toBe(result.bookmark);
    expect(parseBookmarkHeader(answer.header ?? '')).toHaveLength(1);
    // Reads do not set it: only writes move a client's position forward.
    const read = await post(NODE, { id: `enterprise:${RUN}-a` }, { [BOOKMARK_HEADER]: result.bookmark });
    expect(read.body.data?.node).toEqual({ id: `enterprise:${RUN}-a`, name: `甲${RUN}公司` });
    expect(read.header).toBeNull();
  });

  test('the bookmark a client sends is given to every session its request opens', async () => {
    const { header } = await post(INGEST, { batch: enterprise('b', `乙${RUN}公司`) }, EDITOR);
    const sent = header as string;
    const opened: { bookmarks: string[]; ping: boolean }[] = [];
    const session = app.driver.session.bind(app.driver);
    const spy = jest.spyOn(app.driver, 'session').mockImplementation((config?: SessionConfig) => {
      const entry = { bookmarks: ['(no bookmark manager)'], ping: false };
      opened.push(entry);
      // The chain is read when the session opens, before its transaction changes it.
      void config?.bookmarkManager?.getBookmarks().then((bookmarks) => (entry.bookmarks = [...bookmarks]));
      const opening = session(config);
      // The availability watch pings every second on its own session (an auto-commit
      // `RETURN 1` tagged 'ping', src/db/executor.ts); it is not part of the request.
      const run = opening.run.bind(opening);
      opening.run = ((...args: Parameters<typeof run>) => {
        if ((args[2] as { metadata?: { tag?: string } } | undefined)?.metadata?.tag === 'ping') entry.ping = true;
        return run(...args);
      }) as typeof run;
      return opening;
    });
    try {
      const query = `query ($id: ID!) { node(id: $id) { id ... on Enterprise { name evidence { quote } } } }`;
      const answer = await post(query, { id: `enterprise:${RUN}-b` }, { [BOOKMARK_HEADER]: sent });
      expect(answer.body.errors).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    const seen = opened.filter((entry) => !entry.ping).map((entry) => entry.bookmarks);
    // The node and then its evidence: two sessions, the first waits for the client's bookmark
    // and the second for at least that (the chain moved on to the first read's bookmark).
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[0]).toEqual([sent]);
    for (const bookmarks of seen) {
      expect(bookmarks).toHaveLength(1);
      expect(bookmarkTransaction(bookmarks[0] as string)).toBeGreaterThanOrEqual(bookmarkTransaction(sent));
    }
  });

  test('a read sent with a bookmark the database has not reached waits for it, then sees that write', async () => {
    const { header } = await post(INGEST, { batch: enterprise('c', `丙${RUN}公司`) }, EDITOR);
    // The next transaction the database commits: the write below, sent after the read.
    const next = bookmarkAhead(header as string, 1);
    const id = `enterprise:${RUN}-d`;
    let settled = false;
    const read = post(NODE, { id }, { [BOOKMARK_HEADER]: next }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Without the bookmark the read would have answered `null` by now.
    expect(settled).toBe(false);
    const write = await post(
      INGEST,
      {
        batch: {
          sources: [{ id: `${SOURCE}-d`, publisher: 'test', text: `丁${RUN}公司` }],
          ...enterprise('d', `丁${RUN}公司`, `${SOURCE}-d`),
        },
      },
      EDITOR,
    );
    expect((write.body.data?.ingest as { status: string }).status).toBe('APPLIED');
    const answer = await read;
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.node).toEqual({ id, name: `丁${RUN}公司` });
  });

  test('a malformed header is refused with BAD_USER_INPUT and HTTP 400 before any statement runs', async () => {
    const before = app.executor.statementCount;
    const answer = await post(NODE, { id: `enterprise:${RUN}-a` }, { [BOOKMARK_HEADER]: 'FB:abc"; DROP' });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', header: BOOKMARK_HEADER }]);
    expect(app.executor.statementCount).toBe(before);
  });

  test('a well-formed bookmark the database cannot read is BAD_USER_INPUT too, never an internal error', async () => {
    const answer = await post(NODE, { id: `enterprise:${RUN}-a` }, { [BOOKMARK_HEADER]: 'FB:kcwQnotabookmark' });
    expect(answer.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', header: BOOKMARK_HEADER }]);
  });
});
