/*
 * The national graph generator (npm run bench:data): deterministic, ids as the catalogue
 * importer makes them, and data the write path takes whole: a small graph validates with no
 * issue and loads, file by file, into an empty Neo4j of its own to exactly the manifest's counts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { generateNationalGraph, type Manifest } from '../../bench/national/generate';
import { readCatalogue } from '../../bench/national/catalogue';
import { catalogueZoneId, provinceId } from '../../src/catalogue/ids';
import { ZONE_TYPES } from '../../src/catalogue/rows';
import { createDriver } from '../../src/db/driver';
import type { EntityInput } from '../../src/ingest/types';
import { testConfig } from '../helpers/env';
import { INGEST_CLI, runCli, tempDir } from '../helpers/ingest-fixtures';
import { launcherPids, ROOT, wrapper } from '../helpers/wrapper';

const HOME = '.neo4j/test-bench-data';
const FIRMS = 300;

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((file) => [
        file,
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, file)))
          .digest('hex'),
      ]),
  );
}

function records(file: string, tag: 'entity' | 'relation' | 'source'): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>)
    .flatMap((record) => (record[tag] === undefined ? [] : [record[tag]]));
}

describe('npm run bench:data (the national graph generator)', () => {
  let dir: string;
  let manifest: Manifest;

  beforeAll(() => {
    dir = tempDir('bench-data');
    manifest = generateNationalGraph({ firms: FIRMS, seed: 7, outDir: path.join(dir, 'a') });
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the same arguments give byte-identical files; another seed other data', () => {
    const again = generateNationalGraph({ firms: FIRMS, seed: 7, outDir: path.join(dir, 'b') });
    expect(again).toEqual(manifest);
    expect(hashes(path.join(dir, 'b'))).toEqual(hashes(path.join(dir, 'a')));
    for (const file of manifest.files) {
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, 'a', file.file)))
          .digest('hex'),
      ).toBe(file.sha256);
    }

    const other = generateNationalGraph({ firms: FIRMS, seed: 8, outDir: path.join(dir, 'c') });
    expect(other.counts.entitiesByKind.ENTERPRISE).toBe(FIRMS);
    const firmFile = (m: Manifest): string | undefined => m.files.find((f) => f.file.startsWith('03-firms'))?.sha256;
    expect(firmFile(other)).not.toBe(firmFile(manifest));
    expect(other.files.map((f) => f.sha256)).not.toEqual(manifest.files.map((f) => f.sha256));
  });

  test('the manifest counts what the files hold; geography comes first, in its own file', () => {
    expect(manifest.arguments).toEqual({ firms: FIRMS, seed: 7 });
    expect(manifest.files.map((f) => f.file)).toEqual([
      '01-geography.jsonl',
      '02-institutions.jsonl',
      '03-firms-0001.jsonl',
      '04-projects-0001.jsonl',
    ]);
    const keys = manifest.files.map((f) => f.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    const all = manifest.files.flatMap((f) =>
      records(path.join(dir, 'a', f.file), 'entity'),
    ) as unknown as EntityInput[];
    expect(all).toHaveLength(manifest.counts.entities);
    const kinds: Record<string, number> = {};
    for (const entity of all) kinds[entity.kind] = (kinds[entity.kind] ?? 0) + 1;
    expect(kinds).toEqual(manifest.counts.entitiesByKind);
    const geography = records(path.join(dir, 'a', '01-geography.jsonl'), 'entity') as unknown as EntityInput[];
    expect(new Set(geography.map((e) => e.kind))).toEqual(new Set(['REGION', 'ZONE']));
    expect(all.filter((e) => e.kind === 'ZONE' || e.kind === 'REGION')).toHaveLength(geography.length);
  });

  test('zones are the 2,543 catalogue rows and provinces the 31, with the catalogue ids', () => {
    const entities = records(path.join(dir, 'a', '01-geography.jsonl'), 'entity') as unknown as EntityInput[];
    const rows = readCatalogue();
    const duplicated = (code: string): boolean => rows.filter((row) => row.code === code).length > 1;
    const zones = entities.filter((e) => e.kind === 'ZONE');
    const pairs = (list: string[][]): string[][] => [...list].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
    expect(pairs(zones.map((zone) => [zone.id, zone.name]))).toEqual(
      pairs(rows.map((row) => [catalogueZoneId(row.code, row.serial, duplicated(row.code)), row.name])),
    );
    expect(zones.map((zone) => zone.id)).toContain('zone:cn-g141004');
    expect(zones.map((zone) => zone.id)).toContain('zone:cn-s377018-929');
    // Each zone carries the catalogue's fields as the importer models them: the subtype of its
    // 开发区类型, its code, level, approval month and approved area.
    const byId = new Map(zones.map((zone) => [zone.id, zone]));
    const fact = (zone: EntityInput | undefined, key: string) => zone?.facts?.find((f) => f.key === key);
    const levels: Record<string, 'STATE_COUNCIL' | 'PROVINCIAL'> = { 国务院: 'STATE_COUNCIL', 省政府: 'PROVINCIAL' };
    for (const row of rows) {
      const zone = byId.get(catalogueZoneId(row.code, row.serial, duplicated(row.code)));
      const level = levels[row.level];
      expect(level).toBeDefined();
      expect(zone?.subtype).toBe(ZONE_TYPES[level as 'STATE_COUNCIL' | 'PROVINCIAL'][row.type]);
      expect(fact(zone, 'catalogueCode')?.value).toBe(row.code);
      expect(fact(zone, 'approvalLevel')?.value).toBe(row.level);
      expect(fact(zone, 'approvedArea')?.value).toBe(`${row.areaHectares}公顷`);
      expect(fact(zone, 'approvalDate')?.date).toBe(row.approved.slice(0, 7).replace('.', '-'));
    }
    // Every zone subtype of the catalogue occurs (高新技术产业开发区 is one at either level).
    expect(new Set(zones.map((zone) => zone.subtype))).toEqual(
      new Set(Object.values(ZONE_TYPES).flatMap((types) => Object.values(types))),
    );
    const provinces = entities.filter((e) => e.kind === 'REGION' && e.subtype === 'PROVINCE');
    expect(provinces).toHaveLength(31);
    for (const province of provinces) expect(province.id).toBe(provinceId(province.name));
    expect(provinces.map((p) => p.id)).toEqual(
      expect.arrayContaining(['region:shanxi', 'region:shaanxi', 'region:neimenggu']),
    );
  });

  describe('into an empty Neo4j of its own', () => {
    let driver: Driver;
    let uri: string;

    beforeAll(() => {
      const started = wrapper(['start', '--home', HOME, '--fresh']);
      expect(started.status).toBe(0);
      uri = started.stdout.trim().split('\n').pop() ?? '';
      expect(uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
      driver = createDriver({ ...testConfig().neo4j, uri });
    }, 240_000);

    afterAll(async () => {
      await driver?.close();
      wrapper(['stop', '--home', HOME]);
      expect(launcherPids(HOME)).toEqual([]);
      fs.rmSync(path.join(ROOT, HOME), { recursive: true, force: true });
    }, 60_000);

    async function count(query: string): Promise<Record<string, number>> {
      const result = await driver.executeQuery(query, {}, { database: testConfig().neo4j.database });
      return Object.fromEntries(result.records.map((record) => [String(record.get('key')), Number(record.get('n'))]));
    }

    test('it validates with no issue (--dry-run, each file as if the ones before were written), then loads to exactly the manifest counts', async () => {
      const out = path.join(dir, 'a');
      const dry = await runCli(INGEST_CLI, [out, '--dry-run'], uri);
      expect(dry.stderr).not.toMatch(/: [A-Z]+(?:_[A-Z]+)+ /);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/status\s+VALIDATED \(dry run/);
      expect(dry.stdout).toMatch(/files\s+4 \(4 validated\)/);
      expect(dry.stdout).toMatch(new RegExp(`entities\\s+${manifest.counts.entities}\\n`));
      expect(await count('MATCH (n:Entity) RETURN n.kind AS key, count(*) AS n')).toEqual({});

      const load = await runCli(INGEST_CLI, [out, '--batch-size', '1000'], uri);
      expect(load.code).toBe(0);
      expect(load.stdout).toMatch(/status\s+APPLIED\n/);
      const { counts } = manifest;
      const kinds = await count('MATCH (n:Entity) RETURN n.kind AS key, count(*) AS n');
      expect(kinds).toEqual({ ...counts.entitiesByKind, SOURCE: counts.sources });
      const types = await count('MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n');
      expect(types).toEqual({
        ...counts.relationsByType,
        MENTIONED_IN: counts.mentionedIn,
        HAS_FACT: counts.facts,
        IN_SOURCE: counts.evidence,
      });
      expect(await count("MATCH (f:Fact) RETURN 'facts' AS key, count(*) AS n")).toEqual({ facts: counts.facts });
      expect(await count("MATCH (e:Evidence) RETURN 'evidence' AS key, count(*) AS n")).toEqual({
        evidence: counts.evidence,
      });
      expect(await count('MATCH (l:IngestLedger) WHERE NOT l.key CONTAINS "#" RETURN l.key AS key, 1 AS n')).toEqual(
        Object.fromEntries(manifest.files.map((f) => [f.idempotencyKey, 1])),
      );

      // Each file is its own batch under its own key: loading again changes nothing.
      const again = await runCli(INGEST_CLI, [out, '--batch-size', '1000'], uri);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/status\s+ALREADY_APPLIED\n/);
      expect(again.stdout).toMatch(/files\s+4 \(4 already loaded\)/);
      expect(await count('MATCH (n:Entity) RETURN n.kind AS key, count(*) AS n')).toEqual(kinds);
    }, 600_000);

    test('a directory load stops at the first refused file; the files before it stay loaded', async () => {
      const out = path.join(dir, 'broken');
      fs.mkdirSync(out);
      const ok = `{"source":{"id":"source:bench-data-ok","publisher":"t","kind":"ARTICLE","text":"甲园区测试句。"}}\n`;
      fs.writeFileSync(path.join(out, '01-ok.jsonl'), ok);
      const bad = `{"entity":{"id":"zone:bench-data-bad","kind":"ZONE","name":"乙园区","evidence":[{"source":"source:bench-data-ok","quote":"不在文中"}]}}\n`;
      fs.writeFileSync(path.join(out, '02-bad.jsonl'), bad);
      fs.writeFileSync(path.join(out, '03-never.jsonl'), ok.replace('bench-data-ok', 'bench-data-never'));
      fs.writeFileSync(path.join(out, 'README.md'), 'not a batch');
      const run = await runCli(INGEST_CLI, [out], uri);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('file 2/3 02-bad.jsonl: line 1: entity.evidence[0].quote: QUOTE_NOT_FOUND');
      expect(run.stderr).toContain('the 1 file(s) before it are in the graph');
      expect(
        await count("MATCH (n:Entity) WHERE n.id STARTS WITH 'source:bench-data' RETURN n.id AS key, 1 AS n"),
      ).toEqual({
        'source:bench-data-ok': 1,
      });
      const keyed = await runCli(INGEST_CLI, [out, '--key', 'k'], uri);
      expect(keyed.code).toBe(2);
      expect(keyed.stderr).toContain('--key applies to one file');
    }, 120_000);
  });
});
