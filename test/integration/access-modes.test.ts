/*
 * Reads use read transactions and writes write transactions, everywhere. On a cluster the
 * driver routes a read transaction to any member and a write transaction to the leader, so a
 * read path that opened a write transaction would load the leader with reads, and a write in a
 * read transaction would fail there. This test records the access mode of every transaction
 * the real driver runs while each read path works, and fails on any WRITE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import neo4j, { type Driver, type Session, type SessionConfig } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { migrate } from '../../src/db/migrations';
import { emptyExportStats, exportLines } from '../../src/ingest/export';
import { loadSeed, seedIfEmpty, summarise } from '../../src/ingest/seed';
import { ingestBatch } from '../../src/ingest/writer';
import { testConfig } from '../helpers/env';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';
import { removeRun } from '../helpers/isolation';

interface Opened {
  readonly mode: 'READ' | 'WRITE';
  readonly api: string;
  readonly tag: string;
}

const modeOf = (accessMode: unknown): 'READ' | 'WRITE' => (accessMode === neo4j.session.READ ? 'READ' : 'WRITE');
const tagOf = (config: unknown): string =>
  String((config as { metadata?: { tag?: unknown } } | undefined)?.metadata?.tag ?? '(untagged)');

/**
 * Wraps the driver's sessions so that every transaction they start is recorded with its mode:
 * executeRead is READ and executeWrite WRITE whatever the session's default, while auto-commit
 * `run` and `beginTransaction` take the session's default mode.
 */
function recordTransactions(driver: Driver): { opened: Opened[]; stop(): void } {
  const opened: Opened[] = [];
  const open = driver.session.bind(driver);
  const spy = jest.spyOn(driver, 'session').mockImplementation((config?: SessionConfig) => {
    const session: Session = open(config);
    const fallback = modeOf(config?.defaultAccessMode ?? neo4j.session.WRITE);
    const wrap = <K extends 'executeRead' | 'executeWrite' | 'run' | 'beginTransaction'>(
      api: K,
      mode: 'READ' | 'WRITE',
      configAt: number,
    ): void => {
      const original = (session[api] as (...args: unknown[]) => unknown).bind(session);
      (session as unknown as Record<string, unknown>)[api] = (...args: unknown[]) => {
        opened.push({ mode, api, tag: tagOf(args[configAt]) });
        return original(...args);
      };
    };
    wrap('executeRead', 'READ', 1);
    wrap('executeWrite', 'WRITE', 1);
    wrap('run', fallback, 2);
    wrap('beginTransaction', fallback, 0);
    return session;
  });
  return { opened, stop: () => spy.mockRestore() };
}

const EXAMPLES = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'examples.graphql'), 'utf8');
const QUERIES = parse(EXAMPLES)
  .definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'query',
  )
  .map((definition) => definition.name?.value ?? '');

const RUN = `am${Date.now().toString(36)}`;
const STARTED = new Date();
const SOURCE = `source:${RUN}`;
const BATCH = {
  sources: [{ id: SOURCE, publisher: 'test', kind: 'ARTICLE', text: `甲${RUN}公司成立。` }],
  entities: [
    {
      id: `enterprise:${RUN}`,
      kind: 'ENTERPRISE' as const,
      name: `甲${RUN}公司`,
      evidence: [{ source: SOURCE, quote: `甲${RUN}公司` }],
    },
  ],
};

describe('access modes of every transaction on real Neo4j', () => {
  let app: App;

  /** Runs `work` and returns the transactions the driver started meanwhile. */
  async function during(work: () => Promise<unknown>): Promise<Opened[]> {
    const recorder = recordTransactions(app.driver);
    try {
      await work();
    } finally {
      recorder.stop();
    }
    return recorder.opened;
  }

  const writes = (opened: readonly Opened[]): Opened[] => opened.filter((entry) => entry.mode === 'WRITE');

  beforeAll(async () => {
    app = await createApp(testConfig({ API_KEYS, NEO4J_TX_TIMEOUT_MS: '60000' }), { log: () => undefined });
    // The examples read the seed; the graph is then not empty, so seedIfEmpty has nothing to do.
    expect((await loadSeed(app.executor)).issues).toEqual([]);
    expect((await ingestBatch(app.executor, BATCH, { origin: 'test' })).issues).toEqual([]);
  });
  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  test('every example query over HTTP runs in read transactions only', async () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(12);
    const opened = await during(async () => {
      for (const operationName of QUERIES) {
        const response = await fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: EXAMPLES, operationName }),
        });
        expect([operationName, ((await response.json()) as { errors?: unknown }).errors]).toEqual([
          operationName,
          undefined,
        ]);
      }
    });
    expect(opened.length).toBeGreaterThanOrEqual(QUERIES.length);
    expect(writes(opened)).toEqual([]);
  });

  test('health probes, migrations on a migrated graph, seeding a graph that has data, summaries: reads only', async () => {
    const opened = await during(async () => {
      expect((await fetch(app.url.replace('/graphql', '/readyz'))).status).toBe(200);
      expect((await migrate(app.executor)).applied).toEqual([]);
      expect(await seedIfEmpty(app.executor, () => undefined)).toBeNull();
      await summarise(app.executor);
    });
    expect(opened.map((entry) => entry.tag)).toEqual(
      expect.arrayContaining(['ping', 'migrations/applied', 'migrations/await-indexes', 'ingest/count-entities']),
    );
    // The summary's transaction too (untagged: it runs three statements).
    expect(opened.length).toBeGreaterThanOrEqual(6);
    expect(writes(opened)).toEqual([]);
  });

  test('an ingest dry run and an export: reads only', async () => {
    const opened = await during(async () => {
      const dry = await ingestBatch(
        app.executor,
        { ...BATCH, idempotencyKey: `${RUN}-dry` },
        { origin: 'test', dryRun: true },
      );
      expect(dry.status).toBe('VALIDATED');
      const stats = emptyExportStats();
      let lines = 0;
      for await (const _line of exportLines(app.executor, stats)) lines += 1;
      expect(lines).toBeGreaterThan(0);
      expect(stats.relations).toBeGreaterThan(0);
    });
    expect(writes(opened)).toEqual([]);
  });

  test('writes run in write transactions: a mutation and an ingest open WRITE transactions', async () => {
    const opened = await during(async () => {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(KEYS.editor) },
        body: JSON.stringify({
          query: 'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status } }',
          variables: { batch: { ...BATCH, idempotencyKey: `${RUN}-write` } },
        }),
      });
      expect(await response.json()).toEqual({ data: { ingest: { status: 'APPLIED' } } });
    });
    expect(writes(opened).map((entry) => entry.tag)).toEqual(['ingest:mutation:ingest:editor-key']);
  });

  test('the server refuses a write statement inside a read transaction, so none can hide in a read path', async () => {
    await expect(
      app.executor.readTransaction((tx) => tx.query('boot/lock-release', { name: `${RUN}-none`, holder: RUN })),
    ).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.AccessMode' });
  });
});
