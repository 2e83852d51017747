import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { relationId } from '../../src/ingest/plan';
import { cypher, openTestDatabase } from '../helpers/db';
import { INGEST_CLI, runCli, syntheticBatch, tempDir, toJsonl, type FullBatch } from '../helpers/ingest-fixtures';

/** Every id, name and ledger key this file writes contains RUN, so cleanup finds exactly them. */
const RUN = `ingcli-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const uri = (): string => process.env.NEO4J_URI ?? '';

describe('npm run ingest (the CLI, against real Neo4j)', () => {
  let driver: Driver;
  let dir: string;

  beforeAll(async () => {
    expect(fs.existsSync(INGEST_CLI)).toBe(true); // npm test builds dist/ first
    ({ driver } = await openTestDatabase());
    dir = tempDir('ingest-cli');
  });

  afterAll(async () => {
    await cypher(driver, 'MATCH (n:Entity) WHERE n.id CONTAINS $run DETACH DELETE n', { run: RUN });
    await cypher(driver, 'MATCH (f:Fact) WHERE f.entityId CONTAINS $run DETACH DELETE f', { run: RUN });
    await cypher(driver, 'MATCH (e:Evidence) WHERE e.sourceId CONTAINS $run DETACH DELETE e', { run: RUN });
    await cypher(driver, 'MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run DELETE c', { run: RUN });
    await cypher(driver, 'MATCH (l:IngestLedger) WHERE l.key CONTAINS $run DELETE l', { run: RUN });
    const [left] = await cypher(
      driver,
      `MATCH (n) WHERE NOT n:AuditEntry
         AND (n.id CONTAINS $run OR n.entityId CONTAINS $run OR n.sourceId CONTAINS $run OR n.key CONTAINS $run)
       RETURN count(n) AS n`,
      { run: RUN },
    );
    await driver.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(left?.n).toBe(0);
  });

  /** Everything in the database: a write of any kind changes one of these. */
  async function totals(): Promise<Record<string, unknown>> {
    const [row] = await cypher(
      driver,
      `CALL () { MATCH (n) RETURN count(n) AS nodes }
       CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
       CALL () { MATCH (l:IngestLedger) RETURN count(l) AS ledger }
       CALL () { MATCH (n:Entity) RETURN max(n.updatedAt) AS lastUpdate }
       RETURN nodes, relationships, ledger, toString(lastUpdate) AS lastUpdate`,
    );
    return row ?? {};
  }

  function write(name: string, content: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  describe('arguments and files (rejected before the database is touched)', () => {
    test.each([
      [['--batch-size', '0', 'x.json'], '--batch-size'],
      [['--batch-size', '5001', 'x.json'], '--batch-size'],
      [['--batch-size=abc', 'x.json'], '--batch-size'],
      [['x.json', '--batch-size'], '--batch-size needs a value'],
      [['--key', '', 'x.json'], '--key needs a value'],
      [['--key', 'x#y', 'x.json'], '--key may not contain "#"'],
      [['--frobnicate', 'x.json'], 'unknown option --frobnicate'],
      [[], 'no input file'],
      [['x.csv'], 'must end in .json or .jsonl'],
    ])('%j → usage error naming %s, exit 2', async (args, expected) => {
      const run = await runCli(INGEST_CLI, args, uri());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(expected);
      expect(run.stderr).toContain('usage: npm run ingest');
    });

    test('a missing file: exit 2 naming the file', async () => {
      const missing = path.join(dir, 'nowhere.json');
      const run = await runCli(INGEST_CLI, [missing], uri());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${missing}: no such file`);
    });

    test('unparseable JSON: exit 2 with the file, line and column of the error', async () => {
      const json = write('broken.json', '{\n  "sources": [],\n  "entities": [,]\n}\n');
      const run = await runCli(INGEST_CLI, [json], uri());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${json}:3:16: not valid JSON`);

      const lines = write('broken.jsonl', '{"source": {}}\n\n{"entity": {"id": tru}}\n');
      const jsonl = await runCli(INGEST_CLI, [lines], uri());
      expect(jsonl.code).toBe(2);
      expect(jsonl.stderr).toContain(`${lines}:3:19: not valid JSON`);
    });
  });

  test('--dry-run validates and counts, and writes nothing', async () => {
    const batch = syntheticBatch(`${RUN}-dry`, { entities: 12, relations: 5 });
    const file = write('dry.jsonl', toJsonl(batch));
    const before = await totals();
    const run = await runCli(INGEST_CLI, [file, '--dry-run', '--batch-size', '5'], uri());
    expect(run.stderr).not.toMatch(/chunk \d/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/status\s+VALIDATED \(dry run/);
    expect(run.stdout).toMatch(/entities\s+12\n/);
    expect(run.stdout).toMatch(/facts\s+12\n/);
    expect(run.stdout).toMatch(/relations\s+5\n/);
    expect(run.stdout).toMatch(/evidence\s+29\n/);
    expect(run.stdout).toMatch(/chunks\s+4 planned \(batch size 5\)/);
    expect(await totals()).toEqual(before);
  });

  describe('an invalid batch is refused whole: issues with path and code, exit 1, nothing written', () => {
    function invalid(prefix: string): FullBatch {
      const batch = syntheticBatch(prefix, { entities: 4, relations: 2 });
      const entity = batch.entities[2];
      const relation = batch.relations[1];
      if (entity === undefined || relation === undefined) throw new Error('fixture too small');
      entity.evidence = [{ source: `source:${prefix}`, quote: '这句话不在原文里' }];
      relation.to = `enterprise:${prefix}-nobody`;
      return batch;
    }

    test('.json: issues printed as path: CODE message', async () => {
      const file = write('invalid.json', JSON.stringify(invalid(`${RUN}-bad-json`), null, 2));
      const before = await totals();
      const run = await runCli(INGEST_CLI, [file], uri());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('entities[2].evidence[0].quote: QUOTE_NOT_FOUND the quote is not in source');
      expect(run.stderr).toContain(`relations[1].to: UNKNOWN_ENDPOINT "enterprise:${RUN}-bad-json-nobody"`);
      expect(run.stderr).toContain('ingest rejected: 2 issue(s)');
      expect(run.stdout).toBe('');
      expect(await totals()).toEqual(before);
    });

    test('.jsonl: the same issues, on the line of the record they concern', async () => {
      // Line 1 is the source, lines 2-5 the entities, lines 6-7 the relations.
      const file = write('invalid.jsonl', toJsonl(invalid(`${RUN}-bad-jsonl`)));
      const before = await totals();
      const run = await runCli(INGEST_CLI, [file], uri());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('line 4: entity.evidence[0].quote: QUOTE_NOT_FOUND');
      expect(run.stderr).toContain('line 7: relation.to: UNKNOWN_ENDPOINT');
      expect(await totals()).toEqual(before);
    });

    test('.jsonl: a line that is not a tagged record', async () => {
      const batch = syntheticBatch(`${RUN}-bad-tag`, { entities: 1, relations: 0 });
      const file = write('bad-tag.jsonl', `${toJsonl(batch)}{"organisation": {}}\n[1, 2]\n`);
      const before = await totals();
      const run = await runCli(INGEST_CLI, [file], uri());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('line 3: (record): SCHEMA_VIOLATION');
      expect(run.stderr).toContain('found keys "organisation"');
      expect(run.stderr).toContain('line 4: (record): SCHEMA_VIOLATION');
      expect(await totals()).toEqual(before);
    });
  });

  test('a valid .json batch is written in chunks; a second run finds it in the ledger and changes nothing', async () => {
    const prefix = `${RUN}-ok`;
    const file = write('valid.json', JSON.stringify(syntheticBatch(prefix, { entities: 20, relations: 10 })));
    const first = await runCli(INGEST_CLI, [file, '--batch-size', '7'], uri());
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('chunk 1/5 written (7/31 items)');
    expect(first.stderr).toContain('chunk 5/5 written (31/31 items)');
    expect(first.stdout).toMatch(/status\s+APPLIED\n/);
    expect(first.stdout).toMatch(/chunks\s+5 written, 0 already loaded \(batch size 7\)/);
    expect(first.stdout).toMatch(/elapsed\s+\d+\.\ds/);
    const [written] = await cypher(
      driver,
      `CALL () { MATCH (n:Enterprise) WHERE n.id STARTS WITH $p RETURN count(n) AS entities }
       CALL () { MATCH (:Enterprise)-[r:PARTNERED_WITH]->() WHERE r.id IN $relations RETURN count(r) AS relations }
       CALL () { MATCH (f:Fact) WHERE f.entityId STARTS WITH $p RETURN count(f) AS facts }
       RETURN entities, relations, facts`,
      {
        p: `enterprise:${prefix}-`,
        relations: syntheticBatch(prefix, { entities: 20, relations: 10 }).relations.map(
          (r) => relationId(r.type, r.from, r.to, r.key).id,
        ),
      },
    );
    expect(written).toEqual({ entities: 20, relations: 10, facts: 20 });
    const key = /key\s+(\S+)/.exec(first.stdout)?.[1] ?? '';
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);

    const before = await totals();
    const second = await runCli(INGEST_CLI, [file, '--batch-size', '7'], uri());
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('chunk 1/5 already loaded (7/31 items)');
    expect(second.stderr).not.toContain('written');
    expect(second.stdout).toMatch(/status\s+ALREADY_APPLIED\n/);
    expect(second.stdout).toMatch(/chunks\s+0 written, 5 already loaded/);
    expect(await totals()).toEqual(before);
    // Chunk keys depend on the batch size, but the completed batch is known by its own key.
    const resized = await runCli(INGEST_CLI, [file, '--batch-size', '4'], uri());
    expect(resized.code).toBe(0);
    expect(resized.stdout).toMatch(/status\s+ALREADY_APPLIED\n/);
    expect(resized.stdout).toMatch(/chunks\s+0 written, 8 already loaded \(batch size 4\)/);
    expect(await totals()).toEqual(before);
    // The content-hash key is the file's, not this run's: clean its ledger rows up by key.
    await cypher(driver, 'MATCH (l:IngestLedger) WHERE l.key STARTS WITH $key DELETE l', { key });
  });

  test('a file that starts with a UTF-8 byte-order mark is read as JSON', async () => {
    const batch = syntheticBatch(`${RUN}-bom`, { entities: 2, relations: 1 });
    for (const [name, content] of [
      ['bom.json', JSON.stringify(batch)],
      ['bom.jsonl', toJsonl(batch).replace(/\n/g, '\r\n')],
    ] as const) {
      const run = await runCli(INGEST_CLI, [write(name, `\uFEFF${content}`), '--dry-run'], uri());
      expect(run.stderr).not.toContain('not valid JSON');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/status\s+VALIDATED \(dry run/);
    }
  });

  test('a key already used for other content is refused, exit 1, and nothing is written', async () => {
    const key = `${RUN}-reused`;
    const first = write('first.json', JSON.stringify(syntheticBatch(`${RUN}-ra`, { entities: 3, relations: 1 })));
    const second = write('second.json', JSON.stringify(syntheticBatch(`${RUN}-rb`, { entities: 3, relations: 1 })));
    expect((await runCli(INGEST_CLI, [first, '--key', key], uri())).code).toBe(0);
    const before = await totals();
    const run = await runCli(INGEST_CLI, [second, '--key', key], uri());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('idempotencyKey: IDEMPOTENCY_KEY_REUSED');
    expect(await totals()).toEqual(before);
  });

  test('SIGKILL mid-ingest, again and again: only whole chunks are kept, and a re-run completes it', async () => {
    const ENTITIES = 3000;
    const RELATIONS = 1500;
    const BATCH = 100;
    const prefix = `${RUN}-kill`;
    const key = `${prefix}-key`;
    const batch = syntheticBatch(prefix, { entities: ENTITIES, relations: RELATIONS });
    const file = write('large.jsonl', toJsonl(batch));
    const items = 1 + ENTITIES + RELATIONS;
    const chunks = Math.ceil(items / BATCH);
    const args = [file, '--batch-size', String(BATCH), '--key', key];

    // The planner's layout: the source, then the entities, then the relations, BATCH per chunk.
    const layout = [
      { entity: null, relation: null },
      ...batch.entities.map((e) => ({ entity: e.id, relation: null })),
      ...batch.relations.map((r) => ({ entity: null, relation: relationId(r.type, r.from, r.to, r.key).id })),
    ];
    const chunkOf = (index: number): { entities: string[]; relations: string[] } => {
      const slice = layout.slice((index - 1) * BATCH, index * BATCH);
      return {
        entities: slice.flatMap((item) => (item.entity === null ? [] : [item.entity])),
        relations: slice.flatMap((item) => (item.relation === null ? [] : [item.relation])),
      };
    };

    /**
     * A killed client's last transaction may still be on the server (committing, or waiting to
     * be rolled back when the server notices the closed connection); wait until it is gone, so
     * the ledger and the data below are read in one settled state.
     */
    async function settled(): Promise<boolean> {
      for (let attempt = 0; attempt < 300; attempt += 1) {
        const [row] = await cypher(
          driver,
          "SHOW TRANSACTIONS YIELD metaData WHERE metaData.tag = 'ingest:cli' RETURN count(*) AS open",
        );
        if (row?.open === 0) return attempt > 0;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the killed ingest still has a transaction open after 30 s');
    }

    /** Compares the graph with the ledger: what is written must be exactly the recorded chunks. */
    async function check(): Promise<{ recorded: number[]; entities: number }> {
      const ledger = await cypher(
        driver,
        'MATCH (l:IngestLedger) WHERE l.key STARTS WITH $k RETURN l.key AS key, l.items AS items, l.counts AS counts',
        { k: `${key}#` },
      );
      const recorded = ledger
        .map((row) => {
          const match = /#(\d+)\/(\d+)$/.exec(String(row.key));
          expect(Number(match?.[2])).toBe(chunks);
          return Number(match?.[1]);
        })
        .sort((a, b) => a - b);
      const counts = ledger.map((row) => JSON.parse(String(row.counts)) as Record<string, number>);
      const sum = (name: string): number => counts.reduce((total, c) => total + (c[name] ?? 0), 0);
      const [graph] = await cypher(
        driver,
        `CALL () { MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS entities }
         CALL () { MATCH (a:Entity)-[r:PARTNERED_WITH]->() WHERE a.id STARTS WITH $p RETURN count(r) AS relations }
         CALL () { MATCH (f:Fact) WHERE f.entityId STARTS WITH $p RETURN count(f) AS facts }
         CALL () { MATCH (e:Evidence) WHERE e.sourceId = $source RETURN count(e) AS evidence }
         CALL () { MATCH (s:Source {id: $source}) RETURN count(s) AS sources }
         RETURN entities, relations, facts, evidence, sources`,
        { p: `enterprise:${prefix}-`, source: `source:${prefix}` },
      );
      // No partial chunk: the graph holds exactly the sum of what the recorded chunks carry ...
      expect(graph).toEqual({
        entities: sum('entities'),
        relations: sum('relations'),
        facts: sum('facts'),
        evidence: sum('evidence'),
        sources: sum('sources'),
      });
      expect(Number(graph?.sources) + Number(graph?.entities) + Number(graph?.relations)).toBe(
        ledger.reduce((total, row) => total + Number(row.items), 0),
      );
      // ... and no ledger row without its data: every recorded chunk's own items are there.
      const expected = recorded.map(chunkOf);
      const [present] = await cypher(
        driver,
        `CALL () { MATCH (n:Entity) WHERE n.id IN $entities RETURN count(n) AS entities }
         CALL () { MATCH ()-[r:PARTNERED_WITH]->() WHERE r.id IN $relations RETURN count(r) AS relations }
         RETURN entities, relations`,
        {
          entities: expected.flatMap((chunk) => chunk.entities),
          relations: expected.flatMap((chunk) => chunk.relations),
        },
      );
      expect(present).toEqual({
        entities: expected.reduce((total, chunk) => total + chunk.entities.length, 0),
        relations: expected.reduce((total, chunk) => total + chunk.relations.length, 0),
      });
      return { recorded, entities: Number(graph?.entities) };
    }

    // Kill after the k-th chunk is reported written, sometimes at once, sometimes a little later
    // (so the kill also lands inside the next chunk's transaction).
    const kills = [
      { after: 2, delayMs: 0 },
      { after: 9, delayMs: 40 },
      { after: 17, delayMs: 15 },
      { after: 28, delayMs: 80 },
    ];
    const measured: string[] = [];
    let previous = 0;
    for (const { after, delayMs } of kills) {
      const started = Date.now();
      const run = await runCli(INGEST_CLI, args, uri(), {
        killWhen: (line) => Number(/^chunk (\d+)\/\d+ written/.exec(line)?.[1] ?? 0) >= after,
        killDelayMs: delayMs,
      });
      expect(run.signal).toBe('SIGKILL');
      const inFlight = await settled();
      const reported = [...run.stderr.matchAll(/^chunk (\d+)\/\d+ written/gm)].length;
      const skipped = [...run.stderr.matchAll(/^chunk (\d+)\/\d+ already loaded/gm)].length;
      const { recorded, entities } = await check();
      expect(recorded).toEqual(Array.from({ length: recorded.length }, (_, i) => i + 1));
      expect(recorded.length).toBeGreaterThanOrEqual(after);
      expect(recorded.length).toBeGreaterThan(previous);
      expect(skipped).toBe(previous);
      previous = recorded.length;
      measured.push(
        `kill after "chunk ${after}" (+${delayMs}ms): ${skipped} skipped, ${reported} reported written, ` +
          `${recorded.length}/${chunks} in ledger, ${entities}/${ENTITIES} entities, ` +
          `${inFlight ? 'a transaction was still open on the server' : 'no transaction open'}, ${Date.now() - started}ms`,
      );
    }

    const started = Date.now();
    const resumed = await runCli(INGEST_CLI, args, uri());
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/status\s+APPLIED\n/);
    expect(resumed.stdout).toContain(`${chunks - previous} written, ${previous} already loaded`);
    const { recorded } = await check();
    expect(recorded).toEqual(Array.from({ length: chunks }, (_, i) => i + 1));
    const [full] = await cypher(
      driver,
      `CALL () { MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS entities, count(DISTINCT n.id) AS ids }
       CALL () { MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $p AND type(r) <> 'MENTIONED_IN'
                 RETURN count(r) AS relations, count(DISTINCT r.id) AS relationIds }
       CALL () { MATCH (a:Entity)-[r:MENTIONED_IN]->() WHERE a.id STARTS WITH $p RETURN count(r) AS mentions }
       CALL () { MATCH (f:Fact) WHERE f.entityId STARTS WITH $p RETURN count(f) AS facts }
       CALL () { MATCH (e:Evidence) WHERE e.sourceId = $source RETURN count(e) AS evidence }
       CALL () { MATCH (c:NameClaim) WHERE c.entityId STARTS WITH $p RETURN count(c) AS claims }
       RETURN entities, ids, relations, relationIds, mentions, facts, evidence, claims`,
      { p: `enterprise:${prefix}-`, source: `source:${prefix}` },
    );
    expect(full).toEqual({
      entities: ENTITIES,
      ids: ENTITIES,
      relations: RELATIONS,
      relationIds: RELATIONS,
      mentions: ENTITIES,
      facts: ENTITIES,
      evidence: 2 * ENTITIES + RELATIONS,
      claims: ENTITIES,
    });
    measured.push(`resume: ${chunks - previous} chunks written in ${Date.now() - started}ms; full counts match`);
    console.log(`SIGKILL test (${items} items, ${chunks} chunks of ${BATCH}):\n  ${measured.join('\n  ')}`);
  }, 300_000);
});
