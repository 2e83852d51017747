/*
 * What a field's selection reads (src/graphql/selection.ts), on parsed documents: the light
 * properties of a connection's nodes and of a relation's ends, the relation properties, and that
 * the answer is kept per field node (a document is parsed once for every request of its text).
 */
import type { GraphQLResolveInfo } from 'graphql';
import { quantityProps } from '../../src/entities/records';
import { infoOf } from '../helpers/info';
import {
  graphReads,
  lightNodes,
  PATH_SHAPE,
  relationPageExtras,
  rootLightProps,
  selects,
  selectsOnly,
  SUBGRAPH_SHAPE,
  unionLightProps,
} from '../../src/graphql/selection';

describe('what a selection reads', () => {
  test("a connection's nodes: the properties their light fields need, through fragments; null for any other field", () => {
    expect(lightNodes(infoOf('{ list { edges { node { id name } } } }'))).toEqual(['id', 'kind', 'name']);
    expect(
      lightNodes(
        infoOf(
          '{ list { edges { node { id ...F ... on Zone { stats { enterpriseCount } } } } } } fragment F on Entity { industries }',
        ),
      ),
    ).toEqual(['id', 'kind', 'name', 'industries', 'enterpriseCount', 'projectCount', 'projectInvestmentSum']);
    expect(lightNodes(infoOf('{ list { totalCount } }'))).toEqual(['id', 'kind', 'name']);
    expect(lightNodes(infoOf('{ list { edges { node { id nameVariants { text } } } } }'))).toBeNull();
  });

  test("a relation page: its ends' properties (either end's), and the relation properties its fields read", () => {
    const extras = relationPageExtras(
      infoOf('{ relations { totalCount edges { node { id amount { amount } from { id name } to { subtype } } } } }'),
    );
    expect(extras).toEqual({
      ends: true,
      endProps: ['id', 'kind', 'name', 'subtype'],
      relationProps: quantityProps('amount'),
      evidence: false,
      count: true,
    });
    const whole = relationPageExtras(
      infoOf('{ relations { edges { node { from { id relations { totalCount } } evidence { id } } } } }'),
    );
    expect(whole).toMatchObject({
      ends: true,
      endProps: null,
      relationProps: ['evidenceIds'],
      evidence: true,
      count: false,
    });
    // A field the mapping does not name reads every property.
    expect(relationPageExtras(infoOf('{ relations { edges { node { somethingNew } } } }')).relationProps).toContain(
      'amountRaw',
    );
  });

  test('the answer is kept per field node, and computed afresh for another document or merged nodes', () => {
    const info = infoOf('{ relations { edges { node { id from { id } } } } }');
    const first = relationPageExtras(info);
    expect(relationPageExtras({ ...info })).toBe(first);
    const other = relationPageExtras(infoOf('{ relations { edges { node { id from { id } } } } }'));
    expect(other).toEqual(first);
    expect(other).not.toBe(first);
    const page = infoOf('{ list { edges { node { id } } } }');
    expect(lightNodes({ ...page })).toBe(lightNodes(page));
    // Two nodes of one field (merged from fragments): both selections count, and nothing is kept.
    const a = infoOf('{ list { edges { node { id } } } }');
    const b = infoOf('{ list { edges { node { industries } } } }');
    const merged = { ...a, fieldNodes: [...a.fieldNodes, ...b.fieldNodes] } as GraphQLResolveInfo;
    expect(lightNodes(merged)).toEqual(['id', 'kind', 'name', 'industries']);
    expect(lightNodes(merged)).not.toBe(lightNodes(merged));
  });

  test('selects answers each path of a field node once, and afresh for merged nodes', () => {
    const info = infoOf('{ zone { stats { total { amount } } } }');
    // A kept answer does not read the field's selection again.
    const reads = countSelectionReads(info);
    expect(selects(info, 'stats', 'total', 'amount')).toBe(true);
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(0);
    expect(selects({ ...info }, 'stats', 'total', 'amount')).toBe(true);
    expect(reads()).toBe(afterFirst);
    // Another path of the same node is its own answer, not the one kept for the first.
    expect(selects(info, 'stats', 'total', 'raw')).toBe(false);
    expect(selects(info, 'stats', 'total')).toBe(true);
    expect(selects(info, 'stats', 'total', 'raw')).toBe(false);
    // Two nodes of one field: both selections count, and nothing is kept.
    const other = infoOf('{ zone { stats { total { raw } } } }');
    const merged = { ...info, fieldNodes: [...info.fieldNodes, ...other.fieldNodes] } as GraphQLResolveInfo;
    expect(selects(merged, 'stats', 'total', 'raw')).toBe(true);
    expect(selects(other, 'stats', 'total', 'amount')).toBe(false);
  });

  test('selectsOnly answers per path and set of fields, once per field node', () => {
    const info = infoOf('{ evidence { quote source { id } } }');
    const reads = countSelectionReads(info);
    const idOnly = new Set(['id']);
    const withQuote = new Set(['quote', 'source']);
    expect(selectsOnly(info, ['source'], idOnly)).toBe(true);
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(0);
    expect(selectsOnly({ ...info }, ['source'], idOnly)).toBe(true);
    expect(reads()).toBe(afterFirst);
    // Another set or path of the same node is its own answer.
    expect(selectsOnly(info, [], idOnly)).toBe(false);
    expect(selectsOnly(info, [], withQuote)).toBe(true);
    expect(selectsOnly(info, ['source'], new Set(['name']))).toBe(false);
  });

  test("node(id)'s own record: light fields and fields that read it by id; null for any other", () => {
    const byId = new Map([
      ['relations', []],
      ['enterprises', ['enterpriseCount']],
    ]);
    expect(rootLightProps(infoOf('{ node { ... on Entity { relations { totalCount } } } }'), byId)).toEqual([
      'id',
      'kind',
      'name',
    ]);
    expect(
      rootLightProps(infoOf('{ node { ... on Zone { name subtype enterprises { totalCount } } } }'), byId),
    ).toEqual(['id', 'kind', 'name', 'subtype', 'enterpriseCount']);
    expect(
      rootLightProps(infoOf('{ node { ... on Zone { catalogueCode enterprises { totalCount } } } }'), byId),
    ).toBeNull();
  });

  test('two light records need what either needs; a whole one needs everything', () => {
    expect(unionLightProps(['id', 'kind', 'name', 'industries'], ['id', 'kind', 'name', 'subtype'])).toEqual([
      'id',
      'kind',
      'name',
      'subtype',
      'industries',
    ]);
    expect(unionLightProps(['id', 'kind', 'name'], null)).toBeNull();
    expect(unionLightProps(null, [])).toBeNull();
    expect(unionLightProps(['id', 'kind', 'name'], [])).toEqual(['id', 'kind', 'name']);
  });

  test("a subgraph and paths: their entities' properties (listed, or as either end of a relation), and their relations'", () => {
    expect(
      graphReads(infoOf('{ neighborhood { nodes { depth entity { id name } } edges { id type } } }'), SUBGRAPH_SHAPE),
    ).toEqual({
      entityProps: ['id', 'kind', 'name'],
      relationProps: [],
    });
    expect(
      graphReads(
        infoOf(
          '{ neighborhood { nodes { entity { industries } } edges { amount { amount } from { subtype } to { id } } } }',
        ),
        SUBGRAPH_SHAPE,
      ),
    ).toEqual({ entityProps: ['id', 'kind', 'name', 'subtype', 'industries'], relationProps: quantityProps('amount') });
    // Any entity field no light record holds, where the entities are listed or at either end: whole records.
    expect(
      graphReads(infoOf('{ neighborhood { nodes { entity { nameVariants { text } } } } }'), SUBGRAPH_SHAPE).entityProps,
    ).toBeNull();
    expect(
      graphReads(infoOf('{ paths { nodes { id } relations { to { relations { totalCount } } } } }'), PATH_SHAPE)
        .entityProps,
    ).toBeNull();
    expect(
      graphReads(infoOf('{ paths { length nodes { id } relations { id evidence { id } } } }'), PATH_SHAPE),
    ).toEqual({
      entityProps: ['id', 'kind', 'name'],
      relationProps: ['evidenceIds'],
    });
    // Kept per field node.
    const info = infoOf('{ paths { nodes { id } } }');
    expect(graphReads(info, PATH_SHAPE)).toBe(graphReads({ ...info }, PATH_SHAPE));
  });
});

/** Counts how often the selection of `info`'s field node is read from now on. */
function countSelectionReads(info: GraphQLResolveInfo): () => number {
  const [node] = info.fieldNodes;
  let reads = 0;
  const selectionSet = node?.selectionSet;
  Object.defineProperty(node, 'selectionSet', {
    get: () => {
      reads += 1;
      return selectionSet;
    },
  });
  return () => reads;
}
