import {
  ENTITY_KINDS as SERVER_KINDS,
  RELATION_STATUSES as SERVER_STATUSES,
  RELATION_TYPES as SERVER_TYPES,
} from '../../src/domain/vocabulary';
import { toGraphml, toJson } from '../../web/explorer/src/export';
import { addEntity, addRelations, emptyModel, moreCount, removeEntity, type Model } from '../../web/explorer/src/model';
import type { Relation } from '../../web/explorer/src/types';
import { decodeLink, encodeModel } from '../../web/explorer/src/url-state';
import {
  ENTITY_KINDS,
  KIND_STYLE,
  RELATION_STATUSES,
  RELATION_TYPES,
  STATUS_STYLE,
  maskToTypes,
  typesToMask,
} from '../../web/explorer/src/vocabulary';

const zone = { id: 'zone:demo', kind: 'ZONE' as const, subtype: null, name: '示范区 <A&B>' };
const firm = { id: 'enterprise:demo-firm', kind: 'ENTERPRISE' as const, subtype: null, name: '“引号”公司' };
const bank = { id: 'bank:demo', kind: 'BANK' as const, subtype: null, name: '银行' };

function relation(id: string, type: Relation['type'], from: typeof zone | typeof firm, to: typeof zone | typeof bank) {
  return {
    id,
    type,
    status: null,
    role: null,
    date: null,
    amount: null,
    qualityFlags: [],
    from: { ...from, relations: { totalCount: 3 } },
    to: { ...to, relations: { totalCount: 1 } },
    evidence: [
      {
        id: `ev:${id}`,
        quote: '甲与乙 <合作>',
        paragraph: 0,
        charStart: 2,
        charEnd: 9,
        source: { id: 'source:demo', title: 'T & T', byline: null, publisher: '报' },
      },
    ],
  } satisfies Relation;
}

function sampleModel(): Model {
  const model = emptyModel();
  addEntity(model, zone, { total: 2, types: ['HOSTS', 'PARTNERED_WITH'] });
  model.opened.push(zone.id);
  addRelations(model, [relation('rel:hosts:a1', 'HOSTS', zone, bank)], ['HOSTS', 'PARTNERED_WITH']);
  addRelations(model, [relation('rel:financed_by:b2', 'FINANCED_BY', firm, bank)]);
  model.expansions.set(zone.id, {
    types: ['HOSTS', 'PARTNERED_WITH'],
    loaded: 1,
    total: 2,
    endCursor: 'opaque',
    hasNextPage: true,
  });
  model.paths.push({ from: zone.id, to: firm.id, maxHops: 3 });
  model.extraRelations.push('rel:financed_by:b2');
  model.hidden.add(bank.id);
  model.pinned.add(zone.id);
  model.typesOff.add('PART_OF');
  model.kindsOff.add('PERSON');
  model.selected = zone.id;
  return model;
}

describe('explorer vocabulary', () => {
  test('kinds, relation types and statuses are the server’s, each with a style', () => {
    expect([...ENTITY_KINDS].sort()).toEqual([...SERVER_KINDS].sort());
    // Deep links store type sets as bit masks over this order: it may only grow at the end.
    expect([...RELATION_TYPES]).toEqual([...SERVER_TYPES]);
    expect([...RELATION_STATUSES].sort()).toEqual([...SERVER_STATUSES].sort());
    for (const kind of ENTITY_KINDS) expect(KIND_STYLE[kind].colour).toMatch(/^#[0-9a-f]{6}$/);
    for (const status of RELATION_STATUSES) expect(STATUS_STYLE[status].line).toMatch(/solid|dashed|dotted/);
  });

  test('type masks round-trip and refuse junk', () => {
    expect(maskToTypes(typesToMask(['HOSTS', 'MENTIONED_IN']))).toEqual(['HOSTS', 'MENTIONED_IN']);
    expect(maskToTypes(typesToMask(RELATION_TYPES))).toEqual([...RELATION_TYPES]);
    expect(maskToTypes('')).toBeNull();
    expect(maskToTypes('zz-!')).toBeNull();
  });
});

describe('explorer deep links', () => {
  test('a link records the view and decodes to the same plan', () => {
    const model = sampleModel();
    const search = encodeModel(model);
    expect(search).not.toMatch(/opaque/); // cursors never go into a link
    const plan = decodeLink(search);
    expect(plan).toEqual({
      opened: [zone.id],
      expansions: [{ id: zone.id, count: 1, types: ['PARTNERED_WITH', 'HOSTS'] }],
      paths: [{ from: zone.id, to: firm.id, maxHops: 3 }],
      relations: ['rel:financed_by:b2'],
      hidden: [bank.id],
      pinned: [zone.id],
      removed: [],
      typesOff: ['PART_OF', 'AUTHORED', 'MENTIONED_IN'],
      kindsOff: ['PERSON'],
      selected: zone.id,
      ignored: [],
    });
  });

  test('the default filters leave no trace, and a removed entity is kept out', () => {
    const model = emptyModel();
    addEntity(model, zone);
    removeEntity(model, zone.id);
    expect(encodeModel(model)).toBe(`d=${zone.id}`);
    expect(decodeLink('').typesOff).toEqual(['MENTIONED_IN', 'AUTHORED']);
  });

  test('malformed parts are listed as ignored, never thrown or sent on', () => {
    const plan = decodeLink(
      'o=zone:ok&o=ZONE:%20bad&x=zone:ok~abc~1&x=zone:ok~99999~1&p=zone:a~zone:b~9&r=rel:x&r=nope&h=zone:ok,bad!&k=ZONE,ALIEN&t=%24&e=<script>',
    );
    expect(plan.opened).toEqual(['zone:ok']);
    expect(plan.expansions).toEqual([]);
    expect(plan.paths).toEqual([]);
    expect(plan.relations).toEqual([]);
    expect(plan.hidden).toEqual(['zone:ok']);
    expect(plan.kindsOff).toEqual(['ZONE']);
    expect(plan.selected).toBeNull();
    expect(plan.ignored).toEqual([
      'o=ZONE: bad',
      'x=zone:ok~abc~1',
      'x=zone:ok~99999~1',
      'p=zone:a~zone:b~9',
      'r=rel:x',
      'r=nope',
      'h=bad!',
      't=$',
      'k=ALIEN',
      'e=<script>',
    ]);
  });
});

describe('explorer model and exports', () => {
  test('"N more" counts the relations of the counted types not yet in the view', () => {
    const model = sampleModel();
    expect(moreCount(model, zone.id)).toBe(1); // 2 HOSTS/PARTNERED_WITH relations, 1 in view
    expect(moreCount(model, firm.id)).toBeNull(); // never counted
  });

  test('GraphML and JSON hold exactly the drawn elements, escaped, with evidence', () => {
    const model = sampleModel();
    model.hidden.clear();
    model.hidden.add(firm.id); // hides the firm and its FINANCED_BY edge
    const graphml = toGraphml(model);
    expect(graphml.match(/<node /g)).toHaveLength(2);
    expect(graphml.match(/<edge /g)).toHaveLength(1);
    expect(graphml).toContain('示范区 &lt;A&amp;B&gt;');
    expect(graphml).toContain('“甲与乙 &lt;合作&gt;” (T &amp; T, 报; paragraph 1, characters 2–9; source:demo)');
    expect(graphml).not.toContain(firm.id);
    const json = JSON.parse(toJson(model, 'http://x/explore')) as {
      nodes: { id: string }[];
      edges: { id: string; evidence: { quote: string }[] }[];
    };
    expect(json.nodes.map((node) => node.id)).toEqual([bank.id, zone.id]);
    expect(json.edges.map((edge) => edge.id)).toEqual(['rel:hosts:a1']);
    expect(json.edges[0]?.evidence[0]?.quote).toBe('甲与乙 <合作>');
  });
});
