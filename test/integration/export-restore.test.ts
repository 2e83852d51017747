import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../src/db/driver';
import { stableHash } from '../../src/ingest/plan';
import { loadSeed } from '../../src/ingest/seed';
import type { IngestBatch } from '../../src/ingest/types';
import { ingestBatch } from '../../src/ingest/writer';
import { mergeEntities } from '../../src/mutations/write-service';
import { cypher, openTestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/env';
import {
  canonicalJson,
  EXPORT_CLI,
  INGEST_CLI,
  graphProjection,
  runCli,
  tempDir,
  type GraphProjection,
} from '../helpers/ingest-fixtures';
import { removeRun, runToken } from '../helpers/isolation';
import { launcherPids, wrapper } from '../helpers/wrapper';

const HOME = '.neo4j/test-restore';
const STARTED = new Date();
const RUN = runToken('exprest-');
const TWIN = `enterprise:${RUN}-twin`;

/**
 * Records the seed does not exercise, added to the exported graph for this test: a source with
 * a date and no origin, mention evidence not in offset order and in two sources, two facts of
 * a key the loader projects onto the node (the projected one has the larger id), a fact with a
 * period, properties and flags, a symmetric relation given in reverse, and a relation with
 * every optional field.
 */
function edgeCases(): IngestBatch {
  const a = `边界测试${RUN}：甲园区总投资5亿元，其中一期投资3亿元。甲园区2024年起与乙公司合作。`;
  const b = `图片说明：乙公司2024年1月至2025年6月获丙银行贷款2000万元。`;
  const sa = `source:${RUN}-a`;
  const sb = `source:${RUN}-b`;
  const park = `park:${RUN}-jia`;
  const firm = `enterprise:${RUN}-yi`;
  const bank = `bank:${RUN}-bing`;
  const investment = (value: string, quote: string) => ({
    key: 'totalInvestment',
    value,
    evidence: [{ source: sa, quote }],
  });
  const [first, second] = [investment('5亿元', '总投资5亿元'), investment('3亿元', '一期投资3亿元')];
  const id = (fact: { key: string; value: string }): string =>
    stableHash(park, fact.key, fact.value, undefined, undefined, undefined);
  // The first fact of the key is projected; put the one that sorts later by id first.
  const facts = id(first) > id(second) ? [first, second] : [second, first];
  return {
    idempotencyKey: `${RUN}-edge`,
    sources: [
      {
        id: sa,
        title: null,
        section: '边界测试',
        publisher: 'zonegraph tests',
        kind: 'ARTICLE',
        date: '2025-07',
        text: a,
        qualityFlags: ['MISSING_TITLE'],
      },
      { id: sb, publisher: 'zonegraph tests', byline: '测试', kind: 'PHOTO_CAPTION', text: b },
    ],
    entities: [
      {
        id: park,
        kind: 'PARK',
        subtype: 'INDUSTRIAL_PARK',
        name: `甲园区${RUN}`,
        aliases: [`甲园${RUN}`],
        industries: ['pharmaceuticals-and-health'],
        evidence: [
          { source: sa, quote: '甲园区2024年起' },
          { source: sa, quote: '甲园区总投资' },
        ],
        facts: [
          ...facts,
          {
            key: 'financingMechanism',
            value: '与乙公司合作',
            period: { start: '2024' },
            properties: { partner: '乙公司', stage: 'ongoing' },
            evidence: [{ source: sa, quote: '2024年起与乙公司合作' }],
            qualityFlags: ['INFERRED', 'AGGREGATE_FIGURE'],
          },
        ],
      },
      {
        id: firm,
        kind: 'ENTERPRISE',
        name: `乙公司${RUN}`,
        evidence: [
          { source: sb, quote: '乙公司' },
          { source: sa, quote: '乙公司合作' },
        ],
      },
      {
        id: bank,
        kind: 'BANK',
        name: `丙银行${RUN}`,
        evidence: [{ source: sb, quote: '丙银行' }],
        qualityFlags: ['INFERRED'],
      },
    ],
    relations: [
      {
        type: 'PARTNERED_WITH',
        from: park,
        to: firm,
        date: '2024',
        evidence: [{ source: sa, quote: '甲园区2024年起与乙公司合作' }],
        qualityFlags: [],
      },
      {
        type: 'FINANCED_BY',
        from: firm,
        to: bank,
        key: '2024-loan',
        amount: '2000万元',
        period: { start: '2024-01', end: '2025-06' },
        status: 'COMPLETED',
        role: 'bank loan',
        properties: { lender: '丙银行' },
        evidence: [
          { source: sb, quote: '获丙银行贷款2000万元' },
          { source: sb, quote: '2024年1月至2025年6月' },
        ],
        qualityFlags: ['INFERRED'],
      },
    ],
  };
}

/** The first row that differs between two projections, to make a failed hash comparison readable. */
function firstDifference(a: GraphProjection, b: GraphProjection): unknown {
  for (const section of ['entities', 'facts', 'relations', 'evidence'] as const) {
    const left = a.sections[section];
    const right = b.sections[section];
    for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
      if (canonicalJson(left[i]) !== canonicalJson(right[i])) {
        return { section, index: i, exported: left[i], restored: right[i] };
      }
    }
  }
  return null;
}

describe('export the graph, ingest the export into an empty Neo4j: the same graph', () => {
  let source: Driver;
  let restored: Driver | undefined;
  let restoreUri = '';
  let dir: string;
  const database = testConfig().neo4j.database;

  beforeAll(async () => {
    expect(fs.existsSync(EXPORT_CLI) && fs.existsSync(INGEST_CLI)).toBe(true); // npm test builds dist/ first
    dir = tempDir('export-restore');
    let executor;
    ({ driver: source, executor } = await openTestDatabase());
    expect((await loadSeed(executor)).issues).toEqual([]);
    expect((await ingestBatch(executor, edgeCases(), { origin: 'test' })).issues).toEqual([]);
    // A merge, so the export carries `mergedIds` and the restore must keep the merged id unusable.
    const twin = {
      id: TWIN,
      kind: 'ENTERPRISE' as const,
      name: `乙公司分身${RUN}`,
      evidence: [{ source: `source:${RUN}-b`, quote: '乙公司' }],
    };
    expect((await ingestBatch(executor, { entities: [twin] }, { origin: 'test' })).issues).toEqual([]);
    await mergeEntities(executor, `enterprise:${RUN}-yi`, TWIN, 'same firm', 'test');
    const started = wrapper(['start', '--home', HOME, '--fresh']);
    expect(started.status).toBe(0);
    restoreUri = started.stdout.trim().split('\n').pop() ?? '';
    expect(restoreUri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    restored = createDriver({ ...testConfig().neo4j, uri: restoreUri });
  }, 240_000);

  afterAll(async () => {
    const left = await removeRun(source, RUN, STARTED);
    await source.close();
    await restored?.close();
    wrapper(['stop', '--home', HOME]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(launcherPids(HOME)).toEqual([]);
    expect(left).toBe(0);
  }, 60_000);

  test('an output path that cannot be written is a usage error (exit 2) before anything is read', async () => {
    const folder = path.join(dir, 'folder.jsonl');
    fs.mkdirSync(folder);
    for (const target of [folder, path.join(dir, 'missing', 'graph.jsonl')]) {
      const run = await runCli(EXPORT_CLI, [target], process.env.NEO4J_URI ?? '');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('usage:');
      expect(run.stderr).not.toContain('    at ');
      expect(run.stderr).not.toMatch(/\d+ \w+ written/);
    }
  });

  test('two exports of the same graph are byte-identical', async () => {
    const first = path.join(dir, 'first.jsonl');
    const second = path.join(dir, 'second.jsonl');
    const one = await runCli(EXPORT_CLI, [first], process.env.NEO4J_URI ?? '');
    expect(one.stderr).not.toContain('incomplete');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/sources\s+[1-9]\d*\n/);
    expect((await runCli(EXPORT_CLI, [second], process.env.NEO4J_URI ?? '')).code).toBe(0);
    expect(fs.readFileSync(second).equals(fs.readFileSync(first))).toBe(true);
    // Sources, then entities, then relations, each in id order.
    const records = fs
      .readFileSync(first, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => Object.entries(JSON.parse(line) as Record<string, { id?: string; type?: string }>)[0]);
    const rank = (tag: string | undefined): number => ['source', 'entity', 'relation'].indexOf(tag ?? '');
    const ranks = records.map((record) => rank(record?.[0]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const tag of ['source', 'entity']) {
      const ids = records.filter((record) => record?.[0] === tag).map((record) => String(record?.[1].id));
      expect(ids).toEqual([...ids].sort());
    }
  }, 120_000);

  test('ingesting the export into an empty database reproduces counts and content hash', async () => {
    if (restored === undefined) throw new Error('no restore database');
    const file = path.join(dir, 'graph.jsonl');
    const exported = await runCli(EXPORT_CLI, [file], process.env.NEO4J_URI ?? '');
    expect(exported.code).toBe(0);

    const empty = await graphProjection(restored, database);
    expect(empty.counts.nodesByKind).toEqual({});
    const ingest = await runCli(INGEST_CLI, [file], restoreUri);
    expect(ingest.stderr).not.toContain('rejected');
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/status\s+APPLIED\n/);

    const before = await graphProjection(source, database);
    const after = await graphProjection(restored, database);
    expect(before.counts.nodesByKind.SOURCE).toBeGreaterThan(0);
    const [park] = await cypher(restored, 'MATCH (p:Park {id: $id}) RETURN p.totalInvestmentRaw AS raw', {
      id: `park:${RUN}-jia`,
    });
    expect(park?.raw).toBe(edgeCases().entities?.[0]?.facts?.[0]?.value);
    expect(after.counts).toEqual(before.counts);
    expect(firstDifference(before, after)).toBeNull();
    expect(after.hashes).toEqual(before.hashes);
    expect(after.hash).toBe(before.hash);

    // The merge survives: the merged id stays unusable on the restored graph.
    const [record] = await cypher(restored, 'MATCH (m:MergeRecord {merged: $id}) RETURN m.keep AS keep', { id: TWIN });
    expect(record?.keep).toBe(`enterprise:${RUN}-yi`);
    const reuse = path.join(dir, 'reuse.json');
    fs.writeFileSync(
      reuse,
      JSON.stringify({
        entities: [
          {
            id: TWIN,
            kind: 'ENTERPRISE',
            name: `新${RUN}`,
            evidence: [{ source: `source:${RUN}-b`, quote: '乙公司' }],
          },
        ],
      }),
    );
    const refused = await runCli(INGEST_CLI, [reuse], restoreUri);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('MERGED_ID');

    // The restored graph exports to the very same bytes.
    const again = path.join(dir, 'restored.jsonl');
    expect((await runCli(EXPORT_CLI, [again], restoreUri)).code).toBe(0);
    expect(fs.readFileSync(again).equals(fs.readFileSync(file))).toBe(true);
  }, 180_000);
});
