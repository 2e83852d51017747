import { createApp, type App } from '../../src/app';
import { ingestBatch } from '../../src/ingest/writer';
import type { IngestBatch } from '../../src/ingest/types';
import { testConfig } from '../helpers/env';
import { cypher } from '../helpers/db';
import { removeRun, runToken } from '../helpers/isolation';

const STARTED = new Date();
const RUN = runToken('sem');
const SOURCE = `source:${RUN}`;
const TEXT = `子${RUN}公司简称子${RUN}。丑${RUN}公司成立。寅${RUN}公司落户。辰${RUN}公司开业。巳${RUN}公司简称巳${RUN}。午${RUN}公司获评。未${RUN}公司开业。申${RUN}公司开业。`;

const source = { id: SOURCE, kind: 'ARTICLE' as const, publisher: '科学导报', title: `题${RUN}`, text: TEXT };
const firm = (slug: string, name: string, aliases: string[] = []) => ({
  id: `enterprise:${RUN}-${slug}`,
  kind: 'ENTERPRISE' as const,
  name,
  aliases,
  evidence: [{ source: SOURCE, quote: `${name.slice(0, 1)}${RUN}公司` }],
});

/** Ingest semantics that a test through GraphQL cannot reach: batch sizes, dry runs, keys. */
describe('the write path: idempotency keys, dry runs and chunked name moves', () => {
  let app: App;

  async function ours(): Promise<number> {
    const [row] = await cypher(app.driver, 'MATCH (n:Entity) WHERE n.id CONTAINS $run RETURN count(n) AS n', {
      run: RUN,
    });
    return Number(row?.n);
  }

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    const setup = await ingestBatch(app.executor, { sources: [source] }, { origin: 'test' });
    expect(setup.issues).toEqual([]);
  });
  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  test('the same content with its keys in another order is the same batch under its key', async () => {
    const key = `${RUN}-order`;
    const batch: IngestBatch = { idempotencyKey: key, entities: [firm('order', `丑${RUN}公司`)] };
    expect((await ingestBatch(app.executor, batch, { origin: 'test' })).status).toBe('APPLIED');
    const reordered = JSON.parse(
      JSON.stringify({
        entities: [
          {
            evidence: batch.entities?.[0]?.evidence,
            name: `丑${RUN}公司`,
            aliases: [],
            kind: 'ENTERPRISE',
            id: `enterprise:${RUN}-order`,
          },
        ],
        idempotencyKey: key,
      }),
    ) as unknown;
    const again = await ingestBatch(app.executor, reordered, { origin: 'test' });
    expect(again.issues).toEqual([]);
    expect(again.status).toBe('ALREADY_APPLIED');
  });

  test('a dry run answers what the write would: ALREADY_APPLIED, or IDEMPOTENCY_KEY_REUSED for other content', async () => {
    const key = `${RUN}-dry`;
    const batch: IngestBatch = { idempotencyKey: key, entities: [firm('dry', `寅${RUN}公司`)] };
    expect((await ingestBatch(app.executor, batch, { origin: 'test', dryRun: true })).status).toBe('VALIDATED');
    expect((await ingestBatch(app.executor, batch, { origin: 'test' })).status).toBe('APPLIED');
    expect((await ingestBatch(app.executor, batch, { origin: 'test', dryRun: true })).status).toBe('ALREADY_APPLIED');
    const other: IngestBatch = { idempotencyKey: key, entities: [firm('dry', `寅${RUN}公司`, [`寅${RUN}`])] };
    const refused = await ingestBatch(app.executor, other, { origin: 'test', dryRun: true });
    expect(refused.status).toBe('REJECTED');
    expect(refused.issues.map((issue) => issue.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  test('a refused batch answers with the key the client sent, not a hash', async () => {
    const refused = await ingestBatch(
      app.executor,
      { idempotencyKey: `${RUN}-mine`, entities: [{ ...firm('bad', `卯${RUN}公司`), kind: 'CASTLE' }] },
      { origin: 'test' },
    );
    expect(refused.status).toBe('REJECTED');
    expect(refused.idempotencyKey).toBe(`${RUN}-mine`);
  });

  test('an update keeps the fields it leaves out (English name, subtype, aliases, industries) and clears those sent empty', async () => {
    const id = `enterprise:${RUN}-keep`;
    const full = {
      ...firm('keep', `巳${RUN}公司`, [`巳${RUN}`]),
      subtype: 'COMPANY',
      englishName: 'Si Co.',
      industries: ['coarse-grains'],
    };
    expect((await ingestBatch(app.executor, { entities: [full] }, { origin: 'test' })).issues).toEqual([]);
    const { subtype: _s, englishName: _e, aliases: _a, industries: _i, ...bare } = full;
    expect((await ingestBatch(app.executor, { entities: [bare] }, { origin: 'test' })).status).toBe('APPLIED');
    const read = async () =>
      (
        await cypher(
          app.driver,
          `MATCH (n:Entity {id: $id}) OPTIONAL MATCH (c:NameClaim {entityId: $id})
           RETURN n.subtype AS subtype, n.englishName AS englishName, n.aliases AS aliases, n.industries AS industries,
                  n.pinyinNames AS pinyin, collect(c.text) AS claims`,
          { id },
        )
      )[0];
    const kept = await read();
    expect(kept).toMatchObject({
      subtype: 'COMPANY',
      englishName: 'Si Co.',
      aliases: [`巳${RUN}`],
      industries: ['coarse-grains'],
    });
    expect([...(kept?.claims as string[])].sort()).toEqual([`巳${RUN}`, `巳${RUN}公司`].sort());
    expect(kept?.pinyin).toEqual(expect.arrayContaining([expect.stringMatching(/^si /)]));
    expect(
      (await ingestBatch(app.executor, { entities: [{ ...bare, aliases: [], englishName: null }] }, { origin: 'test' }))
        .status,
    ).toBe('APPLIED');
    expect(await read()).toMatchObject({ englishName: null, aliases: [], claims: [`巳${RUN}公司`] });
    // null alone is a change, not the same batch as leaving the field out.
    expect(
      (await ingestBatch(app.executor, { entities: [{ ...bare, englishName: 'Si Co.' }] }, { origin: 'test' })).status,
    ).toBe('APPLIED');
    const cleared = await ingestBatch(app.executor, { entities: [{ ...bare, englishName: null }] }, { origin: 'test' });
    expect(cleared.status).toBe('APPLIED');
    expect(await read()).toMatchObject({ englishName: null });
  });

  test('a move in the other script that chunking would split is refused too (claims hold script keys)', async () => {
    expect(
      (
        await ingestBatch(
          app.executor,
          { entities: [firm('tw-old', `未${RUN}公司`, [`未${RUN}銀行`])] },
          { origin: 'test' },
        )
      ).status,
    ).toBe('APPLIED');
    const claims = await cypher(app.driver, 'MATCH (c:NameClaim {entityId: $id}) RETURN c.text AS text ORDER BY text', {
      id: `enterprise:${RUN}-tw-old`,
    });
    // The alias is claimed by its simplified form.
    expect(claims.map((c) => c.text)).toContain(`未${RUN}银行`);
    const split = await ingestBatch(
      app.executor,
      { entities: [firm('tw-new', `申${RUN}公司`, [`未${RUN}银行`]), firm('tw-old', `未${RUN}公司`, [])] },
      { origin: 'test', batchSize: 1 },
    );
    expect(split.status).toBe('REJECTED');
    expect(split.issues.map((issue) => issue.code)).toEqual(['ALIAS_CONFLICT']);
    expect(split.chunksApplied).toBe(0);
  });

  test('two facts that differ only in their properties are two facts', async () => {
    const id = `enterprise:${RUN}-facts`;
    const fact = (group: string) => ({
      key: 'designation',
      value: `午${RUN}`,
      properties: { group },
      evidence: [{ source: SOURCE, quote: `午${RUN}公司` }],
    });
    const result = await ingestBatch(
      app.executor,
      { entities: [{ ...firm('facts', `午${RUN}公司`), facts: [fact('a'), fact('b')] }] },
      { origin: 'test' },
    );
    expect(result.issues).toEqual([]);
    const [row] = await cypher(app.driver, 'MATCH (:Entity {id: $id})-[:HAS_FACT]->(f:Fact) RETURN count(f) AS n', {
      id,
    });
    expect(row?.n).toBe(2);
  });

  test('a name moving to an entity written in an earlier chunk than its old owner is refused before anything is written', async () => {
    const alias = `子${RUN}`;
    expect(
      (await ingestBatch(app.executor, { entities: [firm('old', `子${RUN}公司`, [alias])] }, { origin: 'test' }))
        .status,
    ).toBe('APPLIED');
    const before = await ours();
    const newOwnerFirst: IngestBatch = {
      entities: [firm('new', `辰${RUN}公司`, [alias]), firm('old', `子${RUN}公司`, [])],
    };
    const refused = await ingestBatch(app.executor, newOwnerFirst, { origin: 'test', batchSize: 1 });
    expect(refused.status).toBe('REJECTED');
    expect(refused.issues).toEqual([
      expect.objectContaining({
        path: 'entities[0]',
        code: 'ALIAS_CONFLICT',
        message: expect.stringMatching(/nothing was written/),
      }),
    ]);
    expect(refused.chunksApplied).toBe(0);
    expect(await ours()).toBe(before);
    // The old owner first: released in chunk 1, claimed in chunk 2.
    const oldOwnerFirst: IngestBatch = { entities: [...(newOwnerFirst.entities ?? [])].reverse() };
    const moved = await ingestBatch(app.executor, oldOwnerFirst, { origin: 'test', batchSize: 1 });
    expect(moved.issues).toEqual([]);
    expect(moved.status).toBe('APPLIED');
    const [owner] = await cypher(app.driver, 'MATCH (c:NameClaim {text: $alias}) RETURN c.entityId AS id', { alias });
    expect(owner?.id).toBe(`enterprise:${RUN}-new`);
  });
});
