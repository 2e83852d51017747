/*
 * Search's third tier for Chinese text through the search cells (src/search/search-cells.ts,
 * migration 0019): past a cap, the forms that contain the query are read a score range at a
 * time, from the best, instead of all of them. On a real Neo4j:
 * - the write path stores each entity's cells as the scoring reads them, and keeps them when the
 *   names change;
 * - the scores the code computes for the cells are the statement's, bit for bit;
 * - whatever the cap, the kinds and `first`, the walk answers what ranking every form answers
 *   (entities, forms, scores, order);
 * - a common term's page reads the cells it reaches, not every form that holds the term.
 */
import fc from 'fast-check';
import { createApp, type App } from '../../src/app';
import { KIND_ID_PREFIX, type EntityKindName } from '../../src/domain/vocabulary';
import { ingestBatch } from '../../src/ingest/writer';
import { KIND_PRIORITY, searchQueries, type SearchQueries } from '../../src/search/search';
import { CELL_FORM, CELL_MAX_LENGTH, cellToken, containsScore } from '../../src/search/search-cells';
import { SearchRepository, searchParameters } from '../../src/search/search.repository';
import { CypherRegistry } from '../../src/db/cypher';
import { migrate } from '../../src/db/migrations';
import type { QueryName } from '../../src/db/queries';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { removeRun, runToken } from '../helpers/isolation';

const STARTED = new Date();
const RUN = runToken('scl');
const SOURCE = `source:${RUN}`;
const ALPHABET = ['能', '源', '华', '科', '晋', '中'];
const KINDS: readonly EntityKindName[] = ['ENTERPRISE', 'PROJECT', 'ZONE', 'GOVERNMENT_BODY', 'POLICY'];
/** Names longer than CELL_MAX_LENGTH share their kind's long cell (中 before it: a query of it is not a prefix). */
const LONG = '华'.repeat(CELL_MAX_LENGTH + 5);

interface PlanNode {
  operatorType: string;
  children: PlanNode[];
}

const walk = (plan: PlanNode): PlanNode[] => [plan, ...plan.children.flatMap(walk)];

interface Firm {
  readonly id: string;
  readonly kind: EntityKindName;
  readonly name: string;
}

/** A deterministic fixture: names of 2 to 8 characters of the alphabet, some very long, of five kinds. */
function fixture(): Firm[] {
  const firms: Firm[] = [];
  let x = 12345;
  for (let i = 0; i < 260; i += 1) {
    let han = '';
    for (let k = 0; k < 2 + (i % 7); k += 1) {
      x = (x * 1103515245 + 12345) % 2147483648;
      han += ALPHABET[x % ALPHABET.length];
    }
    const kind = KINDS[i % 17 === 0 ? 2 : i % 13 === 0 ? 3 : i % 11 === 0 ? 4 : i % 3 === 0 ? 1 : 0] as EntityKindName;
    firms.push({
      id: `${KIND_ID_PREFIX[kind]}:${RUN}-${i}`,
      kind,
      name: `${i % 29 === 0 ? `中${LONG}` : ''}华${han}${i}号${RUN}`,
    });
  }
  // A common term in many long names and a few short ones (华 before it: never a prefix match).
  for (let i = 0; i < 120; i += 1) {
    firms.push({
      id: `enterprise:${RUN}-c${i}`,
      kind: 'ENTERPRISE',
      name: `华晋晋晋晋晋晋晋晋晋晋晋晋晋晋电力${i}号${RUN}`,
    });
  }
  for (let i = 0; i < 6; i += 1) {
    firms.push({ id: `enterprise:${RUN}-s${i}`, kind: 'ENTERPRISE', name: `华电力${i}${RUN}` });
  }
  return firms;
}

describe('search cells: a common term read a score range at a time, the same answer', () => {
  let app: App;
  let firms: Firm[];

  beforeAll(async () => {
    app = await createApp(testConfig({ NEO4J_TX_TIMEOUT_MS: '60000' }), { log: () => undefined });
    firms = fixture();
    const text = firms.map((firm) => `${firm.name}成立。`).join('\n');
    const result = await ingestBatch(
      app.executor,
      {
        sources: [{ id: SOURCE, publisher: 'test', kind: 'ARTICLE', text }],
        entities: firms.map((firm) => ({
          id: firm.id,
          kind: firm.kind,
          name: firm.name,
          evidence: [{ source: SOURCE, quote: firm.name }],
        })),
      },
      { origin: 'test', batchSize: 500 },
    );
    expect(result.issues).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  /** The tier ranked whole: read/search, whose lookup of the bigram phrase is not capped. */
  async function ranked(
    queries: SearchQueries,
    kinds: readonly EntityKindName[] | null,
    first: number,
  ): Promise<unknown[]> {
    const rows = await app.executor.read('read/search', searchParameters(queries, kinds, first));
    return rows.map((row) => [(row.entity as { id: string }).id, row.key, Number(row.score)]);
  }

  async function walked(
    queries: SearchQueries,
    kinds: readonly EntityKindName[] | null,
    first: number,
    containsCap: number,
  ): Promise<unknown[]> {
    const rows = await new SearchRepository(app.executor, { containsCap }).search(queries, kinds, first);
    return rows.map((row) => [row.entity.id, row.key, row.score]);
  }

  test('the write path stores one cell per kind and form length, and keeps them when the names change', async () => {
    const rows = await cypher(
      app.driver,
      'MATCH (n:Entity) WHERE n.id CONTAINS $run RETURN n.kind AS kind, n.searchKeys AS keys, n.searchCells AS cells',
      { run: RUN },
    );
    expect(rows.length).toBe(firms.length + 1);
    for (const row of rows) {
      const keys = row.keys as string[];
      const expected = [
        ...new Set(
          keys
            .filter((key) => CELL_FORM.test(key))
            .map((key) => cellToken(row.kind as EntityKindName, [...key].length)),
        ),
      ];
      expect(row.cells).toEqual(expected);
    }
    expect(rows.some((row) => (row.cells as string[]).includes('enterpriselong'))).toBe(true);
    // A new alias of another length: its cell is stored in the same write.
    const firm = firms[1] as Firm;
    const alias = `晋中${RUN}`;
    const result = await ingestBatch(
      app.executor,
      {
        sources: [{ id: `${SOURCE}-2`, publisher: 'test', kind: 'ARTICLE', text: `${firm.name}又称${alias}。` }],
        entities: [
          {
            id: firm.id,
            kind: firm.kind,
            name: firm.name,
            aliases: [alias],
            evidence: [{ source: `${SOURCE}-2`, quote: alias }],
          },
        ],
      },
      { origin: 'test' },
    );
    expect(result.issues).toEqual([]);
    const [after] = await cypher(app.driver, 'MATCH (n:Entity {id: $id}) RETURN n.searchCells AS cells', {
      id: firm.id,
    });
    expect(after?.cells).toContain(cellToken(firm.kind, [...alias].length));
  });

  test('migration 0019 stores the cells of a graph written before it, and the walk finds its entities again', async () => {
    const queries = searchQueries('电力');
    if (queries === null) throw new Error('searchable');
    const before = await walked(queries, null, 10, 4);
    await cypher(
      app.driver,
      `MATCH (n:Entity) WHERE n.id CONTAINS $run REMOVE n.searchCells
       WITH count(*) AS c MATCH (m:Migration {version: 19}) DELETE m`,
      { run: RUN },
    );
    // Without their cells the walk no longer finds them (what the backfill is for).
    expect(await walked(queries, null, 10, 4)).not.toEqual(before);
    const lines: string[] = [];
    await migrate(app.executor, undefined, (line) => lines.push(line));
    expect(lines).toContainEqual(expect.stringMatching(/^migration 0019: search cells of \d+ entities stored$/));
    const [left] = await cypher(
      app.driver,
      'MATCH (n:Entity) WHERE n.id CONTAINS $run AND n.searchCells IS NULL RETURN count(n) AS n',
      { run: RUN },
    );
    expect(Number(left?.n)).toBe(0);
    expect(await walked(queries, null, 10, 4)).toEqual(before);
  }, 300_000);

  test("the code's cell scores are the statement's, for every query length, form length and kind", async () => {
    const priorities = [...new Set(Object.values(KIND_PRIORITY))];
    const cases = [];
    for (let q = 2; q <= 100; q += 1)
      for (let length = q; length <= Math.max(q, CELL_MAX_LENGTH) + 3; length += 1)
        for (const priority of priorities) cases.push([q, length, priority]);
    const [row] = await cypher(
      app.driver,
      `UNWIND $cases AS c
       WITH c, 1.0 AS score
       RETURN collect(round((0.75 + 0.03 * c[0] / toFloat(c[1]) + 0.015 * c[2] + 0.004 * (score / (1 + score))) * 10000) / 10000) AS scores`,
      { cases },
    );
    expect(row?.scores).toEqual(
      cases.map(([q, length, priority]) => containsScore(q as number, length as number, priority as number)),
    );
  });

  test('whatever the cap, the kinds and `first`, the walk answers what ranking every form answers', async () => {
    const names = firms.map((firm) => firm.name);
    const pieces = fc.oneof(
      fc.array(fc.constantFrom(...ALPHABET), { minLength: 2, maxLength: 4 }).map((chars) => chars.join('')),
      fc
        .tuple(
          fc.integer({ min: 0, max: names.length - 1 }),
          fc.integer({ min: 0, max: 4 }),
          fc.integer({ min: 2, max: 5 }),
        )
        .map(([i, start, length]) => [...(names[i] ?? '')].slice(start, start + length).join('')),
      fc.constantFrom('电力', '晋晋', '华华', '能源'),
    );
    let walks = 0;
    await fc.assert(
      fc.asyncProperty(
        pieces,
        fc.option(fc.subarray([...KINDS], { minLength: 1 }), { nil: null }),
        fc.constantFrom(1, 3, 10, 50),
        fc.constantFrom(1, 4, 16),
        async (query, kinds, first, cap) => {
          const queries = searchQueries(query);
          fc.pre(queries !== null && queries.contains.index === 'entity_search_cells');
          if (queries === null) return;
          const whole = await ranked(queries, kinds, first);
          expect(await walked(queries, kinds, first, cap)).toEqual(whole);
          if (whole.length > cap) walks += 1;
        },
      ),
      { numRuns: 80 },
    );
    // The property was about walks, not pages the capped lookup answered alone.
    expect(walks).toBeGreaterThan(10);
    // A query longer than any cell's length is held only by long forms (their cells alone).
    const long = searchQueries(LONG.slice(0, CELL_MAX_LENGTH + 2));
    if (long === null) throw new Error('searchable');
    const whole = await ranked(long, null, 10);
    expect(whole.length).toBeGreaterThan(2);
    expect(await walked(long, null, 10, 2)).toEqual(whole);
  }, 300_000);

  test("a common term's page reads the cells it reaches, not every form that holds it", async () => {
    const queries = searchQueries('电力');
    if (queries === null) throw new Error('searchable');
    const [tier] = await cypher(
      app.driver,
      `CALL db.index.fulltext.queryNodes('entity_search_cells', $contains) YIELD node RETURN count(node) AS n`,
      { contains: queries.contains.query },
    );
    expect(Number(tier?.n)).toBeGreaterThanOrEqual(126);
    const sent: Record<string, unknown>[] = [];
    const statements: { name: QueryName; params: Record<string, unknown> }[] = [];
    const read = app.executor.read.bind(app.executor);
    const spy = jest.spyOn(app.executor, 'read').mockImplementation((name, params, options) => {
      if (name === 'read/search-cells') sent.push(params ?? {});
      statements.push({ name, params: params ?? {} });
      return read(name, params, options);
    });
    try {
      const before = app.executor.statementCount;
      const answer = await walked(queries, ['ENTERPRISE'], 5, 20);
      spy.mockRestore();
      // The capped lookup, then one statement per range.
      expect(app.executor.statementCount - before).toBe(1 + sent.length);
      expect(answer).toEqual(await ranked(queries, ['ENTERPRISE'], 5));
      // The short names that hold the term come first (the highest coverage), by id.
      expect(answer.map((row) => (row as string[])[0])).toEqual([0, 1, 2, 3, 4].map((i) => `enterprise:${RUN}-s${i}`));
    } finally {
      spy.mockRestore();
    }
    expect(sent.length).toBeGreaterThan(0);
    let formsRead = 0;
    for (const params of sent) {
      const [range] = await cypher(
        app.driver,
        `CALL db.index.fulltext.queryNodes('entity_search_cells', $cells) YIELD node RETURN count(node) AS n`,
        { cells: params.cells },
      );
      formsRead += Math.min(Number(range?.n), Number(params.cap));
    }
    // The ranges read the short names' cells, not the 120 long names that hold the term too.
    expect(formsRead).toBeLessThan(30);

    // Each statement of the search, PROFILEd as it was sent: no label or full scan (what each
    // read is counted above, through its lookup).
    const registry = CypherRegistry.load();
    expect(statements.map((statement) => statement.name)).toEqual([
      'read/search-han',
      ...sent.map(() => 'read/search-cells'),
    ]);
    for (const { name, params } of statements) {
      const session = app.driver.session();
      try {
        const result = await session.run(`PROFILE ${registry.get(name)}`, params);
        const operators = walk(result.summary.profile as unknown as PlanNode);
        expect({
          name,
          scans: operators.filter((op) => /Scan/.test(op.operatorType)).map((op) => op.operatorType),
        }).toEqual({ name, scans: [] });
      } finally {
        await session.close();
      }
    }
  });
});
