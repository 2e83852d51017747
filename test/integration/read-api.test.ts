import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { testConfig } from '../helpers/env';
import { postGraphQL, type GraphQLBody } from '../helpers/graphql';

type Named = { id: string };

interface Hit {
  score: number;
  matched: { text: string; kind: string };
  entity: { id: string; kind: string };
}

describe('the read API on the seed graph', () => {
  let app: App;

  async function data(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const { body } = await postGraphQL(app.url, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data ?? {};
  }

  async function errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const { body }: { body: GraphQLBody } = await postGraphQL(app.url, query, variables);
    return body.errors?.[0]?.extensions?.code;
  }

  async function search(query: string, kinds?: string[]): Promise<Hit[]> {
    const result = await data(
      'query ($q: String!, $k: [EntityKind!]) { search(query: $q, kinds: $k, first: 10) { score matched { text kind } entity { id kind } } }',
      { q: query, k: kinds ?? null },
    );
    return result.search as Hit[];
  }

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    expect((await loadSeed(app.executor)).issues).toEqual([]);
  });
  afterAll(() => app.stop());

  describe('search', () => {
    test.each([
      ['上党经开区', 'zone:shangdang-etdz', 'ALIAS'],
      ['上党经济技术开发区', 'zone:shangdang-etdz', 'CANONICAL'],
      ['上黨經濟技術開發區', 'zone:shangdang-etdz', 'TRADITIONAL'],
      ['shangdang', 'zone:shangdang-etdz', 'PINYIN'],
      ['sdjkq', 'zone:shangdang-etdz', 'INITIALS'],
      ['Shangdang Economic', 'zone:shangdang-etdz', 'ENGLISH'],
      ['尚卓', 'enterprise:shanxi-shangzhuo-group', 'CANONICAL'],
      ['建设银行', 'bank:china-construction-bank', 'ALIAS'],
      ['Bank of China', 'bank:bank-of-china', 'ENGLISH'],
      ['ＳＨＡＮＧＤＡＮＧ', 'zone:shangdang-etdz', 'PINYIN'],
      ['shàngdǎng', 'zone:shangdang-etdz', 'PINYIN'],
      ['yinhang', 'bank:bank-of-china', 'PINYIN'],
      ['jianshe yinhang', 'bank:china-construction-bank', 'PINYIN'],
    ])('%s finds %s through its %s form', async (query, id, kind) => {
      const hits = await search(query);
      const hit = hits.find((h) => h.entity.id === id);
      expect(hit).toBeDefined();
      expect(hit?.matched.kind).toBe(kind);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    });

    test('words typed apart find what they spell together: "jing le" finds every English "Jingle"', async () => {
      const english = (await search('jingle'))
        .filter((hit) => hit.matched.kind === 'ENGLISH')
        .map((hit) => hit.entity.id);
      expect(english.length).toBeGreaterThan(0);
      const apart = (await search('jing le')).map((hit) => hit.entity.id);
      expect(apart).toEqual(expect.arrayContaining(english));
    });

    test('kinds: [] is refused, as in the analytics fields', async () => {
      expect(await errorCode('{ search(query: "上党", kinds: []) { score } }')).toBe('BAD_USER_INPUT');
    });

    test('the 100-character limit counts characters, not UTF-16 units', async () => {
      // 60 characters from CJK Extension B: 120 UTF-16 units, still under the limit.
      expect(await search('𠀀'.repeat(60))).toEqual([]);
      expect(await errorCode('query ($q: String!) { search(query: $q) { score } }', { q: '党'.repeat(101) })).toBe(
        'BAD_USER_INPUT',
      );
    });

    test('上党 finds the zone and the district, the best match first', async () => {
      const ids = (await search('上党')).map((h) => h.entity.id);
      expect(ids).toEqual(expect.arrayContaining(['zone:shangdang-etdz', 'region:shangdang-district']));
    });

    test.each([
      ['平遥', 'region:pingyao-county', 'zone:pingyao-etdz'],
      ['pingyao', 'region:pingyao-county', 'zone:pingyao-etdz'],
      ['静乐', 'region:jingle-county', 'zone:jingle-modern-agriculture'],
      ['shenchi', 'region:shenchi-county', 'zone:shenchi-modern-agriculture'],
    ])(
      '%s: among names that all start with it, the place and the zone come before the bureaus named after it',
      async (query, first, second) => {
        const hits = await search(query);
        expect(hits.slice(0, 2).map((h) => h.entity.id)).toEqual([first, second]);
        expect(hits.slice(2).every((h) => h.score < (hits[1]?.score ?? 0))).toBe(true);
      },
    );

    test.each([
      ['c', null],
      ['z', ['PROJECT']],
      ['s', ['PARK']],
      ['jing', null],
    ])(
      'search(%p, kinds: %p): a small first is the head of a large one (the ranking never depends on first)',
      async (query, kinds) => {
        const hits = async (first: number) =>
          (
            (
              await data(
                'query ($q: String!, $k: [EntityKind!], $f: Int) { search(query: $q, kinds: $k, first: $f) { entity { id } } }',
                { q: query, k: kinds, f: first },
              )
            ).search as { entity: Named }[]
          ).map((hit) => hit.entity.id);
        const all = await hits(100);
        const few = await hits(10);
        expect(few).toEqual(all.slice(0, 10));
        expect(few).toHaveLength(Math.min(10, all.length));
      },
    );

    test('one Chinese character works (the unigram index)', async () => {
      const hits = await search('党');
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.matched.text.includes('党'))).toBe(true);
    });

    test.each(['北京大学', '不存在的开发区', 'xyzzy', 'Harvard University'])(
      'a name not in the graph (%s) returns nothing',
      async (q) => {
        expect(await search(q)).toEqual([]);
      },
    );

    test.each(['a+b', '(上党', '"上党', 'shang*dang?', 'AND OR NOT', '上党 && ||', '\\', 'x:y/z~2^3'])(
      'Lucene special characters in %p are escaped, never an error',
      async (q) => {
        const { body } = await postGraphQL(app.url, 'query ($q: String!) { search(query: $q) { score } }', { q });
        for (const error of body.errors ?? []) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      },
    );

    test('kinds restricts the hits', async () => {
      const hits = await search('上党', ['REGION']);
      expect(hits.map((h) => h.entity.kind)).toEqual(['REGION']);
    });

    test('every hit carries a score at or above the documented floor', async () => {
      for (const q of ['上党', '静乐', 'jingle', '银行'])
        for (const hit of await search(q)) expect(hit.score).toBeGreaterThanOrEqual(0.75);
    });
  });

  describe('lists', () => {
    const ZONES = `query ($first: Int!, $after: String, $orderBy: EntityOrder!) {
      zones(first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

    test('cursor pagination walks every zone exactly once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const result = (await data(ZONES, { first: 3, after, orderBy: 'NAME_ASC' })).zones as {
          totalCount: number;
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
        seen.push(...result.edges.map((e) => e.node.id));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(seen.filter((id) => !id.includes('synthetic'))).toHaveLength(4);
      expect(new Set(seen).size).toBe(seen.length);
    });

    test('zones(orderBy: TOTAL_INVESTMENT_DESC) ranks by the sum of project investment', async () => {
      const result = (
        await data(
          `{ zones(orderBy: TOTAL_INVESTMENT_DESC, where: { nameContains: "区" }) { edges { node { id stats { totalProjectInvestment { total { amount } } } } } } }`,
        )
      ).zones as {
        edges: { node: { id: string; stats: { totalProjectInvestment: { total: { amount: string } | null } } } }[];
      };
      const amounts = result.edges.map((e) => Number(e.node.stats.totalProjectInvestment.total?.amount ?? -1));
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
      expect(result.edges[0]?.node.id).toBe('zone:shangdang-etdz');
    });

    test.each(['zones', 'enterprises'])(
      '%s(orderBy: RELATION_COUNT_DESC) puts the most linked first',
      async (field) => {
        const result = (
          await data(
            `{ ${field}(orderBy: RELATION_COUNT_DESC, first: 30) { edges { node { id relations(first: 40) { edges { node { type } } } } } } }`,
          )
        )[field] as { edges: { node: { id: string; relations: { edges: { node: { type: string } }[] } } }[] };
        // The order counts relations to other entities, not the MENTIONED_IN links to sources.
        const counts = result.edges.map(
          (e) => e.node.relations.edges.filter((r) => r.node.type !== 'MENTIONED_IN').length,
        );
        expect(counts.length).toBeGreaterThan(3);
        expect(new Set(counts).size).toBeGreaterThan(2);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      },
    );

    test.each([
      ['nameContains', { nameContains: '晋能' }, 'enterprises', ['enterprise:jinneng-pv-technology']],
      ['zone', { zone: 'zone:pingyao-etdz' }, 'projects', null],
      ['industry', { industry: 'quinoa' }, 'enterprises', null],
      ['investment range', { investmentMin: '1000000000', investmentMax: '2000000000' }, 'projects', null],
      ['status', { status: 'ONGOING' }, 'projects', null],
      ['quality flag', { hasQualityFlag: 'TRUNCATED_SOURCE' }, 'enterprises', null],
      ['region', { region: 'region:xinzhou' }, 'zones', ['zone:shenchi-modern-agriculture']],
    ])('where.%s filters', async (_name, where, field, expected) => {
      const result = (
        await data(
          `query ($where: EntityFilter) { ${field}(where: $where, first: 100) { totalCount edges { node { id } } } }`,
          {
            where,
          },
        )
      )[field] as { totalCount: number; edges: { node: { id: string } }[] };
      const ids = result.edges.map((e) => e.node.id);
      expect(result.totalCount).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(0);
      if (expected) expect(ids).toEqual(expected);
      const all = (await data(`{ ${field}(first: 100) { totalCount } }`))[field] as { totalCount: number };
      expect(result.totalCount).toBeLessThan(all.totalCount);
    });

    test('projects in an investment range hold amounts inside it, exactly', async () => {
      const result = (
        await data(
          `{ projects(where: { investmentMin: "1000000000", investmentMax: "2000000000" }) { edges { node { totalInvestment { amount raw } } } } }`,
        )
      ).projects as { edges: { node: { totalInvestment: { amount: string; raw: string } } }[] };
      expect(result.edges.map((e) => e.node.totalInvestment)).toEqual([{ amount: '1650000000', raw: '16.5亿元' }]);
    });

    test.each([
      ['2000000000', '1000000000'],
      // Equal as 64-bit floats; only an exact decimal comparison sees that min > max.
      ['12345678901234567.2', '12345678901234567.1'],
    ])('investmentMin %s above investmentMax %s is refused with BAD_USER_INPUT', async (min, max) => {
      expect(
        await errorCode('query ($w: EntityFilter) { projects(where: $w) { totalCount } }', {
          w: { investmentMin: min, investmentMax: max },
        }),
      ).toBe('BAD_USER_INPUT');
    });

    test.each([0, 101, -5])('first: %i is refused with BAD_USER_INPUT', async (first) => {
      expect(await errorCode('query ($f: Int!) { projects(first: $f) { totalCount } }', { f: first })).toBe(
        'BAD_USER_INPUT',
      );
    });

    test('a cursor only pages the list, order and filter that issued it', async () => {
      const page = async (query: string, variables: Record<string, unknown> = {}) =>
        postGraphQL(app.url, query, variables);
      const first = (
        await data('{ zones(first: 1, orderBy: NAME_ASC) { pageInfo { endCursor } edges { node { id } } } }')
      ).zones as { pageInfo: { endCursor: string }; edges: { node: Named }[] };
      const after = first.pageInfo.endCursor;
      // The same list, order and filter: the next page.
      const next = (
        await data('query ($a: String) { zones(first: 1, after: $a, orderBy: NAME_ASC) { edges { node { id } } } }', {
          a: after,
        })
      ).zones as { edges: { node: Named }[] };
      expect(next.edges[0]?.node.id).not.toBe(first.edges[0]?.node.id);
      for (const other of [
        'query ($a: String) { projects(first: 1, after: $a) { totalCount } }',
        'query ($a: String) { zones(first: 1, after: $a, orderBy: NAME_DESC) { totalCount } }',
        'query ($a: String) { zones(first: 1, after: $a, where: { nameContains: "区" }) { totalCount } }',
        'query ($a: String) { node(id: "zone:pingyao-etdz") { ... on Entity { relations(first: 1, after: $a) { totalCount } } } }',
      ]) {
        const { body } = await page(other, { a: after });
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.message).toMatch(/another list, order or filter/);
      }
    });

    test('a cursor the API did not issue is refused', async () => {
      expect(await errorCode('{ zones(after: "bm90LWEtY3Vyc29y") { totalCount } }')).toBe('BAD_USER_INPUT');
    });

    describe('zone and region filters agree with the fields that list the same things', () => {
      const SEED_ZONES = [
        'zone:shangdang-etdz',
        'zone:shenchi-modern-agriculture',
        'zone:jingle-modern-agriculture',
        'zone:pingyao-etdz',
      ];
      const ids = (list: Named[]): string[] => list.map((item) => item.id).sort();
      const listed = async (field: string, where: Record<string, unknown>): Promise<string[]> => {
        const page = (
          await data(
            `query ($w: EntityFilter) { ${field}(where: $w, first: 100) { totalCount edges { node { id } } } }`,
            {
              w: where,
            },
          )
        )[field] as { totalCount: number; edges: { node: Named }[] };
        expect(page.totalCount).toBe(page.edges.length);
        return ids(page.edges.map((edge) => edge.node));
      };

      test.each(SEED_ZONES)(
        '%s: enterprises and projects filtered by zone are Zone.enterprises and Zone.projects',
        async (zone) => {
          const fields = (
            await data(
              `query ($z: ID!) { node(id: $z) { ... on Zone {
                enterprises(first: 100) { edges { node { id } } } projects(first: 100) { edges { node { id } } }
                stats { enterpriseCount projectCount } } } }`,
              { z: zone },
            )
          ).node as {
            enterprises: { edges: { node: Named }[] };
            projects: { edges: { node: Named }[] };
            stats: { enterpriseCount: number; projectCount: number };
          };
          const members = {
            enterprises: fields.enterprises.edges.map((edge) => edge.node),
            projects: fields.projects.edges.map((edge) => edge.node),
          };
          expect(await listed('enterprises', { zone })).toEqual(ids(members.enterprises));
          expect(await listed('projects', { zone })).toEqual(ids(members.projects));
          expect(fields.stats).toEqual({
            enterpriseCount: members.enterprises.length,
            projectCount: members.projects.length,
          });
        },
      );

      test.each(SEED_ZONES)('%s: zones filtered by a zone never list that zone itself', async (zone) => {
        expect(await listed('zones', { zone })).not.toContain(zone);
      });

      test('projects reached through a park count for the region too: every 静乐 project is in 静乐县', async () => {
        const projects = await listed('projects', { zone: 'zone:jingle-modern-agriculture' });
        expect(projects.length).toBeGreaterThan(8);
        const inCounty = await listed('projects', { region: 'region:jingle-county' });
        expect(inCounty).toEqual(expect.arrayContaining(projects));
      });

      test('banks and universities filtered by zone are its partners (their only link to a zone)', async () => {
        const partners = (
          (
            await data(
              '{ node(id: "zone:shangdang-etdz") { ... on Zone { partners(first: 100) { edges { node { id kind } } } } } }',
            )
          ).node as { partners: { edges: { node: { id: string; kind: string } }[] } }
        ).partners.edges
          .map((edge) => edge.node)
          .filter((p) => p.kind === 'BANK');
        expect(partners.length).toBeGreaterThan(0);
        expect(await listed('banks', { zone: 'zone:shangdang-etdz' })).toEqual(ids(partners));
      });

      test('a zone’s parks are those Zone.parks lists, including what it OPERATES: its enclave’s partner counts', async () => {
        const parks = (
          (await data('{ node(id: "zone:shangdang-etdz") { ... on Zone { parks { id } } } }')).node as {
            parks: Named[];
          }
        ).parks.map((park) => park.id);
        expect(parks).toContain('park:shangdang-hangzhou-sci-tech-enclave');
        expect(await listed('universities', { zone: 'zone:shangdang-etdz' })).toContain(
          'university:westlake-university',
        );
        expect(await listed('universities', { zone: 'zone:jingle-modern-agriculture' })).toContain(
          'university:shanxi-university-of-finance-and-economics',
        );
      });

      test('Region.zones includes the zones of regions inside it, as the region filter does', async () => {
        const regions = (
          (
            await data(
              '{ entities(kind: REGION, first: 100) { edges { node { id ... on Region { zones(first: 20) { edges { node { id } } } } } } } }',
            )
          ).entities as { edges: { node: { id: string; zones: { edges: { node: Named }[] } } }[] }
        ).edges.map((edge) => ({ id: edge.node.id, zones: edge.node.zones.edges.map((inner) => inner.node) }));
        const province = regions.find((region) => region.id === 'region:shanxi');
        expect(province?.zones.length).toBeGreaterThanOrEqual(2);
        for (const region of regions) expect(await listed('zones', { region: region.id })).toEqual(ids(region.zones));
      });

      test.each([
        ['an unknown zone', { zone: 'zone:nowhere' }, 'NOT_FOUND'],
        ['an unknown region', { region: 'region:nowhere' }, 'NOT_FOUND'],
        ['a zone id of another kind', { zone: 'bank:bank-of-china' }, 'BAD_USER_INPUT'],
        ['a region id of another kind', { region: 'zone:pingyao-etdz' }, 'BAD_USER_INPUT'],
        ['a negative investmentMin', { investmentMin: '-5' }, 'BAD_USER_INPUT'],
        ['a negative investmentMax', { investmentMax: '-0.5' }, 'BAD_USER_INPUT'],
        ['"-0", which is zero, as an unknown zone', { investmentMin: '-0', zone: 'zone:nowhere' }, 'NOT_FOUND'],
      ])('%s is refused with its code, not answered with an empty page', async (_name, where, code) => {
        expect(await errorCode('query ($w: EntityFilter) { projects(where: $w) { totalCount } }', { w: where })).toBe(
          code,
        );
      });
    });

    test('a forecast (预计总投资80亿元) is marked expected, and a sum says how many forecasts it holds', async () => {
      const result = await data(`{
        zhiganggu: node(id: "project:changzhi-zhiganggu") { ... on Project { totalInvestment { raw expected } } }
        liangyu: node(id: "project:liangyu-carbon-graphite-materials") { ... on Project { totalInvestment { raw expected } } }
        shangdang: node(id: "zone:shangdang-etdz") { ... on Zone { stats { totalProjectInvestment { expectedCount total { expected } } } } }
        jingle: node(id: "zone:jingle-modern-agriculture") { ... on Entity { facts(keys: ["expectedNewInvestment", "plannedArea"]) { key quantity { expected } } } }
      }`);
      const facts = (result.jingle as { facts: { key: string; quantity: { expected: boolean } | null }[] }).facts;
      expect(facts.find((fact) => fact.key === 'expectedNewInvestment')?.quantity).toEqual({ expected: true });
      expect(
        facts.filter((fact) => fact.key !== 'expectedNewInvestment').map((fact) => fact.quantity?.expected),
      ).not.toContain(true);
      expect(result.zhiganggu).toEqual({ totalInvestment: { raw: '80亿元', expected: true } });
      expect(result.liangyu).toEqual({ totalInvestment: { raw: '16.5亿元', expected: false } });
      expect(result.shangdang).toEqual({
        stats: { totalProjectInvestment: { expectedCount: 1, total: { expected: true } } },
      });
    });

    test('a zone without any project amount has no investment: it matches no amount filter and sorts last', async () => {
      const zones = (
        (
          await data(
            '{ zones(orderBy: TOTAL_INVESTMENT_ASC, first: 100) { edges { node { id stats { totalProjectInvestment { total { amount } } } } } } }',
          )
        ).zones as { edges: { node: { id: string; stats: { totalProjectInvestment: { total: unknown } } } }[] }
      ).edges.map((edge) => edge.node);
      const without = zones.filter((zone) => zone.stats.totalProjectInvestment.total === null).map((zone) => zone.id);
      expect(without).toContain('zone:shenchi-modern-agriculture');
      expect(zones.slice(zones.length - without.length).map((zone) => zone.id)).toEqual(without);
      for (const where of ['{ investmentMax: "100" }', '{ investmentMin: "0" }']) {
        const found = await data(`{ zones(where: ${where}, first: 100) { edges { node { id } } } }`);
        const matched = (found.zones as { edges: { node: Named }[] }).edges.map((edge) => edge.node.id);
        for (const id of without) expect(matched).not.toContain(id);
      }
    });
  });

  describe('relations and convenience fields', () => {
    test('relations list the other ends in the kind then pinyin order every list uses (as Zone.partners does)', async () => {
      const result = (
        await data(`{ node(id: "zone:jingle-modern-agriculture") { ... on Zone {
          partners(first: 100) { edges { node { id } } }
          relations(types: [PARTNERED_WITH], first: 100) { edges { node { from { id } to { id } } } } } } }`)
      ).node as {
        partners: { edges: { node: Named }[] };
        relations: { edges: { node: { from: Named; to: Named } }[] };
      };
      const others = result.relations.edges.map(({ node }) =>
        node.from.id === 'zone:jingle-modern-agriculture' ? node.to.id : node.from.id,
      );
      expect(others.length).toBeGreaterThan(2);
      expect(others).toEqual(result.partners.edges.map((edge) => edge.node.id));
    });

    test('relations(types: []) is refused, as in the analytics fields', async () => {
      expect(
        await errorCode('{ node(id: "zone:pingyao-etdz") { ... on Entity { relations(types: []) { totalCount } } } }'),
      ).toBe('BAD_USER_INPUT');
    });

    test('relations paginate per entity, filtered by type and direction, each with evidence', async () => {
      const all = (
        await data(`{ node(id: "zone:shangdang-etdz") { ... on Zone { relations(first: 100) { totalCount } } } }`)
      ).node as {
        relations: { totalCount: number };
      };
      const page = (
        await data(
          `{ node(id: "zone:shangdang-etdz") { ... on Zone { relations(types: [DEVELOPS, HOSTS], direction: OUT, first: 2) {
            totalCount pageInfo { hasNextPage } edges { node { type from { id } evidence { quote } } } } } } }`,
        )
      ).node as {
        relations: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean };
          edges: { node: { type: string; from: { id: string }; evidence: unknown[] } }[];
        };
      };
      expect(page.relations.edges).toHaveLength(2);
      expect(page.relations.totalCount).toBeLessThan(all.relations.totalCount);
      expect(page.relations.pageInfo.hasNextPage).toBe(true);
      for (const { node } of page.relations.edges) {
        expect(['DEVELOPS', 'HOSTS']).toContain(node.type);
        expect(node.from.id).toBe('zone:shangdang-etdz');
        expect(node.evidence.length).toBeGreaterThan(0);
      }
    });

    test('Project.zone and Project.fundedBy, Enterprise.zone, Region.parent', async () => {
      const result = await data(`{
        drainage: node(id: "project:shangdang-drainage-renewal") { ... on Project { zone { id } fundedBy { edges { node { amount { amount } to { id } } } } } }
        shangzhuo: node(id: "enterprise:shanxi-shangzhuo-group") { ... on Enterprise { zone { id } } }
        jinneng: node(id: "enterprise:jinneng-pv-technology") { ... on Enterprise { zone { id } } }
        xinzhou: node(id: "region:xinzhou") { ... on Region { parent { id } } }
      }`);
      expect(result.drainage).toEqual({
        zone: { id: 'zone:shangdang-etdz' },
        fundedBy: {
          edges: [
            { node: { amount: { amount: '40330000' }, to: { id: 'instrument:ultra-long-special-treasury-bond' } } },
          ],
        },
      });
      expect(result.shangzhuo).toEqual({ zone: { id: 'zone:shangdang-etdz' } });
      expect(result.jinneng).toEqual({ zone: null });
      expect(result.xinzhou).toEqual({ parent: { id: 'region:shanxi' } });
    });

    test('node(id) resolves relations, facts and evidence too, and null for unknown ids', async () => {
      const rel = (
        await data(`{ node(id: "zone:shangdang-etdz") { ... on Zone { financings { edges { node { id } } } } } }`)
      ).node as { financings: { edges: { node: { id: string } }[] } };
      const relationId = rel.financings.edges[0]?.node.id as string;
      const result = await data(
        `query ($r: ID!) { r: node(id: $r) { id ... on Relation { type } } x: node(id: "zone:nope") { id } }`,
        { r: relationId },
      );
      expect(result.r).toEqual({ id: relationId, type: 'FINANCED_BY' });
      expect(result.x).toBeNull();
    });
  });
});
