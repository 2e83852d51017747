/*
 * Search's third tier (forms that contain the query) looks Chinese queries up as a phrase of
 * their bigrams (migration 0018; since 0019 in `entity_search_cells`, which holds the same forms
 * beside the search cells) instead of a wildcard over every form
 * of `entity_search_keys` (issue 8: a common short term on a million names). The bigram lookup
 * must stand in for the wildcard exactly: for any query, read/search answers the same entities,
 * forms and scores, in the same order, either way. Checked on a real Neo4j over the seed and a
 * synthetic batch whose names are drawn from a few characters, so that queries share bigrams
 * with many forms, in and out of sequence.
 */
import fc from 'fast-check';
import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { ingestBatch } from '../../src/ingest/writer';
import { searchParameters } from '../../src/search/search.repository';
import { searchQueries, type SearchQueries } from '../../src/search/search';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { removeRun, runToken } from '../helpers/isolation';

const STARTED = new Date();
const RUN = runToken('sbg');
const SOURCE = `source:${RUN}`;
/** Few characters, so that names repeat each other's pairs: 安百 in 安百华, 华安百, 百安 ... */
const ALPHABET = ['安', '百', '华', '科', '技', '晋', '中', '园'];
const FIRMS = 240;

/** A deterministic name of 3 to 7 characters of the alphabet for firm i. */
function nameOf(i: number): string {
  let x = (i + 1) * 2654435761;
  const length = 3 + (i % 5);
  let name = '';
  for (let k = 0; k < length; k += 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    name += ALPHABET[x % ALPHABET.length];
  }
  return `${name}${i}号`;
}

describe('the bigram lookup stands in for the wildcard', () => {
  let app: App;
  let names: string[];

  beforeAll(async () => {
    app = await createApp(testConfig({ NEO4J_TX_TIMEOUT_MS: '60000' }), { log: () => undefined });
    await loadSeed(app.executor);
    names = Array.from({ length: FIRMS }, (_, i) => nameOf(i));
    const text = names.map((name) => `${name}${RUN}成立。`).join('\n');
    const result = await ingestBatch(
      app.executor,
      {
        sources: [{ id: SOURCE, publisher: 'test', kind: 'ARTICLE', text }],
        entities: names.map((name, i) => ({
          id: `enterprise:${RUN}-${i}`,
          kind: 'ENTERPRISE' as const,
          name: `${name}${RUN}`,
          evidence: [{ source: SOURCE, quote: `${name}${RUN}` }],
        })),
      },
      { origin: 'test' },
    );
    expect(result.issues).toEqual([]);
  }, 300_000);

  afterAll(async () => {
    const left = await removeRun(app.driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  async function search(queries: SearchQueries, first: number): Promise<unknown[]> {
    const rows = await app.executor.read('read/search', searchParameters(queries, null, first));
    return rows.map((row) => [(row.entity as { id: string }).id, row.key, row.score]);
  }

  /** The same search through the wildcard over entity_search_keys, as before migration 0018. */
  function throughWildcard(queries: SearchQueries): SearchQueries {
    const escaped = queries.normalised;
    return { ...queries, contains: { index: 'entity_search_keys', query: `*${escaped}*`, scored: false } };
  }

  test('the index exists with the cjk analyzer, and Chinese queries use it', async () => {
    const [index] = await cypher(
      app.driver,
      `SHOW FULLTEXT INDEXES YIELD name, options, state WHERE name = 'entity_search_cells'
       RETURN options.indexConfig['fulltext.analyzer'] AS analyzer, state`,
    );
    expect(index).toEqual({ analyzer: 'cjk', state: 'ONLINE' });
    // It holds what entity_search_keys holds: every entity, sources included (each is an Entity).
    const [outside] = await cypher(app.driver, 'MATCH (n:Source) WHERE NOT n:Entity RETURN count(n) AS n');
    expect(Number(outside?.n)).toBe(0);
    expect(searchQueries('安百')?.contains.index).toBe('entity_search_cells');
  });

  test('any Chinese query answers the same entities, forms, scores and order either way', async () => {
    const pieces = fc.oneof(
      // Runs of the alphabet: pairs that occur in many names, in and out of sequence.
      fc.array(fc.constantFrom(...ALPHABET), { minLength: 2, maxLength: 5 }).map((chars) => chars.join('')),
      // Pieces of real names (the synthetic ones and the seed's), so that most queries match.
      fc
        .tuple(fc.integer({ min: 0, max: FIRMS - 1 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 2, max: 6 }))
        .map(([i, start, length]) => [...(names[i] ?? '')].slice(start, start + length).join('')),
      fc.constantFrom('开发区', '经济技术', '山西', '长治', '平遥', '现代农业', '示范区', '上黨'),
    );
    let matched = 0;
    await fc.assert(
      fc.asyncProperty(pieces, fc.constantFrom(10, 50), async (query, first) => {
        const queries = searchQueries(query);
        fc.pre(queries !== null && queries.contains.index === 'entity_search_cells');
        if (queries === null) return;
        const bigrams = await search(queries, first);
        expect(bigrams).toEqual(await search(throughWildcard(queries), first));
        if (bigrams.length > 0) matched += 1;
      }),
      { numRuns: 60 },
    );
    // The property was about answers, not empty lists: many of the random queries match.
    expect(matched).toBeGreaterThan(10);
    // And these always do (the seed's zones and regions, the synthetic names), the same both ways.
    for (const query of [
      '开发区',
      '经济技术',
      '山西',
      '现代农业',
      (names[7] ?? '').slice(1, 3),
      (names[11] ?? '').slice(1, 4),
    ]) {
      const queries = searchQueries(query);
      if (queries === null) throw new Error('searchable');
      expect({ query, index: queries.contains.index }).toEqual({ query, index: 'entity_search_cells' });
      const bigrams = await search(queries, 50);
      expect({ query, found: bigrams.length > 0 }).toEqual({ query, found: true });
      expect(bigrams).toEqual(await search(throughWildcard(queries), 50));
    }
  }, 300_000);

  test('forms that hold the query’s bigrams out of sequence are not answered', async () => {
    // 华安百 holds 安百 in sequence; a name holding 安华 and 百 apart (华安华百) does not hold 安百.
    const queries = searchQueries('安百');
    if (queries === null) throw new Error('searchable');
    const ids = (await search(queries, 50)).map((row) => (row as string[])[0]);
    const rows = await cypher(
      app.driver,
      `MATCH (n:Entity) WHERE n.id CONTAINS $run AND any(k IN n.searchKeys WHERE k CONTAINS '安百') RETURN n.id AS id`,
      { run: RUN },
    );
    expect(rows.length).toBeGreaterThan(0);
    const containing = new Set(rows.map((row) => String(row.id)));
    const ours = ids.filter((id) => String(id).includes(RUN));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((id) => containing.has(String(id)))).toBe(true);
  });
});
