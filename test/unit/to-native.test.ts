/*
 * What the executor hands the repositories (src/db/executor.ts, toNative): the driver's values as
 * plain JavaScript, whether a map comes as the driver decodes it or as another object.
 */
import neo4j from 'neo4j-driver';
import { toNative } from '../../src/db/executor';

describe('toNative', () => {
  test('a decoded map, nested in lists and maps: integers as numbers, temporal values as strings', () => {
    const at = new neo4j.types.DateTime(2026, 12, 7, 8, 2, 13, 0, 0);
    const row = { id: 'zone:a', count: neo4j.int(511), at, inner: [{ n: neo4j.int(3), none: null, flags: ['X'] }] };
    expect(toNative(row)).toEqual({
      id: 'zone:a',
      count: 511,
      at: '2026-12-07T08:02:13Z',
      inner: [{ n: 3, none: null, flags: ['X'] }],
    });
    expect(toNative([neo4j.int(1), undefined, 'a'])).toEqual([1, null, 'a']);
  });

  test('a node or relationship is its properties; a map without a prototype is read as a map', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'x', n: neo4j.int(2) }, '4:x:1');
    expect(toNative(node)).toEqual({ id: 'x', n: 2 });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { n: neo4j.int(4) });
    expect(toNative({ bare })).toEqual({ bare: { n: 4 } });
  });
});
