import { REASON_WEIGHTS, discountedUnits } from '../../src/analytics/suggestions';
import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { postGraphQL, type GraphQLBody } from '../helpers/graphql';

/** The relation types analytics follows by default: all but MENTIONED_IN and AUTHORED. */
const NOT_FOLLOWED = ['MENTIONED_IN', 'AUTHORED'];

interface EntityRef {
  id: string;
  name: string;
  kind: string;
}

interface RelationOut {
  id: string;
  type: string;
  from: { id: string };
  to: { id: string };
  evidence: { id: string; quote: string }[];
}

interface SubgraphNodeOut {
  entity: EntityRef;
  depth: number;
  degree: number;
  omittedNeighbours: number;
}

interface SubgraphOut {
  nodes: SubgraphNodeOut[];
  edges: RelationOut[];
}

interface PathOut {
  length: number;
  nodes: EntityRef[];
  relations: RelationOut[];
}

interface SuggestionOut {
  candidate: EntityRef;
  score: number;
  reasons: { kind: string; description: string; weight: number; path: PathOut; evidence: { id: string }[] }[];
}

const RELATION_FIELDS = 'id type from { id } to { id } evidence { id quote }';
const PATH_FIELDS = `length nodes { id name kind } relations { ${RELATION_FIELDS} }`;

const NEIGHBORHOOD = `
  query Neighborhood($id: ID!, $depth: Int, $limit: Int, $types: [RelationType!]) {
    neighborhood(id: $id, depth: $depth, limit: $limit, types: $types) {
      nodes { entity { id name kind } depth degree omittedNeighbours }
      edges { ${RELATION_FIELDS} }
    }
  }`;

const PATHS = `
  query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int) {
    paths(from: $from, to: $to, maxHops: $maxHops, first: $first) { ${PATH_FIELDS} }
  }`;

const SUGGESTIONS = `
  query Suggestions($for: ID!, $kinds: [EntityKind!], $first: Int) {
    partnerSuggestions(for: $for, kinds: $kinds, first: $first) {
      candidate { id name kind }
      score
      reasons { kind description weight path { ${PATH_FIELDS} } evidence { id } }
    }
  }`;

/** Asserts that relations[i] joins nodes[i] and nodes[i + 1], in either stored direction. */
function expectConnected(path: PathOut): void {
  expect(path.nodes).toHaveLength(path.length + 1);
  expect(path.relations).toHaveLength(path.length);
  path.relations.forEach((relation, index) => {
    const ends = [relation.from.id, relation.to.id].sort();
    expect(ends).toEqual([path.nodes[index]?.id, path.nodes[index + 1]?.id].sort());
  });
}

function errorCode(body: GraphQLBody): string | undefined {
  return body.errors?.[0]?.extensions?.code;
}

describe('analytics fields over HTTP on the seed graph', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    const seeded = await loadSeed(app.executor);
    expect(seeded.issues).toEqual([]);
  });
  afterAll(() => app.stop());

  async function query<T>(text: string, variables: Record<string, unknown>, field: string): Promise<T> {
    const { status, body } = await postGraphQL(app.url, text, variables);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data?.[field] as T;
  }

  async function failure(text: string, variables: Record<string, unknown>): Promise<string | undefined> {
    const { body } = await postGraphQL(app.url, text, variables);
    expect(body.data?.[Object.keys(body.data ?? {})[0] ?? ''] ?? null).toBeNull();
    return errorCode(body);
  }

  /** Distinct neighbours of each entity through the default types, counted by Neo4j itself. */
  async function degrees(ids: string[]): Promise<Map<string, number>> {
    const rows = await cypher(
      app.driver,
      `UNWIND $ids AS id MATCH (n:Entity {id: id})
       OPTIONAL MATCH (n)-[r]-(m:Entity) WHERE NOT type(r) IN $skip
       RETURN id, count(DISTINCT m) AS degree`,
      { ids, skip: NOT_FOLLOWED },
    );
    return new Map(rows.map((row) => [String(row.id), Number(row.degree)]));
  }

  /** Relations of the followed types of each entity, counted by Neo4j itself. */
  async function relationCounts(ids: string[]): Promise<Map<string, number>> {
    const rows = await cypher(
      app.driver,
      `UNWIND $ids AS id MATCH (n:Entity {id: id})
       OPTIONAL MATCH (n)-[r]-(:Entity) WHERE NOT type(r) IN $skip
       RETURN id, count(r) AS degree`,
      { ids, skip: NOT_FOLLOWED },
    );
    return new Map(rows.map((row) => [String(row.id), Number(row.degree)]));
  }

  /** Ids of everything linked to `id` by a relation other than MENTIONED_IN and AUTHORED. */
  async function directlyLinked(id: string): Promise<Set<string>> {
    const rows = await cypher(
      app.driver,
      `MATCH (:Entity {id: $id})-[r]-(m:Entity) WHERE NOT type(r) IN $skip RETURN DISTINCT m.id AS id`,
      { id, skip: NOT_FOLLOWED },
    );
    return new Set(rows.map((row) => String(row.id)));
  }

  /**
   * Checks what every subgraph must satisfy, and that a node's relations in the subgraph plus its
   * omitted ones are its real degree (its relations of the followed types).
   */
  async function expectWellFormed(graph: SubgraphOut): Promise<void> {
    const ids = graph.nodes.map((node) => node.entity.id);
    expect(new Set(ids).size).toBe(ids.length);
    const members = new Set(ids);
    const shown = new Map<string, number>(ids.map((id) => [id, 0]));
    for (const edge of graph.edges) {
      expect(NOT_FOLLOWED).not.toContain(edge.type);
      expect(members.has(edge.from.id) && members.has(edge.to.id)).toBe(true);
      expect(edge.evidence.length).toBeGreaterThan(0);
      for (const evidence of edge.evidence) expect(evidence.quote.length).toBeGreaterThan(0);
      for (const end of new Set([edge.from.id, edge.to.id])) shown.set(end, (shown.get(end) ?? 0) + 1);
    }
    expect(new Set(graph.edges.map((edge) => edge.id)).size).toBe(graph.edges.length);
    const real = await relationCounts(ids);
    for (const node of graph.nodes) {
      expect(node.degree).toBe(real.get(node.entity.id));
      expect((shown.get(node.entity.id) ?? 0) + node.omittedNeighbours).toBe(real.get(node.entity.id));
    }
  }

  test('the seed graph has no two relations of the followed types between one pair, so degree counts neighbours too', async () => {
    // Degrees count relations (the degree store); on the seed graph that is also the number of
    // distinct neighbours, so the documented examples read either way.
    const ids = (await cypher(app.driver, 'MATCH (n:Entity) RETURN n.id AS id')).map((row) => String(row.id));
    const [relations, neighbours] = await Promise.all([relationCounts(ids), degrees(ids)]);
    expect(relations).toEqual(neighbours);
  });

  describe('neighborhood', () => {
    test('depth 1 of 上党经开区: its parks, firms, projects and partners, each edge with evidence', async () => {
      const graph = await query<SubgraphOut>(NEIGHBORHOOD, { id: 'zone:shangdang-etdz' }, 'neighborhood');
      expect(graph.nodes[0]).toMatchObject({ entity: { id: 'zone:shangdang-etdz' }, depth: 0, omittedNeighbours: 0 });
      const ids = graph.nodes.map((node) => node.entity.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'enterprise:shanxi-shangzhuo-group',
          'enterprise:zhonghe-technology',
          'enterprise:anhe-equipment',
          'park:shangdang-pharma-health-park',
          'park:shangdang-advanced-equipment-park',
          'park:shangdang-hangzhou-sci-tech-enclave',
          'bank:bank-of-china',
          'project:changzhi-zhiganggu',
        ]),
      );
      expect(ids.filter((id) => id.startsWith('source:') || id.startsWith('person:'))).toEqual([]);
      expect(graph.nodes.slice(1).every((node) => node.depth === 1)).toBe(true);
      expect(graph.nodes[0]?.degree).toBe(graph.nodes.length - 1);
      await expectWellFormed(graph);
    });

    test('depth 2 reaches the firms 长治智感谷 courts; every depth is the hop distance from the centre', async () => {
      const graph = await query<SubgraphOut>(NEIGHBORHOOD, { id: 'zone:shangdang-etdz', depth: 2 }, 'neighborhood');
      const byId = new Map(graph.nodes.map((node) => [node.entity.id, node]));
      expect(byId.get('enterprise:beijing-sandi-technology')?.depth).toBe(2);
      expect(byId.get('university:westlake-university')?.depth).toBe(2);
      expect(byId.get('park:shangdang-pharma-health-park')?.depth).toBe(1);
      expect(Math.max(...graph.nodes.map((node) => node.depth))).toBe(2);
      const rows = await cypher(
        app.driver,
        `MATCH (root:Entity {id: 'zone:shangdang-etdz'}), (m:Entity) WHERE m.id IN $ids AND m <> root
         MATCH p = shortestPath((root)-[*..2]-(m)) WHERE none(r IN relationships(p) WHERE type(r) IN $skip)
         RETURN m.id AS id, length(p) AS hops`,
        { ids: [...byId.keys()], skip: NOT_FOLLOWED },
      );
      expect(rows).toHaveLength(graph.nodes.length - 1);
      for (const row of rows) expect(byId.get(String(row.id))?.depth).toBe(row.hops);
      await expectWellFormed(graph);
    });

    test('a small limit keeps the first neighbours and counts the rest as omitted', async () => {
      const graph = await query<SubgraphOut>(
        NEIGHBORHOOD,
        { id: 'zone:shangdang-etdz', depth: 1, limit: 3 },
        'neighborhood',
      );
      expect(graph.nodes).toHaveLength(4);
      const root = graph.nodes[0] as SubgraphNodeOut;
      const real = (await degrees(['zone:shangdang-etdz'])).get('zone:shangdang-etdz') ?? 0;
      expect(real).toBeGreaterThan(3);
      expect(root.omittedNeighbours).toBe(real - 3);
      // Ranked by relation type first: DEVELOPS comes before every other type 上党经开区 has.
      expect(graph.edges.filter((edge) => edge.from.id === 'zone:shangdang-etdz').map((edge) => edge.type)).toEqual([
        'DEVELOPS',
        'DEVELOPS',
        'DEVELOPS',
      ]);
      await expectWellFormed(graph);
    });

    test('types narrows what is followed, and the answer is the same on every call', async () => {
      const variables = { id: 'zone:jingle-modern-agriculture', depth: 2, types: ['PARTNERED_WITH', 'OPERATES'] };
      const graph = await query<SubgraphOut>(NEIGHBORHOOD, variables, 'neighborhood');
      expect(new Set(graph.edges.map((edge) => edge.type))).toEqual(new Set(['PARTNERED_WITH', 'OPERATES']));
      expect(await query<SubgraphOut>(NEIGHBORHOOD, variables, 'neighborhood')).toEqual(graph);
    });

    test('one statement for the whole subgraph, whatever its size (entities and relations come primed)', async () => {
      const before = app.executor.statementCount;
      const { body } = await postGraphQL(
        app.url,
        `{ neighborhood(id: "zone:shangdang-etdz", depth: 3, limit: 50) {
             nodes { entity { id name } depth } edges { id from { id name } to { id name } } } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(app.executor.statementCount - before).toBe(1);
    });

    test('depth 4, limit 0 and an empty types list are BAD_USER_INPUT; an unknown id is NOT_FOUND', async () => {
      expect(await failure(NEIGHBORHOOD, { id: 'zone:shangdang-etdz', depth: 4 })).toBe('BAD_USER_INPUT');
      expect(await failure(NEIGHBORHOOD, { id: 'zone:shangdang-etdz', depth: 0 })).toBe('BAD_USER_INPUT');
      expect(await failure(NEIGHBORHOOD, { id: 'zone:shangdang-etdz', limit: 0 })).toBe('BAD_USER_INPUT');
      expect(await failure(NEIGHBORHOOD, { id: 'zone:shangdang-etdz', limit: 101 })).toBe('BAD_USER_INPUT');
      expect(await failure(NEIGHBORHOOD, { id: 'zone:shangdang-etdz', types: [] })).toBe('BAD_USER_INPUT');
      expect(await failure(NEIGHBORHOOD, { id: 'zone:no-such-zone' })).toBe('NOT_FOUND');
    });
  });

  describe('paths', () => {
    test('中国银行 to 山西尚卓集团: the shortest length, consecutive relations joining consecutive nodes', async () => {
      const from = 'bank:bank-of-china';
      const to = 'enterprise:shanxi-shangzhuo-group';
      const paths = await query<PathOut[]>(PATHS, { from, to }, 'paths');
      const [shortest] = await cypher(
        app.driver,
        `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
         MATCH p = shortestPath((a)-[*..6]-(b)) WHERE none(r IN relationships(p) WHERE type(r) IN $skip)
         RETURN length(p) AS hops`,
        { from, to, skip: NOT_FOLLOWED },
      );
      expect(shortest?.hops).toBe(2);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        expect(path.length).toBe(shortest?.hops);
        expect(path.nodes[0]?.id).toBe(from);
        expect(path.nodes[path.nodes.length - 1]?.id).toBe(to);
        expectConnected(path);
        for (const relation of path.relations) expect(relation.evidence.length).toBeGreaterThan(0);
      }
      expect(paths[0]?.nodes.map((node) => node.id)).toEqual([from, 'zone:shangdang-etdz', to]);
    });

    test('every shortest path, in a stable order, at most `first` of them', async () => {
      const variables = { from: 'enterprise:huaqing', to: 'enterprise:huaqishun', first: 10 };
      const all = await query<PathOut[]>(PATHS, variables, 'paths');
      expect(all).toHaveLength(5);
      expect(all.every((path) => path.length === 2)).toBe(true);
      all.forEach(expectConnected);
      const keys = all.map((path) => path.relations.map((relation) => relation.id).join(' '));
      expect(new Set(keys).size).toBe(5);
      expect(await query<PathOut[]>(PATHS, variables, 'paths')).toEqual(all);
      expect(await query<PathOut[]>(PATHS, { ...variables, first: 2 }, 'paths')).toEqual(all.slice(0, 2));
    });

    test('a path longer than maxHops is not returned', async () => {
      const variables = { from: 'zone:shenchi-modern-agriculture', to: 'zone:shangdang-etdz' };
      const [path] = await query<PathOut[]>(PATHS, { ...variables, maxHops: 4 }, 'paths');
      expect(path?.length).toBe(4);
      expectConnected(path as PathOut);
      expect(await query<PathOut[]>(PATHS, { ...variables, maxHops: 3 }, 'paths')).toEqual([]);
    });

    test('a disconnected pair gives []', async () => {
      // 平遥经开区 and 晋能光伏 share no chain of relations with 上党经开区 (only articles).
      expect(await query(PATHS, { from: 'zone:pingyao-etdz', to: 'zone:shangdang-etdz', maxHops: 6 }, 'paths')).toEqual(
        [],
      );
      expect(
        await query(
          PATHS,
          { from: 'enterprise:jinneng-pv-technology', to: 'zone:shangdang-etdz', maxHops: 6 },
          'paths',
        ),
      ).toEqual([]);
    });

    test('one statement: the ends are checked by the search statement', async () => {
      const before = app.executor.statementCount;
      const { body } = await postGraphQL(
        app.url,
        `{ paths(from: "zone:shenchi-modern-agriculture", to: "zone:shangdang-etdz", first: 10) {
             length nodes { id name } relations { id from { id } to { id } } } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(app.executor.statementCount - before).toBe(1);
    });

    test('maxHops 7, first 11 and from = to are BAD_USER_INPUT; an unknown end is NOT_FOUND', async () => {
      const ends = { from: 'bank:bank-of-china', to: 'enterprise:shanxi-shangzhuo-group' };
      expect(await failure(PATHS, { ...ends, maxHops: 7 })).toBe('BAD_USER_INPUT');
      expect(await failure(PATHS, { ...ends, maxHops: 0 })).toBe('BAD_USER_INPUT');
      expect(await failure(PATHS, { ...ends, first: 11 })).toBe('BAD_USER_INPUT');
      expect(await failure(PATHS, { from: 'bank:bank-of-china', to: 'bank:bank-of-china' })).toBe('BAD_USER_INPUT');
      expect(await failure(PATHS, { from: 'bank:bank-of-china', to: 'bank:no-such-bank' })).toBe('NOT_FOUND');
      // The error names the end that does not exist, and only it.
      const { body } = await postGraphQL(app.url, PATHS, { from: 'bank:no-such-bank', to: 'bank:bank-of-china' });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', ids: ['bank:no-such-bank'] });
    });

    test('an out-of-range first is explained with the range that applies to paths', async () => {
      const ends = { from: 'bank:bank-of-china', to: 'enterprise:shanxi-shangzhuo-group' };
      const messages = await Promise.all(
        [0, 11].map(async (first) => (await postGraphQL(app.url, PATHS, { ...ends, first })).body.errors?.[0]?.message),
      );
      expect(messages[0]).toMatch(/between 1 and 10, got 0/);
      expect(messages[1]).toMatch(/between 1 and 10/);
      for (const message of messages) expect(message).not.toMatch(/100/);
    });
  });

  describe('partnerSuggestions', () => {
    async function expectSound(forId: string, suggestions: SuggestionOut[]): Promise<void> {
      const linked = await directlyLinked(forId);
      const evidenceRows = await cypher(
        app.driver,
        `MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id, r.evidenceIds AS evidence`,
        { ids: suggestions.flatMap((s) => s.reasons.flatMap((reason) => reason.path.relations.map((r) => r.id))) },
      );
      const evidenceOf = new Map(evidenceRows.map((row) => [String(row.id), row.evidence as string[]]));
      // The anchor of a structural reason: the shared entity, or the zone or region on its path.
      const anchorOf = (reason: SuggestionOut['reasons'][number]): EntityRef | undefined => {
        const inner = reason.path.nodes.slice(1, -1);
        if (reason.kind === 'SHARED_PARTNER') return inner[0];
        if (reason.kind === 'SAME_ZONE') return inner.find((node) => node.kind === 'ZONE');
        if (reason.kind === 'SAME_REGION') return inner.find((node) => node.kind === 'REGION');
        return undefined;
      };
      const anchors = suggestions
        .flatMap((s) => s.reasons.map(anchorOf))
        .filter((a): a is EntityRef => a !== undefined);
      const anchorDegree = await relationCounts([...new Set(anchors.map((anchor) => anchor.id))]);
      for (const [index, suggestion] of suggestions.entries()) {
        const next = suggestions[index + 1];
        if (next !== undefined) expect(suggestion.score).toBeGreaterThanOrEqual(next.score);
        expect(suggestion.candidate.id).not.toBe(forId);
        expect(linked.has(suggestion.candidate.id)).toBe(false);
        expect(['SOURCE', 'PERSON']).not.toContain(suggestion.candidate.kind);
        expect(suggestion.reasons.length).toBeGreaterThan(0);
        expect(suggestion.score).toBeCloseTo(
          suggestion.reasons.reduce((sum, reason) => sum + reason.weight, 0),
          10,
        );
        for (const reason of suggestion.reasons) {
          expect(reason.path.length).toBeGreaterThan(0);
          // A shared entity, zone or region weighs its base weight / log2(its relations), and says so.
          const anchor = anchorOf(reason);
          const base = REASON_WEIGHTS[reason.kind as keyof typeof REASON_WEIGHTS];
          if (anchor !== undefined) {
            const degree = anchorDegree.get(anchor.id) ?? 0;
            expect(reason.weight).toBe(discountedUnits(base, degree) / 100);
            expect(reason.description).toContain(`${anchor.name}`);
            expect(reason.description).toContain(`which has ${degree.toLocaleString('en-US')} links`);
          } else {
            expect(reason.weight).toBe(base);
          }
          // A region is shared as SAME_REGION (1 point), never as a SHARED_PARTNER (3).
          if (reason.kind === 'SHARED_PARTNER') expect(reason.path.nodes[1]?.kind).not.toBe('REGION');
          expect(reason.path.nodes[0]?.id).toBe(forId);
          expect(reason.path.nodes[reason.path.nodes.length - 1]?.id).toBe(suggestion.candidate.id);
          expectConnected(reason.path);
          for (const relation of reason.path.relations) expect(relation.evidence.length).toBeGreaterThan(0);
          // The reason's evidence is exactly that of its path's relations, each item once.
          const expected = [...new Set(reason.path.relations.flatMap((r) => evidenceOf.get(r.id) ?? []))];
          expect(reason.evidence.map((item) => item.id)).toEqual(expected);
        }
      }
      expect(new Set(suggestions.map((s) => s.candidate.id)).size).toBe(suggestions.length);
    }

    test('for 华青: deterministic, ranked by score, grounded in evidenced paths, 华启顺 first', async () => {
      const variables = { for: 'enterprise:huaqing' };
      const suggestions = await query<SuggestionOut[]>(SUGGESTIONS, variables, 'partnerSuggestions');
      expect(await query<SuggestionOut[]>(SUGGESTIONS, variables, 'partnerSuggestions')).toEqual(suggestions);
      await expectSound('enterprise:huaqing', suggestions);
      const [top] = suggestions;
      expect(top?.candidate.id).toBe('enterprise:huaqishun');
      // Four shared entities (3 / log2 of their relations: 2, 3, 3 and 4), the zone (2 / log2 21), quinoa (1.5).
      expect(top?.score).toBe(10.24);
      expect(top?.reasons.map((reason) => reason.kind)).toEqual([
        'SHARED_PARTNER',
        'SHARED_PARTNER',
        'SHARED_PARTNER',
        'SHARED_PARTNER',
        'SAME_ZONE',
        'SAME_INDUSTRY',
      ]);
      const rd = suggestions.find((s) => s.candidate.id === 'university:jingle-quinoa-rd-center');
      expect(rd?.reasons.map((reason) => reason.kind)).toEqual(['SAME_ZONE', 'SAME_INDUSTRY', 'COMPLEMENTARY_ROLE']);
      // The zone that holds 华青 is neither a suggestion nor its county (containment, not partnership).
      expect(suggestions.map((s) => s.candidate.id)).not.toContain('region:jingle-county');
    });

    test('a zone is not offered what its own parts are already linked to (神池: its 管委会’s partners)', async () => {
      const suggestions = await query<SuggestionOut[]>(
        SUGGESTIONS,
        { for: 'zone:shenchi-modern-agriculture', first: 15 },
        'partnerSuggestions',
      );
      await expectSound('zone:shenchi-modern-agriculture', suggestions);
      const ids = suggestions.map((s) => s.candidate.id);
      expect(ids).not.toContain('university:yudongnan-mustard-research-group');
      expect(ids).not.toContain('enterprise:chongqing-fuling-zhacai-group');
    });

    test('a firm without a lender is offered banks for it, never a government bond', async () => {
      const kinds = (list: SuggestionOut[]): string[] =>
        list
          .filter((s) => s.reasons.some((reason) => reason.kind === 'COMPLEMENTARY_ROLE'))
          .map((s) => s.candidate.kind);
      const firm = await query<SuggestionOut[]>(
        SUGGESTIONS,
        { for: 'enterprise:shanxi-zhendong-wuhe-health-wine', first: 15 },
        'partnerSuggestions',
      );
      expect(kinds(firm)).toContain('BANK');
      expect(kinds(firm)).not.toContain('FUNDING_INSTRUMENT');
      const reason = firm.flatMap((s) => s.reasons).find((r) => r.kind === 'COMPLEMENTARY_ROLE');
      expect(reason?.description).toMatch(/no lender or funder .* \(no FINANCED_BY relation\)/);
    });

    test('for 上党经开区: deterministic and sound, and never the province it lies in', async () => {
      const variables = { for: 'zone:shangdang-etdz' };
      const suggestions = await query<SuggestionOut[]>(SUGGESTIONS, variables, 'partnerSuggestions');
      expect(suggestions.length).toBeGreaterThanOrEqual(3);
      // Places and documents are where partners meet, not partners: only when asked for.
      for (const suggestion of suggestions) expect(['REGION', 'POLICY']).not.toContain(suggestion.candidate.kind);
      expect(await query<SuggestionOut[]>(SUGGESTIONS, variables, 'partnerSuggestions')).toEqual(suggestions);
      await expectSound('zone:shangdang-etdz', suggestions);
      const regions = await query<SuggestionOut[]>(
        SUGGESTIONS,
        { ...variables, kinds: ['REGION'] },
        'partnerSuggestions',
      );
      await expectSound('zone:shangdang-etdz', regions);
      expect(regions.map((s) => s.candidate.id)).not.toContain('region:shanxi');
    });

    test('for an unfinanced project, the banks of its zone come with a COMPLEMENTARY_ROLE', async () => {
      const suggestions = await query<SuggestionOut[]>(
        SUGGESTIONS,
        { for: 'project:changzhi-zhiganggu', kinds: ['BANK'] },
        'partnerSuggestions',
      );
      expect(suggestions.map((s) => s.candidate.id).sort()).toEqual([
        'bank:bank-of-china',
        'bank:china-construction-bank',
      ]);
      for (const suggestion of suggestions) {
        expect(suggestion.reasons.map((reason) => reason.kind)).toEqual(['SHARED_PARTNER', 'COMPLEMENTARY_ROLE']);
        // The zone they share is a hub of 18 relations: 3 / log2(18) = 0.72, and the role 2.
        expect(suggestion.score).toBe(2.72);
      }
      await expectSound('project:changzhi-zhiganggu', suggestions);
    });

    test('`first` cuts the ranked list', async () => {
      const all = await query<SuggestionOut[]>(
        SUGGESTIONS,
        { for: 'enterprise:huaqing', first: 12 },
        'partnerSuggestions',
      );
      const three = await query<SuggestionOut[]>(
        SUGGESTIONS,
        { for: 'enterprise:huaqing', first: 3 },
        'partnerSuggestions',
      );
      expect(three).toEqual(all.slice(0, 3));
    });

    test('three statements: the hubs to draw (none here), the links, then one batch of evidence', async () => {
      const before = app.executor.statementCount;
      const { body } = await postGraphQL(
        app.url,
        `{ partnerSuggestions(for: "zone:jingle-modern-agriculture", first: 20) {
             candidate { id name } reasons { path { nodes { id } relations { id from { id } to { id } } } evidence { quote } } } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(app.executor.statementCount - before).toBe(3);
    });

    test('an unknown id is NOT_FOUND; first 0 or 51 and an empty kinds list are BAD_USER_INPUT', async () => {
      const light = `query ($for: ID!, $kinds: [EntityKind!], $first: Int) {
        partnerSuggestions(for: $for, kinds: $kinds, first: $first) { candidate { id } score } }`;
      expect(await failure(light, { for: 'enterprise:no-such-firm' })).toBe('NOT_FOUND');
      expect(await failure(light, { for: 'enterprise:huaqing', first: 0 })).toBe('BAD_USER_INPUT');
      expect(await failure(light, { for: 'enterprise:huaqing', first: 51 })).toBe('BAD_USER_INPUT');
      expect(await failure(light, { for: 'enterprise:huaqing', kinds: [] })).toBe('BAD_USER_INPUT');
    });
  });
});
