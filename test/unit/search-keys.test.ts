import { nameVariants } from '../../src/entities/entity.resolver';
import { toEntityRecord } from '../../src/entities/records';
import { planBatch } from '../../src/ingest/plan';
import { readSeed } from '../../src/ingest/seed';
import { matchedVariant, normalise, searchQueries } from '../../src/search/search';
import { searchKeys } from '../../src/search/search-keys';

describe('search keys', () => {
  test('every name form, normalised (NFKC, no marks, lowercase, no spaces), each once', () => {
    expect(
      searchKeys({
        name: '上党经开区',
        aliases: ['上党经开区'],
        traditionalNames: ['上黨經開區'],
        pinyinNames: ['shang dang jing kai qu', 'shangdangjingkaiqu'],
        initials: ['sdjkq'],
        englishName: 'Shàngdǎng ＥＴＤＺ',
      }),
    ).toEqual(['上党经开区', '上黨經開區', 'shangdangjingkaiqu', 'sdjkq', 'shangdangetdz']);
  });

  test('the write path stores, for every seed entity and source, exactly the normalised forms of its name variants', () => {
    // Search ranks by the stored keys and reports the variant whose form is the key: the two
    // must be the same set, or a hit would name a form it did not match.
    const batch = readSeed();
    const plan = planBatch(batch, new Map((batch.sources ?? []).map((source) => [source.id, source.text])), 1000);
    const rows = plan.chunks.flatMap((chunk) => [...chunk.entities, ...chunk.sources]);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.some((row) => row.props.kind === 'SOURCE')).toBe(true);
    for (const row of rows) {
      const record = toEntityRecord({ id: row.id, ...row.props });
      const variants = new Set(nameVariants(record).map((variant) => normalise(variant.text)));
      expect(new Set(row.props.searchKeys as string[])).toEqual(variants);
      for (const key of row.props.searchKeys as string[]) expect(normalise(matchedVariant(record, key).text)).toBe(key);
    }
  });

  test('a query with nothing to search for is refused; short Latin queries look for words, not inside forms', () => {
    expect(searchQueries('+-*')).toBeNull();
    expect(searchQueries('  ')).toBeNull();
    expect(searchQueries('ＳＨＡＮＧ dang')?.normalised).toBe('shangdang');
    expect(searchQueries('党')?.contains).toEqual({ index: 'entity_search_keys', query: '*党*', scored: false });
    expect(searchQueries('yin')?.contains).toEqual({ index: 'entity_search_keys', query: '*yin*', scored: false });
    expect(searchQueries('j l')?.contains).toEqual({
      index: 'entity_names_std',
      query: '(+j* +l*) jl*',
      scored: true,
    });
  });

  test('two or more Chinese characters are looked up inside forms as a phrase of their bigrams', () => {
    expect(searchQueries('上党')?.contains).toEqual({
      index: 'entity_search_cells',
      query: 'searchKeys:"上党"',
      scored: false,
    });
    expect(searchQueries(' 上黨 經開區 ')?.contains).toEqual({
      index: 'entity_search_cells',
      query: 'searchKeys:"上黨經開區"',
      scored: false,
    });
    // Mixed with Latin or digits, or a character the analyzer does not pair: the wildcard.
    expect(searchQueries('上党abc')?.contains.index).toBe('entity_search_keys');
    expect(searchQueries('第1号')?.contains.index).toBe('entity_search_keys');
    expect(searchQueries('〇〇')?.contains.index).toBe('entity_search_keys');
  });
});
