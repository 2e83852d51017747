/*
 * A zone's project investment sum is kept on the zone by the write path (src/ingest/derived.ts,
 * `projectInvestmentSum`), in the write's own transaction, so Zone.stats.totalProjectInvestment
 * is read, not summed per request (issue 8). These tests check, on a real Neo4j, that the kept
 * sum is the one the projects give (the per-request sum, which a request for `total { raw }`
 * still makes) after every kind of write that changes it, that writes which cannot change it
 * leave it alone, and that migration 0017 makes it for a graph written before it.
 */
import { createApp, type App } from '../../src/app';
import { migrate } from '../../src/db/migrations';
import { restoreMoneySum } from '../../src/relations/money';
import { testConfig } from '../helpers/env';
import { cypher } from '../helpers/db';
import { postGraphQL } from '../helpers/graphql';
import { removeRun, runToken } from '../helpers/isolation';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';

const STARTED = new Date();
const RUN = runToken('zinv');
const SOURCE = `source:${RUN}`;
const ZONE = `zone:${RUN}-z`;
const OTHER_ZONE = `zone:${RUN}-y`;
const PARK = `park:${RUN}-p`;
const A = `project:${RUN}-a`;
const B = `project:${RUN}-b`;
const C = `project:${RUN}-c`;
const E = `project:${RUN}-e`;
const FIRM = `enterprise:${RUN}-f`;

const S = (text: string): string => `${text}${RUN}`;
const LINES = [
  `${S('甲区')}建设${S('甲项目')}，总投资1.07亿元。`,
  `${S('乙园')}位于${S('甲区')}。`,
  `${S('乙园')}建设${S('乙项目')}，投资约5000万元。`,
  `${S('丙项目')}落户${S('甲区')}。`,
  `${S('丁区')}建设${S('戊项目')}，总投资300-400万元。`,
  `${S('甲区')}引进${S('己企业')}。`,
];
const TEXT = LINES.join('\n');

const EDITOR = bearer(KEYS.editor);
const ADMIN = bearer(KEYS.admin);

const INGEST = 'mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) { status issues { path code message } } }';

/** Every field of the sum but total.raw: what the zone keeps. */
const KEPT_FIELDS = `summedCount exactCount expectedCount approximateCount rangeCount missingCount
  total { amount currency qualifier lower upper formatted expected }`;

const entity = (id: string, kind: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  name,
  evidence: [{ source: SOURCE, quote: name }],
  ...extra,
});
const amount = (value: string) => ({
  facts: [{ key: 'totalInvestment', value, evidence: [{ source: SOURCE, quote: value }] }],
});
const relation = (type: string, from: string, to: string, quote: string) => ({
  type,
  from,
  to,
  evidence: [{ source: SOURCE, quote }],
});

describe('a zone keeps the exact sum of its projects’ investments', () => {
  let app: App;

  async function graphql(query: string, variables: Record<string, unknown> = {}, headers = EDITOR) {
    const { body } = await postGraphQL(app.url, query, variables, headers);
    expect(body.errors).toBeUndefined();
    return body.data as Record<string, unknown>;
  }

  async function write(query: string, variables: Record<string, unknown>, field: string, headers = EDITOR) {
    const result = (await graphql(query, variables, headers))[field] as { status: string; issues: unknown[] };
    expect(result.issues).toEqual([]);
    return result;
  }

  /** The sum as the API answers it from the zone (no raw), and as the projects give it (raw asked: summed per request). */
  async function sums(zone: string): Promise<{ kept: unknown; summed: unknown; stored: unknown }> {
    const data = await graphql(
      `query ($id: ID!) { node(id: $id) { ... on Zone {
         kept: stats { totalProjectInvestment { ${KEPT_FIELDS} } }
         summed: stats { totalProjectInvestment { ${KEPT_FIELDS} total { raw } } }
       } } }`,
      { id: zone },
    );
    const node = data.node as Record<string, { totalProjectInvestment: Record<string, unknown> }>;
    const summed = node.summed?.totalProjectInvestment ?? {};
    const total = summed.total as Record<string, unknown> | null;
    const [row] = await cypher(app.driver, 'MATCH (z:Zone {id: $zone}) RETURN z.projectInvestmentSum AS sum', { zone });
    return {
      kept: node.kept?.totalProjectInvestment,
      // The same fields, raw set apart: the per-request sum must equal the kept one on all of them.
      summed: { ...summed, total: total === null ? null : { ...total, raw: undefined } },
      stored: row?.sum,
    };
  }

  async function expectKept(zone: string): Promise<Record<string, unknown>> {
    const { kept, summed, stored } = await sums(zone);
    // What the zone keeps is the sum its projects give (a stale or missing one would differ, and
    // the API would sum per request instead), and the API answers it.
    expect(restoreMoneySum(stored)).toEqual(JSON.parse(JSON.stringify(summed)));
    expect(kept).toEqual(summed);
    return kept as Record<string, unknown>;
  }

  async function relationId(type: string, from: string, to: string): Promise<string> {
    const [row] = await cypher(
      app.driver,
      `MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type RETURN r.id AS id`,
      { from, to, type },
    );
    return String(row?.id);
  }

  beforeAll(async () => {
    app = await createApp(testConfig({ API_KEYS }), { log: () => undefined });
    await write(
      INGEST,
      {
        batch: {
          sources: [{ id: SOURCE, publisher: 'test', text: TEXT }],
          entities: [
            entity(ZONE, 'ZONE', S('甲区')),
            entity(OTHER_ZONE, 'ZONE', S('丁区')),
            entity(PARK, 'PARK', S('乙园')),
            entity(A, 'PROJECT', S('甲项目'), amount('1.07亿元')),
            entity(B, 'PROJECT', S('乙项目'), amount('约5000万元')),
            entity(C, 'PROJECT', S('丙项目')),
            entity(E, 'PROJECT', S('戊项目'), amount('300-400万元')),
          ],
          relations: [
            relation('DEVELOPS', ZONE, A, `${S('甲区')}建设${S('甲项目')}`),
            relation('PART_OF', PARK, ZONE, `${S('乙园')}位于${S('甲区')}`),
            relation('DEVELOPS', PARK, B, `${S('乙园')}建设${S('乙项目')}`),
            relation('LOCATED_IN', C, ZONE, `${S('丙项目')}落户${S('甲区')}`),
            relation('DEVELOPS', OTHER_ZONE, E, `${S('丁区')}建设${S('戊项目')}`),
          ],
        },
      },
      'ingest',
    );
  });

  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  test('an ingest keeps the sum of the zone’s projects, through its park, as the projects give it', async () => {
    const kept = await expectKept(ZONE);
    // 1.07亿 + 约5000万 (through the park); 丙 has no amount.
    expect(kept).toMatchObject({
      summedCount: 2,
      exactCount: 1,
      approximateCount: 1,
      missingCount: 1,
      total: { amount: '157000000', qualifier: 'APPROX' },
    });
    expect(await expectKept(OTHER_ZONE)).toMatchObject({
      summedCount: 1,
      rangeCount: 1,
      total: { amount: '3500000', qualifier: 'RANGE', lower: '3000000', upper: '4000000' },
    });
  });

  test('a write that touches no project or park leaves the sum alone; one that does makes it again', async () => {
    // A marker in place of the sum: only a recomputation would replace it.
    await cypher(app.driver, `MATCH (z:Zone {id: $zone}) SET z.projectInvestmentSum = 'marker'`, { zone: ZONE });
    await write(
      INGEST,
      {
        batch: {
          sources: [{ id: SOURCE, publisher: 'test', text: TEXT }],
          entities: [entity(FIRM, 'ENTERPRISE', S('己企业'))],
          relations: [relation('HOSTS', ZONE, FIRM, `${S('甲区')}引进${S('己企业')}`)],
        },
      },
      'ingest',
    );
    const [row] = await cypher(
      app.driver,
      'MATCH (z:Zone {id: $zone}) RETURN z.projectInvestmentSum AS sum, z.enterpriseCount AS firms',
      {
        zone: ZONE,
      },
    );
    expect(row).toEqual({ sum: 'marker', firms: 1 });
    // A kept value that is not a sum is not served: the answer is summed per request.
    expect((await sums(ZONE)).kept).toMatchObject({ summedCount: 2, total: { amount: '157000000' } });

    // Re-stating a project (nothing changed in it) touches it: its zone is summed again.
    await write(
      INGEST,
      {
        batch: {
          sources: [{ id: SOURCE, publisher: 'test', text: TEXT }],
          entities: [entity(C, 'PROJECT', S('丙项目'))],
        },
      },
      'ingest',
    );
    expect(await expectKept(ZONE)).toMatchObject({ summedCount: 2, missingCount: 1, total: { amount: '157000000' } });
  });

  test('deleting a project’s link and a park’s link takes their amounts out of the sum', async () => {
    await write(
      'mutation ($id: ID!) { deleteRelation(id: $id) { status issues { code } } }',
      { id: await relationId('DEVELOPS', ZONE, A) },
      'deleteRelation',
      ADMIN,
    );
    expect(await expectKept(ZONE)).toMatchObject({
      summedCount: 1,
      exactCount: 0,
      approximateCount: 1,
      missingCount: 1,
      total: { amount: '50000000', qualifier: 'APPROX' },
    });
    await write(
      'mutation ($id: ID!) { deleteRelation(id: $id) { status issues { code } } }',
      { id: await relationId('PART_OF', PARK, ZONE) },
      'deleteRelation',
      ADMIN,
    );
    // Only 丙 is left, without an amount: nothing summed, no total.
    expect(await expectKept(ZONE)).toMatchObject({ summedCount: 0, missingCount: 1, total: null });
  });

  test('merging a zone into another brings its projects’ amounts with it', async () => {
    await write(
      'mutation ($keep: ID!, $merge: ID!) { mergeEntities(keep: $keep, merge: $merge, reason: "test") { status issues { code } } }',
      { keep: ZONE, merge: OTHER_ZONE },
      'mergeEntities',
      ADMIN,
    );
    expect(await expectKept(ZONE)).toMatchObject({
      summedCount: 1,
      rangeCount: 1,
      missingCount: 1,
      total: { amount: '3500000', qualifier: 'RANGE' },
    });
  });

  test('migration 0017 makes the sums of a graph written before it', async () => {
    const before = await sums(ZONE);
    await cypher(
      app.driver,
      `MATCH (z:Zone) REMOVE z.projectInvestmentSum
       WITH count(*) AS c MATCH (m:Migration {version: 17}) DELETE m`,
    );
    const [missing] = await cypher(
      app.driver,
      'MATCH (z:Zone) WHERE z.projectInvestmentSum IS NULL RETURN count(z) AS n',
    );
    expect(Number(missing?.n)).toBeGreaterThan(0);
    await migrate(app.executor);
    const [left] = await cypher(app.driver, 'MATCH (z:Zone) WHERE z.projectInvestmentSum IS NULL RETURN count(z) AS n');
    expect(Number(left?.n)).toBe(0);
    expect(await sums(ZONE)).toEqual(before);
    // Every zone of the graph (the seed's included) keeps the sum its projects give.
    const zones = await cypher(app.driver, 'MATCH (z:Zone) RETURN z.id AS id ORDER BY id LIMIT 50');
    for (const zone of zones) await expectKept(String(zone.id));
  }, 300_000);
});
