/*
 * Two ZoneGraph processes (the built server, as `npm start` runs it) on one Neo4j, both
 * connected through a routing `neo4j://` URI, as replicas behind a load balancer would be. What
 * one replica writes, the other must see and respect: idempotency keys, name claims, merges,
 * keys and roles, and the bookmark a client carries from one to the other.
 *
 * Rate limits (issue 11) keep their buckets in each process: when they land, a test here
 * should show that a limit is per replica (N replicas admit up to N times the configured rate).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BOOKMARK_HEADER } from '../../src/db/bookmarks';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';
import { testConfig } from '../helpers/env';
import { createDriver } from '../../src/db/driver';
import { removeRun } from '../helpers/isolation';

const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');
const RUN = `rep${Date.now().toString(36)}`;
const STARTED = new Date();
const SOURCE = `source:${RUN}`;
const TEXT = `甲${RUN}公司与乙${RUN}公司合作，丙${RUN}公司又称丁${RUN}公司。`;

interface Replica {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
}

/** The test database's URI with the routing scheme: the driver asks the server for a routing table. */
function routingUri(): string {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is not set: run the tests with "npm test"');
  return uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
}

function startReplica(name: string): Promise<Replica> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NEO4J_URI: routingUri(),
      PORT: '0',
      SEED_ON_START: 'false',
      NODE_ENV: 'production',
      API_KEYS,
      // The machines that run the tests may be busy: these tests are not about timeouts.
      NEO4J_TX_TIMEOUT_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no ready line after 240 s:\n${output}`)), 240_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${String(code)}:\n${output}`));
    });
    child.stdout?.on('data', () => {
      const match = /ZoneGraph ready at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ name, url: match[1], child, output: () => output });
      }
    });
  });
}

async function stopReplica(replica: Replica | undefined): Promise<void> {
  if (replica === undefined || replica.child.exitCode !== null) return;
  const exited = new Promise((resolve) => replica.child.once('exit', resolve));
  replica.child.kill('SIGTERM');
  await exited;
}

interface Answer {
  readonly status: number;
  readonly bookmark: string | null;
  readonly data: Record<string, unknown> | null | undefined;
  readonly errors: { message: string; extensions?: { code?: string } }[] | undefined;
}

async function post(
  replica: Replica,
  query: string,
  variables: object = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(replica.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Pick<Answer, 'data' | 'errors'>;
  return { status: response.status, bookmark: response.headers.get(BOOKMARK_HEADER), ...body };
}

const INGEST =
  'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status bookmark issues { path code } } }';
const MERGE =
  'mutation ($keep: ID!, $merge: ID!) { mergeEntities(keep: $keep, merge: $merge, reason: "same firm") { status bookmark } }';
const ENTITY = 'query ($id: ID!) { node(id: $id) { id ... on Enterprise { name aliases } } }';

/** An enterprise of this run; its evidence quotes the run's source (the name itself, by default). */
const firm = (slug: string, name: string, quote = name) => ({
  id: `enterprise:${RUN}-${slug}`,
  kind: 'ENTERPRISE',
  name,
  evidence: [{ source: SOURCE, quote }],
});

interface WriteResult {
  status: string;
  bookmark: string | null;
  issues: { path: string; code: string }[];
}
const result = (answer: Answer, field = 'ingest'): WriteResult => {
  expect(answer.errors).toBeUndefined();
  return answer.data?.[field] as WriteResult;
};

describe('two API replicas on one Neo4j, over neo4j:// routing', () => {
  let a: Replica;
  let b: Replica;
  const EDITOR = bearer(KEYS.editor);
  const ADMIN = bearer(KEYS.admin);

  beforeAll(async () => {
    // Started together, as an orchestrator does: the boot lease lets one migrate at a time.
    const started = await Promise.allSettled([startReplica('a'), startReplica('b')]);
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    [a, b] = started.map((outcome) => (outcome as PromiseFulfilledResult<Replica>).value) as [Replica, Replica];
    const source = await post(
      a,
      INGEST,
      { batch: { sources: [{ id: SOURCE, publisher: 'test', text: TEXT }] } },
      EDITOR,
    );
    expect(result(source).status).toBe('APPLIED');
  }, 300_000);
  afterAll(async () => {
    await Promise.all([stopReplica(a), stopReplica(b)]);
    // What the replicas wrote names RUN; removed through a driver of this process.
    const driver = createDriver(testConfig().neo4j);
    try {
      expect(await removeRun(driver, RUN, STARTED)).toBe(0);
    } finally {
      await driver.close();
    }
  });

  test('both are ready and answer reads', async () => {
    for (const replica of [a, b]) {
      const ready = await fetch(replica.url.replace('/graphql', '/readyz'));
      expect([replica.name, ready.status]).toEqual([replica.name, 200]);
      expect((await post(replica, '{ apiVersion }')).data).toEqual({ apiVersion: '0.2.0' });
    }
  });

  test('the same idempotency key sent to both at once is applied once: one APPLIED, one ALREADY_APPLIED', async () => {
    // Three rounds: each is a real race only if both requests reach the database together.
    for (const round of [1, 2, 3]) {
      const batch = {
        idempotencyKey: `${RUN}-race-${round}`,
        entities: [firm(`race${round}`, `戊${RUN}${round}号`, `甲${RUN}公司`)],
      };
      const answers = await Promise.all([a, b].map((replica) => post(replica, INGEST, { batch }, EDITOR)));
      expect(answers.map((answer) => result(answer).status).sort()).toEqual(['ALREADY_APPLIED', 'APPLIED']);
    }
    // The key with other content is refused on the replica that did not apply it, too.
    const reused = await post(
      b,
      INGEST,
      { batch: { idempotencyKey: `${RUN}-race-1`, entities: [firm('race1', `戊${RUN}1号改`, `甲${RUN}公司`)] } },
      EDITOR,
    );
    expect(result(reused).issues.map((issue) => issue.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  test('a name claimed through one replica conflicts through the other, also when both claim it at once', async () => {
    const claimed = await post(a, INGEST, { batch: { entities: [firm('claim-a', `乙${RUN}公司`)] } }, EDITOR);
    expect(result(claimed).status).toBe('APPLIED');
    const refused = await post(b, INGEST, { batch: { entities: [firm('claim-b', `乙${RUN}公司`)] } }, EDITOR);
    expect(result(refused)).toMatchObject({ status: 'REJECTED', issues: [{ code: 'ALIAS_CONFLICT' }] });

    const both = await Promise.all(
      [a, b].map((replica) =>
        post(replica, INGEST, { batch: { entities: [firm(`claim-${replica.name}2`, `丙${RUN}公司`)] } }, EDITOR),
      ),
    );
    const statuses = both.map((answer) => result(answer));
    expect(statuses.map((r) => r.status).sort()).toEqual(['APPLIED', 'REJECTED']);
    expect(statuses.find((r) => r.status === 'REJECTED')?.issues.map((issue) => issue.code)).toEqual([
      'ALIAS_CONFLICT',
    ]);
  });

  test('a merge on one replica is seen on the other, at once when the client sends the bookmark', async () => {
    const keep = `enterprise:${RUN}-keep`;
    const gone = `enterprise:${RUN}-gone`;
    const setup = await post(
      a,
      INGEST,
      { batch: { entities: [firm('keep', `丁${RUN}公司`), firm('gone', `己${RUN}号`, `丁${RUN}公司`)] } },
      EDITOR,
    );
    expect(result(setup).status).toBe('APPLIED');
    const merged = await post(a, MERGE, { keep, merge: gone }, ADMIN);
    const { status, bookmark } = result(merged, 'mergeEntities');
    expect(status).toBe('MERGED');
    expect(merged.bookmark).toBe(bookmark);
    const seen = await post(b, ENTITY, { id: keep }, { [BOOKMARK_HEADER]: bookmark as string });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.node).toMatchObject({ id: keep, aliases: expect.arrayContaining([`己${RUN}号`]) });
    const goneOnB = await post(b, ENTITY, { id: gone }, { [BOOKMARK_HEADER]: bookmark as string });
    expect(goneOnB.data?.node).toBeNull();
  });

  test('keys and roles are the same on each replica', async () => {
    for (const replica of [a, b]) {
      const unknown = await post(replica, '{ apiVersion }', {}, bearer('not-a-key'));
      expect([replica.name, unknown.status, unknown.errors?.[0]?.extensions?.code]).toEqual([
        replica.name,
        401,
        'UNAUTHENTICATED',
      ]);
      const anonymousWrite = await post(replica, INGEST, { batch: { entities: [] } });
      expect([replica.name, anonymousWrite.errors?.[0]?.extensions?.code]).toEqual([replica.name, 'UNAUTHENTICATED']);
      const editorMerge = await post(replica, MERGE, { keep: 'enterprise:x', merge: 'enterprise:y' }, EDITOR);
      expect([replica.name, editorMerge.errors?.[0]?.extensions?.code]).toEqual([replica.name, 'FORBIDDEN']);
      const reader = await post(replica, ENTITY, { id: `enterprise:${RUN}-race1` }, bearer(KEYS.reader));
      expect([replica.name, reader.data?.node]).toEqual([
        replica.name,
        expect.objectContaining({ name: `戊${RUN}1号` }),
      ]);
    }
  });
});
