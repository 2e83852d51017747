import { DEFAULT_FOLLOWED_TYPES, NOT_SUGGESTED_BY_DEFAULT, ZONE_TO_MEMBER } from '../src/analytics/link-types';
import { ENTITY_KINDS } from '../src/domain/vocabulary';
import { roleParameters, SUGGESTION_DRAW_CAP, SUGGESTION_SCAN_DEGREE } from '../src/analytics/suggestions';
import { searchQueries } from '../src/search/search';

/**
 * The cases of `npm run bench` (issue 8, item 4), each with its three forms side by side so they
 * can be kept in step:
 *
 *   zonegraph  the GraphQL operation ZoneGraph serves;
 *   peer       the operation @neo4j/graphql 7 serves over the same database (bench/peer-schema.ts),
 *              or why it cannot express the case;
 *   floor      the hand-written Cypher (F1) that returns the same answer, run through the same
 *              driver behind a bare node:http handler (bench/servers.ts).
 *
 * Each form says how to read the ids of its answer in order (`ids`); the harness and the
 * equivalence test compare them, so a fast wrong answer never passes for a fast right one.
 * When ZoneGraph's semantics change (a new scoring, a new membership rule), the floor here
 * changes with them in the same commit.
 */

/** What the cases are asked about: chosen once per data set, before any timing (bench/targets.ts). */
export interface Targets {
  /** The zone with the most member enterprises. */
  readonly biggestZone: string;
  /** The bank with the most FINANCED_BY relations. */
  readonly hubBank: string;
  /** An enterprise the hub bank finances (the first by name). */
  readonly hubFirm: string;
  /** The other end of the paths case (an enterprise of another zone). */
  readonly pathTo: string;
  /** A term that many names contain. */
  readonly commonTerm: string;
  /** A term exactly one name contains. */
  readonly rareTerm: string;
  /** The page the deep-page case asks for (50 on a generated graph). */
  readonly deepPage: number;
}

export type ServerName = 'zonegraph' | 'floor' | 'peer';
export const SERVERS: readonly ServerName[] = ['zonegraph', 'floor', 'peer'];

export type Vars = Record<string, unknown>;

/** Sends the case's request with these variables to one server and returns its answer. */
export type Call = (variables: Vars) => Promise<unknown>;

export interface Side {
  /** A GraphQL operation (zonegraph, peer) or a Cypher statement (floor). */
  readonly request: string;
  /** Variables (GraphQL) or parameters (Cypher), from the targets and what `prepare` found. */
  readonly variables: (targets: Targets, prepared: Vars) => Vars;
  /** The ids of the answer in order, with counts where the answer has them. */
  readonly ids: (answer: unknown) => string[];
  /** Runs once before timing, e.g. to page to the cursor of a deep page; its result reaches `variables`. */
  readonly prepare?: (call: Call, targets: Targets) => Promise<Vars>;
}

export interface BenchCase {
  readonly name: string;
  readonly title: string;
  /**
   * Why the work for this answer grows with the graph even though the answer does not (so
   * p50(L)/p50(S) ≤ 2 is not expected), or null when it should not grow.
   */
  readonly grows: string | null;
  readonly zonegraph: Side;
  readonly floor: Side;
  readonly peer: Side | { readonly unsupported: string };
}

// ---------------------------------------------------------------------------------------------
// Reading answers: GraphQL `data` objects and floor rows are plain JSON.

function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function list(value: unknown, ...path: (string | number)[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

function text(value: unknown, ...path: (string | number)[]): string {
  const found = at(value, ...path);
  return found === null || found === undefined ? '' : String(found);
}

/** The floor server answers `{ rows: [...] }`; most floor statements return one row. */
function row(answer: unknown): unknown {
  return list(answer, 'rows')[0];
}

const edgeIds = (connection: unknown): string[] => list(connection, 'edges').map((edge) => text(edge, 'node', 'id'));

/**
 * The first page of several connections sorted alike (node kind, sortName, id, then the edge's
 * id), merged in that order: what a client of the peer does to list two relationship fields as
 * one. Returns nodes, or whole edges with `edges` set.
 */
function mergedPage(connections: unknown[], edges = false): unknown[] {
  const key = (edge: unknown): string[] => [
    text(edge, 'node', 'kind'),
    text(edge, 'node', 'sortName'),
    text(edge, 'node', 'id'),
    text(edge, 'properties', 'id'),
  ];
  const compare = (a: unknown, b: unknown): number => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i += 1) {
      if ((x[i] as string) !== (y[i] as string)) return (x[i] as string) < (y[i] as string) ? -1 : 1;
    }
    return 0;
  };
  const merged = connections
    .flatMap((connection) => list(connection, 'edges'))
    .sort(compare)
    .slice(0, PAGE);
  return edges ? merged : merged.map((edge) => at(edge, 'node'));
}

// ---------------------------------------------------------------------------------------------
// Shared Cypher fragments of the floor. Zone membership is src/domain/membership.ts: a member is
// linked to the zone or to one of its parks (PART_OF it, or OPERATED by it); LOCATED_IN points
// from the member, the other types from the zone or park.

/** The relation types the analytics cases follow (all but MENTIONED_IN and AUTHORED), for Cypher text. */
const FOLLOWED = DEFAULT_FOLLOWED_TYPES.join('|');

/** Zone membership, zone to member (src/analytics/link-types.ts), for Cypher text. */
const TO_MEMBER_TYPES = ZONE_TO_MEMBER.join('|');
const TO_MEMBER = `[${ZONE_TO_MEMBER.map((type) => `'${type}'`).join(', ')}]`;

/**
 * A hub's draw (more than SUGGESTION_SCAN_DEGREE relations): for each followed type and side it
 * has, and each kind in $kinds, the first $cap + 1 distinct other ends in the relation page index's
 * order (the other end's kind, then sort name, then id: migration 0007), as `end` ids. The first
 * $cap + 1 by name of the hub's neighbours are all among them.
 */
const HUB_DRAW = DEFAULT_FOLLOWED_TYPES.flatMap((type) =>
  (
    [
      ['->', 'fromId', 'toKey', 'toId'],
      ['<-', 'toId', 'fromKey', 'fromId'],
    ] as const
  ).map(
    ([side, at, key, end]) => `
                WITH y WHERE COUNT { (y)${side === '->' ? '-' : '<-'}[:${type}]${side === '->' ? '->' : '-'}() } > 0
                UNWIND $kinds AS kind
                CALL (y, kind) {
                  MATCH ()-[r:${type}]->() WHERE r.${at} = y.id AND r.${key} STARTS WITH kind + '\\u0001'
                  WITH r ORDER BY r.${at}, r.${key}
                  WITH DISTINCT r.${end} AS end LIMIT toInteger($cap) + 1
                  RETURN end
                }
                RETURN end`,
  ),
).join('\n                UNION');

/** search's KIND_PRIORITY (src/search/search.ts), as Cypher. */
const KIND_PRIORITY_CYPHER = `CASE node.kind WHEN 'ZONE' THEN 1.0 WHEN 'REGION' THEN 1.0 WHEN 'PARK' THEN 0.6
    WHEN 'ENTERPRISE' THEN 0.5 WHEN 'BANK' THEN 0.5 WHEN 'UNIVERSITY' THEN 0.5 WHEN 'PROJECT' THEN 0.5
    WHEN 'FUNDING_INSTRUMENT' THEN 0.3 WHEN 'POLICY' THEN 0.3 WHEN 'PERSON' THEN 0.3 ELSE 0.2 END`;

const PAGE = 20;

/** Pages `pages` times through a connection, returning the last end cursor. */
async function walk(call: Call, pages: number, endCursor: (answer: unknown) => unknown): Promise<unknown> {
  let after: unknown = null;
  for (let page = 0; page < pages; page += 1) {
    after = endCursor(await call({ after }));
    if (after === null || after === undefined) throw new Error(`the list ends before page ${page + 2}`);
  }
  return after;
}

const searchCase = (name: string, title: string, term: (t: Targets) => string): BenchCase => ({
  name,
  title,
  grows: null,
  zonegraph: {
    request: `query ($q: String!) { search(query: $q, first: 10) { score entity { id name } } }`,
    variables: (t) => ({ q: term(t) }),
    ids: (data) => list(data, 'search').map((hit) => text(hit, 'entity', 'id')),
  },
  // search ranks the stored name forms (`searchKeys`, src/search/search-keys.ts) in the database
  // (read/search.cypher, docs/api.md "Search scoring"): tier 1.0 when a form equals the query,
  // 0.9 when one starts with it (one prefix lookup over `entity_search_keys`), 0.75 when one only
  // contains it, asked only when the first two tiers leave the page short; within a tier 0.03 ×
  // coverage (|query| / the shortest matching form) + 0.015 × the kind's priority + 0.004 × s /
  // (1 + s) for the Lucene score s, rounded to four decimals, ties by id. The floor keeps that
  // shape (two index lookups, each cut to the page, the second only when needed: the minimal form
  // for this answer), with no kind filter and only the length of the shortest matching form.
  floor: {
    request: `
      CALL () {
        CALL db.index.fulltext.queryNodes('entity_search_keys', $prefix) YIELD node, score
        WITH node, score,
             reduce(m = null, k IN node.searchKeys | CASE WHEN k STARTS WITH $q AND (m IS NULL OR size(k) < m) THEN size(k) ELSE m END) AS shortest
        WHERE shortest IS NOT NULL
        WITH node, round(((CASE WHEN $q IN node.searchKeys THEN 1.0 ELSE 0.9 END) + 0.03 * size($q) / toFloat(shortest)
                          + 0.015 * ${KIND_PRIORITY_CYPHER} + 0.004 * (score / (1 + score))) * 10000) / 10000 AS rank
        ORDER BY rank DESC, node.id
        LIMIT 10
        RETURN collect({id: node.id, name: node.name, score: rank}) AS head
      }
      CALL (head) {
        WITH head WHERE size(head) < 10
        CALL db.index.fulltext.queryNodes($containsIndex, $contains) YIELD node, score AS lucene
        WITH node, CASE WHEN $containsScored THEN lucene ELSE 1.0 END AS score,
             reduce(m = null, k IN node.searchKeys | CASE WHEN k CONTAINS $q AND (m IS NULL OR size(k) < m) THEN size(k) ELSE m END) AS shortest
        WHERE shortest IS NOT NULL AND none(k IN node.searchKeys WHERE k STARTS WITH $q)
        WITH node, round((0.75 + 0.03 * size($q) / toFloat(shortest)
                          + 0.015 * ${KIND_PRIORITY_CYPHER} + 0.004 * (score / (1 + score))) * 10000) / 10000 AS rank
        ORDER BY rank DESC, node.id
        LIMIT 10
        RETURN collect({id: node.id, name: node.name, score: rank}) AS tail
      }
      UNWIND head + tail[..10 - size(head)] AS hit
      RETURN hit.id AS id, hit.name AS name, hit.score AS score`,
    variables: (t) => {
      const queries = searchQueries(term(t));
      if (queries === null) throw new Error(`nothing searchable in ${JSON.stringify(term(t))}`);
      return {
        q: queries.normalised,
        prefix: queries.prefix,
        containsIndex: queries.contains.index,
        contains: queries.contains.query,
        containsScored: queries.contains.scored,
      };
    },
    ids: (answer) => list(answer, 'rows').map((r) => text(r, 'id')),
  },
  peer: {
    unsupported:
      'ranks by how the best name form matches (exact, prefix, infix, coverage, kind); the peer has full-text search but only Lucene order',
  },
});

export const CASES: readonly BenchCase[] = [
  {
    name: 'list-first',
    title: 'first list page: enterprises(first: 20) with totalCount',
    grows: null,
    zonegraph: {
      request: `{ enterprises(first: ${PAGE}) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`,
      variables: () => ({}),
      ids: (data) => [...edgeIds(at(data, 'enterprises')), `count:${text(data, 'enterprises', 'totalCount')}`],
    },
    floor: {
      // The count from the count store; the page from the (kind, listKey) index (listKey: the
      // pinyin sort name, then the id), one more than the page to know whether another follows.
      request: `
        CALL () { MATCH (n:Enterprise) RETURN count(n) AS totalCount }
        CALL () {
          MATCH (n:Entity) WHERE n.kind = 'ENTERPRISE' AND n.listKey > ''
          WITH n ORDER BY n.kind, n.listKey LIMIT ${PAGE + 1}
          RETURN collect(n {.id, .name, .listKey}) AS page
        }
        RETURN totalCount, page[..${PAGE}] AS page, size(page) > ${PAGE} AS hasNextPage`,
      variables: () => ({}),
      ids: (answer) => [
        ...list(row(answer), 'page').map((n) => text(n, 'id')),
        `count:${text(row(answer), 'totalCount')}`,
      ],
    },
    peer: {
      request: `{ enterprisesConnection(first: ${PAGE}, sort: [{ sortName: ASC }, { id: ASC }]) {
        totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`,
      variables: () => ({}),
      ids: (data) => [
        ...edgeIds(at(data, 'enterprisesConnection')),
        `count:${text(data, 'enterprisesConnection', 'totalCount')}`,
      ],
    },
  },
  {
    name: 'deep-page',
    title: 'a deep page: enterprises page 50 through the cursor of the page before',
    grows: null,
    zonegraph: {
      request: `query ($after: String) { enterprises(first: ${PAGE}, after: $after) {
        edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`,
      variables: (_t, prepared) => ({ after: prepared.after }),
      ids: (data) => edgeIds(at(data, 'enterprises')),
      prepare: async (call, t) => ({
        after: await walk(call, t.deepPage - 1, (data) => at(data, 'enterprises', 'pageInfo', 'endCursor')),
      }),
    },
    floor: {
      // Keyset: the cursor is the listKey of the last item of the page before.
      request: `
        MATCH (n:Entity) WHERE n.kind = 'ENTERPRISE' AND n.listKey > $after
        WITH n ORDER BY n.kind, n.listKey LIMIT ${PAGE + 1}
        WITH collect(n {.id, .name, .listKey}) AS page
        RETURN page[..${PAGE}] AS page, size(page) > ${PAGE} AS hasNextPage`,
      variables: (_t, prepared) => ({ after: prepared.after ?? '' }),
      ids: (answer) => list(row(answer), 'page').map((n) => text(n, 'id')),
      prepare: async (call, t) => {
        let after = '';
        for (let page = 0; page < t.deepPage - 1; page += 1) {
          const last = list(row(await call({ after })), 'page').at(-1);
          if (last === undefined) throw new Error(`the list ends before page ${page + 2}`);
          after = text(last, 'listKey');
        }
        return { after };
      },
    },
    peer: {
      request: `query ($after: String) { enterprisesConnection(first: ${PAGE}, after: $after, sort: [{ sortName: ASC }, { id: ASC }]) {
        edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`,
      variables: (_t, prepared) => ({ after: prepared.after }),
      ids: (data) => edgeIds(at(data, 'enterprisesConnection')),
      prepare: async (call, t) => ({
        after: await walk(call, t.deepPage - 1, (data) => at(data, 'enterprisesConnection', 'pageInfo', 'endCursor')),
      }),
    },
  },
  {
    name: 'zone-members',
    title: "zone members: the biggest zone's enterprises, first 20 + totalCount",
    grows:
      "the biggest zone has more firms at L, and a zone's members have no index in name order: the page sorts them all",
    zonegraph: {
      request: `query ($id: ID!) { node(id: $id) { ... on Zone { enterprises(first: ${PAGE}) {
        totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } } } }`,
      variables: (t) => ({ id: t.biggestZone }),
      ids: (data) => [
        ...edgeIds(at(data, 'node', 'enterprises')),
        `count:${text(data, 'node', 'enterprises', 'totalCount')}`,
      ],
    },
    floor: {
      // The zone and its parks; from each, the first page of its member relations through the
      // page index (fromId/toId with the other end's kind and listKey, migration 0007); the
      // count the write path maintains on the zone.
      request: `
        MATCH (z:Entity {id: $id})
        CALL (z) {
          RETURN z.id AS hub
          UNION MATCH (z)<-[:PART_OF]-(p:Park) RETURN p.id AS hub
          UNION MATCH (z)-[:OPERATES]->(p:Park) RETURN p.id AS hub
        }
        WITH z, collect(hub) AS hubs
        CALL (hubs) {
          UNWIND hubs AS hub
          CALL (hub) {
            MATCH ()-[r:HOSTS]->() WHERE r.fromId = hub AND r.toKey STARTS WITH $prefix
            WITH r ORDER BY r.fromId, r.toKey LIMIT ${PAGE + 1} RETURN r.toId AS member
            UNION ALL
            MATCH ()-[r:OPERATES]->() WHERE r.fromId = hub AND r.toKey STARTS WITH $prefix
            WITH r ORDER BY r.fromId, r.toKey LIMIT ${PAGE + 1} RETURN r.toId AS member
            UNION ALL
            MATCH ()-[r:LOCATED_IN]->() WHERE r.toId = hub AND r.fromKey STARTS WITH $prefix
            WITH r ORDER BY r.toId, r.fromKey LIMIT ${PAGE + 1} RETURN r.fromId AS member
          }
          WITH DISTINCT member
          MATCH (m:Entity {id: member})
          WITH m ORDER BY m.listKey LIMIT ${PAGE + 1}
          RETURN collect(m {.id, .name}) AS page
        }
        RETURN z.enterpriseCount AS totalCount, page[..${PAGE}] AS page, size(page) > ${PAGE} AS hasNextPage`,
      variables: (t) => ({ id: t.biggestZone, prefix: 'ENTERPRISE\u0001' }),
      ids: (answer) => [
        ...list(row(answer), 'page').map((n) => text(n, 'id')),
        `count:${text(row(answer), 'totalCount')}`,
      ],
    },
    // Two relationship fields in one request (firms LOCATED_IN the zone, firms it HOSTS: how the
    // generated graph links them), each its first page and count, merged by the client in the
    // same order. Members through a park or OPERATES are other fields still: the harness checks
    // the answer, so a graph with such members shows the peer as "different".
    peer: {
      request: `query ($id: ID!) { zones(where: { id: { eq: $id } }) {
        located: enterprisesConnection(first: ${PAGE}, sort: [{ node: { sortName: ASC } }, { node: { id: ASC } }]) {
          totalCount edges { node { id name kind sortName } } }
        hosted: hostedEnterprisesConnection(first: ${PAGE}, sort: [{ node: { sortName: ASC } }, { node: { id: ASC } }]) {
          totalCount edges { node { id name kind sortName } } } } }`,
      variables: (t) => ({ id: t.biggestZone }),
      ids: (data) => {
        const zone = at(data, 'zones', 0);
        const count = Number(text(zone, 'located', 'totalCount')) + Number(text(zone, 'hosted', 'totalCount'));
        return [
          ...mergedPage([at(zone, 'located'), at(zone, 'hosted')]).map((node) => text(node, 'id')),
          `count:${count}`,
        ];
      },
    },
  },
  {
    name: 'zones-by-investment',
    title: 'zones ranked by investment: zones(orderBy: TOTAL_INVESTMENT_DESC, first: 20) with stats',
    grows: null,
    zonegraph: {
      request: `{ zones(first: ${PAGE}, orderBy: TOTAL_INVESTMENT_DESC) { edges { node { id name
        stats { enterpriseCount projectCount totalProjectInvestment { total { amount } } } } } } }`,
      variables: () => ({}),
      ids: (data) =>
        list(data, 'zones', 'edges').map(
          (edge) =>
            `${text(edge, 'node', 'id')}:${text(edge, 'node', 'stats', 'enterpriseCount')}:${text(edge, 'node', 'stats', 'projectCount')}`,
        ),
    },
    floor: {
      // The (kind, investDescKey) index the write path keeps (the zone's projects' total,
      // complemented, then listKey), and the counts and the exact investment sum it keeps on
      // the zone (migration 0017).
      request: `
        MATCH (z:Entity) WHERE z.kind = 'ZONE' AND z.investDescKey > ''
        WITH z ORDER BY z.kind, z.investDescKey LIMIT ${PAGE}
        RETURN z.id AS id, z.name AS name, z.enterpriseCount AS enterpriseCount,
               z.projectCount AS projectCount, z.projectInvestmentSum AS investment`,
      variables: () => ({}),
      ids: (answer) =>
        list(answer, 'rows').map((r) => `${text(r, 'id')}:${text(r, 'enterpriseCount')}:${text(r, 'projectCount')}`),
    },
    peer: {
      unsupported:
        'sorting by an aggregate over related nodes (the projects of a zone and of its parks) needs a @cypher field, i.e. hand-written Cypher: that is the floor',
    },
  },
  {
    name: 'entity-evidence',
    title: "an entity with relations and evidence: the hub-financed firm's page (first 20 relations, every quote)",
    grows: null,
    zonegraph: {
      request: `query ($id: ID!) { node(id: $id) { ... on Entity { id name evidence { id quote source { id } }
        relations(first: ${PAGE}) { edges { node { id type from { id name } to { id name }
          evidence { id quote source { id } } } } } } } }`,
      variables: (t) => ({ id: t.hubFirm }),
      ids: (data) => [
        ...list(data, 'node', 'evidence').map((e) => text(e, 'id')),
        ...list(data, 'node', 'relations', 'edges').flatMap((edge) => [
          text(edge, 'node', 'id'),
          ...list(edge, 'node', 'evidence').map((e) => text(e, 'id')),
        ]),
      ],
    },
    floor: {
      // Relations in the API's order (type, the other end's kind, name and id, relation id); evidence
      // of the entity (its MENTIONED_IN spans) by source and offset, of a relation as listed.
      request: `
        MATCH (n:Entity {id: $id})
        CALL (n) {
          MATCH (n)-[m:MENTIONED_IN]->(:Source)
          UNWIND m.evidenceIds AS evidenceId
          MATCH (e:Evidence {id: evidenceId})
          WITH e ORDER BY e.sourceId, e.charStart
          RETURN collect(e {.id, .quote, source: e.sourceId}) AS evidence
        }
        CALL (n) {
          MATCH (n)-[r]-(o:Entity)
          WITH r, o ORDER BY type(r), o.kind, o.listKey, r.id LIMIT ${PAGE}
          CALL (r) {
            UNWIND range(0, size(r.evidenceIds) - 1) AS i
            MATCH (e:Evidence {id: r.evidenceIds[i]})
            WITH i, e ORDER BY i
            RETURN collect(e {.id, .quote, source: e.sourceId}) AS evidence
          }
          WITH r, startNode(r) AS a, endNode(r) AS b, evidence
          RETURN collect({id: r.id, type: type(r), from: a {.id, .name}, to: b {.id, .name}, evidence: evidence}) AS relations
        }
        RETURN n.id AS id, n.name AS name, evidence, relations`,
      variables: (t) => ({ id: t.hubFirm }),
      ids: (answer) => [
        ...list(row(answer), 'evidence').map((e) => text(e, 'id')),
        ...list(row(answer), 'relations').flatMap((r) => [
          text(r, 'id'),
          ...list(r, 'evidence').map((e) => text(e, 'id')),
        ]),
      ],
    },
    peer: {
      unsupported:
        'evidence is joined through the ids a relation lists (evidenceIds), and one page holds relations of every type in one order; the peer follows relationships of one type per field',
    },
  },
  {
    name: 'hub-relations',
    title: "a hub's relation page: the hub bank's FINANCED_BY relations, first 20 + totalCount",
    grows: "the hub bank finances more firms at L, and its relations have no index in the other end's name order",
    zonegraph: {
      request: `query ($id: ID!) { node(id: $id) { ... on Entity { relations(first: ${PAGE}, types: [FINANCED_BY], direction: IN) {
        totalCount edges { cursor node { id from { id name } amount { amount } } } pageInfo { hasNextPage endCursor } } } } }`,
      variables: (t) => ({ id: t.hubBank }),
      ids: (data) => [
        ...list(data, 'node', 'relations', 'edges').map(
          (edge) => `${text(edge, 'node', 'id')}>${text(edge, 'node', 'from', 'id')}`,
        ),
        `count:${text(data, 'node', 'relations', 'totalCount')}`,
      ],
    },
    floor: {
      // The FINANCED_BY page index from the bank's side (toId, then the client's kind, listKey
      // and the relation id): the page only; the count from the degree store.
      request: `
        MATCH (b:Entity {id: $id})
        CALL () {
          MATCH ()-[r:FINANCED_BY]->() WHERE r.toId = $id AND r.fromKey > ''
          WITH r ORDER BY r.toId, r.fromKey LIMIT ${PAGE + 1}
          MATCH (m:Entity {id: r.fromId})
          WITH r, m ORDER BY r.fromKey
          RETURN collect({id: r.id, from: m {.id, .name}, amount: r.amountAmount}) AS page
        }
        RETURN COUNT { (b)<-[:FINANCED_BY]-() } AS totalCount, page[..${PAGE}] AS page, size(page) > ${PAGE} AS hasNextPage`,
      variables: (t) => ({ id: t.hubBank }),
      ids: (answer) => [
        ...list(row(answer), 'page').map((r) => `${text(r, 'id')}>${text(r, 'from', 'id')}`),
        `count:${text(row(answer), 'totalCount')}`,
      ],
    },
    // Firms and projects the bank finances are two relationship fields (a connection cannot
    // sort a union): both pages in one request, merged by the client in the same order.
    peer: {
      request: `query ($id: ID!) { banks(where: { id: { eq: $id } }) {
        firms: financedConnection(first: ${PAGE}, sort: [{ node: { sortName: ASC } }, { node: { id: ASC } }, { edge: { id: ASC } }]) {
          totalCount edges { properties { id amountAmount } node { id name kind sortName } } }
        projects: financedProjectsConnection(first: ${PAGE}, sort: [{ node: { sortName: ASC } }, { node: { id: ASC } }, { edge: { id: ASC } }]) {
          totalCount edges { properties { id amountAmount } node { id name kind sortName } } } } }`,
      variables: (t) => ({ id: t.hubBank }),
      ids: (data) => {
        const bank = at(data, 'banks', 0);
        const count = Number(text(bank, 'firms', 'totalCount')) + Number(text(bank, 'projects', 'totalCount'));
        return [
          ...mergedPage([at(bank, 'firms'), at(bank, 'projects')], true).map(
            (edge) => `${text(edge, 'properties', 'id')}>${text(edge, 'node', 'id')}`,
          ),
          `count:${count}`,
        ];
      },
    },
  },
  {
    name: 'neighborhood',
    title: 'neighborhood depth 2 at the hub bank, 10 neighbours per entity',
    grows: 'the first level ranks every neighbour of the hub (by relation type, then name) to keep 10',
    zonegraph: {
      request: `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 10) { nodes { depth entity { id name } } edges { id type } } }`,
      variables: (t) => ({ id: t.hubBank }),
      ids: (data) => [
        ...list(data, 'neighborhood', 'nodes').map((n) => `${text(n, 'depth')}:${text(n, 'entity', 'id')}`),
        ...list(data, 'neighborhood', 'edges').map((e) => text(e, 'id')),
      ],
    },
    floor: {
      // Breadth first: each entity keeps its first 10 neighbours by relation type, name and id; a
      // node belongs to the first level that reaches it. Nodes by depth, name, id; edges between
      // members by type and id. The edges are read from the expanded entities (the root and level
      // 1, whose relations were read to rank them) and from the level-2 entities of at most 100
      // relations; between two bigger level-2 entities (a zone, a region) only the pair is checked,
      // so a hub reached at depth 2 is never expanded whole. That split is the shape of
      // analytics/neighborhood.cypher, borrowed because it is the minimal form of this answer.
      request: `
        MATCH (root:Entity {id: $id})
        CALL (root) {
          MATCH (root)-[r:${FOLLOWED}]-(m:Entity)
          WITH m, min(type(r)) AS firstType ORDER BY firstType, m.sortName, m.id LIMIT 10
          RETURN collect(m) AS ranked1
        }
        WITH root, [m IN ranked1 WHERE m <> root] AS level1
        CALL (root, level1) {
          UNWIND level1 AS n
          CALL (n) {
            MATCH (n)-[r:${FOLLOWED}]-(m:Entity)
            WITH m, min(type(r)) AS firstType ORDER BY firstType, m.sortName, m.id LIMIT 10
            RETURN m
          }
          WITH DISTINCT m WHERE m <> root AND NOT m IN level1
          RETURN collect(m) AS level2
        }
        WITH root, level1, level2, [root] + level1 + level2 AS members
        CALL (root, level1, level2, members) {
          CALL (root, level1, level2, members) {
            UNWIND [root] + level1 + [m IN level2 WHERE COUNT { (m)--() } <= 100] AS a
            MATCH (a)-[r:${FOLLOWED}]-(b) WHERE b IN members
            RETURN r
            UNION
            WITH [m IN level2 WHERE COUNT { (m)--() } > 100] AS big
            UNWIND big AS a
            UNWIND big AS b
            WITH a, b WHERE elementId(a) < elementId(b)
            MATCH (a)-[r:${FOLLOWED}]-(b)
            RETURN r
          }
          WITH r ORDER BY type(r), r.id
          RETURN collect({id: r.id, type: type(r)}) AS edges
        }
        WITH [{n: root, depth: 0}] + [m IN level1 | {n: m, depth: 1}] + [m IN level2 | {n: m, depth: 2}] AS entries, edges
        UNWIND entries AS entry
        WITH entry, edges ORDER BY entry.depth, entry.n.sortName, entry.n.id
        RETURN collect({depth: entry.depth, id: entry.n.id, name: entry.n.name}) AS nodes, edges`,
      variables: (t) => ({ id: t.hubBank }),
      ids: (answer) => [
        ...list(row(answer), 'nodes').map((n) => `${text(n, 'depth')}:${text(n, 'id')}`),
        ...list(row(answer), 'edges').map((e) => text(e, 'id')),
      ],
    },
    peer: {
      unsupported: 'a per-entity top-k of neighbours of any type over two levels is not a relationship field',
    },
  },
  {
    name: 'paths',
    title: 'paths: every shortest path (≤ 4 relations) from the hub-financed firm to a firm of another zone, first 3',
    grows:
      'each length is met in the middle from both ends, whose neighbourhoods (zones, regions, the hub bank) grow with the graph',
    zonegraph: {
      request: `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to) { length nodes { id } relations { id } } }`,
      variables: (t) => ({ from: t.hubFirm, to: t.pathTo }),
      ids: (data) =>
        list(data, 'paths').map((p) =>
          list(p, 'relations')
            .map((r) => text(r, 'id'))
            .join('/'),
        ),
    },
    floor: {
      // Length by length, each met in the middle (a hash join); ALL SHORTEST (a) (()-[]-()){1,4} (b)
      // answers the same but timed out at L once its search reached the hub bank.
      request: `
        MATCH (a:Entity {id: $from})
        MATCH (b:Entity {id: $to})
        CALL (a, b) {
          MATCH p = (a)-[:${FOLLOWED}]-(b)
          RETURN collect(p) AS found
        }
        CALL (a, b, found) {
          WITH a, b WHERE size(found) = 0
          MATCH p = (a)-[:${FOLLOWED}]-(m:Entity)-[:${FOLLOWED}]-(b)
          USING JOIN ON m
          RETURN collect(p) AS more
        }
        WITH a, b, found + more AS found
        CALL (a, b, found) {
          WITH a, b WHERE size(found) = 0
          MATCH p = (a)-[:${FOLLOWED}]-(:Entity)-[:${FOLLOWED}]-(m:Entity)-[:${FOLLOWED}]-(b)
          USING JOIN ON m
          RETURN collect(p) AS more
        }
        WITH a, b, found + more AS found
        CALL (a, b, found) {
          WITH a, b WHERE size(found) = 0
          MATCH p = (a)-[:${FOLLOWED}]-(:Entity)-[:${FOLLOWED}]-(m:Entity)-[:${FOLLOWED}]-(:Entity)-[:${FOLLOWED}]-(b)
          USING JOIN ON m
          RETURN collect(p) AS more
        }
        UNWIND found + more AS p
        WITH p ORDER BY [n IN nodes(p) | n.sortName], [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
        LIMIT 3
        RETURN length(p) AS length, [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | r.id] AS relations`,
      variables: (t) => ({ from: t.hubFirm, to: t.pathTo }),
      ids: (answer) => list(answer, 'rows').map((r) => list(r, 'relations').map(String).join('/')),
    },
    peer: { unsupported: 'shortest paths are not a relationship field' },
  },
  {
    name: 'suggestions',
    title: 'suggestions at a hub: partnerSuggestions(first: 10) for the hub-financed firm',
    grows: null,
    zonegraph: {
      request: `query ($id: ID!) { partnerSuggestions(for: $id, first: 10) { score candidate { id name } } }`,
      variables: (t) => ({ id: t.hubFirm }),
      ids: (data) => list(data, 'partnerSuggestions').map((s) => text(s, 'candidate', 'id')),
    },
    // Adamic–Adar with caps per hub, as src/analytics/SCORING.md says and
    // analytics/suggestion-links.cypher ranks: the anchors are E's first 100 neighbours by name
    // (never regions), the zones E belongs to (directly or through a park) and the regions it lies
    // in (directly or through such a zone); from each anchor the first 100 candidates by name are
    // drawn (a zone's parks' neighbours too; a region's zones in name order while their relations
    // add up to at most 1,000). A candidate scores, in hundredths, 300 / log2(degree) per shared
    // entity, 200 / log2(degree) per shared zone (not through one and the same park), 100 /
    // log2(degree) per shared region when it shares no zone, 150 per shared industry code and 200
    // per complementary role (the role table is the parameter ZoneGraph reads); what E or its
    // parts are linked to, and what contains E or lies inside it, is left out. Ranked by score,
    // then name, then id. The draw has to be the same for the answer to be the same, so the floor
    // keeps the statement's shape for it (the minimal form); it leaves out what only the reasons
    // need (each anchor's paths, the entities on them) and checks every drawn candidate against
    // every anchor, which gives the same hits (a complete draw holds every neighbour it could share).
    floor: {
      request: `
        MATCH (e:Entity {id: $id})
        CALL (e) {
          MATCH (e)-[r:${FOLLOWED}]-(s)
          RETURN collect({s: s, out: startNode(r) = e, type: type(r)}) AS near
        }
        CALL (near) {
          UNWIND near AS x
          WITH DISTINCT x.s AS s WHERE s.kind <> 'REGION'
          WITH s ORDER BY s.sortName, s.id LIMIT toInteger($cap)
          RETURN collect(s) AS shared
        }
        WITH e, shared,
             [x IN near WHERE x.s.kind IN ['ZONE', 'PARK'] AND ((NOT x.out AND x.type IN ${TO_MEMBER}) OR (x.out AND x.type IN ['LOCATED_IN', 'PART_OF'])) | x.s] AS memberOf,
             [x IN near WHERE (NOT x.out AND x.type = 'PART_OF') OR (x.out AND x.type = 'OPERATES') | x.s] AS parts,
             [x IN near WHERE x.s.kind <> 'REGION' AND ((x.out AND x.type IN ['LOCATED_IN', 'PART_OF']) OR (NOT x.out AND x.s.kind IN ['ZONE', 'PARK'] AND x.type IN ${TO_MEMBER})) | x.s] AS inside,
             [x IN near WHERE x.s.kind = 'REGION' AND x.out AND x.type = 'LOCATED_IN' | x.s] AS directRegions
        WITH e, shared, parts, directRegions,
             [z IN memberOf WHERE z.kind = 'ZONE' | {zone: z, park: null}]
               + reduce(ways = [], p IN [p IN memberOf WHERE p.kind = 'PARK'] | ways + [(p)-[:PART_OF]->(z:Zone) | {zone: z, park: p}]) AS zoneWays,
             reduce(regions = [], z IN [z IN memberOf WHERE z.kind = 'ZONE'] | regions + [(z)-[:LOCATED_IN]->(g:Region) | g]) AS zoneRegions,
             reduce(found = [], s IN inside | found + [(s)-[:LOCATED_IN|PART_OF]->(c) | c] + [(s)<-[:${TO_MEMBER_TYPES}]-(c:Zone|Park) | c]) AS containers
        WITH e, shared, parts, containers, zoneWays, [w IN zoneWays | w.zone] AS zones, directRegions + zoneRegions AS regions
        CALL (e, shared, zones, regions) {
          UNWIND shared + zones + regions AS a
          WITH DISTINCT a
          WITH a, a IN zones AS isZone, a IN regions AS isRegion
          WITH a, isZone, isRegion, CASE WHEN isZone THEN [(a)<-[:PART_OF]-(p:Park) | p] ELSE [] END AS parks
          CALL (a, isRegion) {
            WITH a WHERE isRegion
            MATCH (a)<-[:LOCATED_IN]-(z:Zone)
            WITH z, COUNT { (z)-[:${FOLLOWED}]-() } AS degree ORDER BY z.sortName, z.id
            WITH collect({zone: z, degree: degree}) AS zs
            RETURN [k IN range(0, size(zs) - 1) WHERE reduce(t = 0, y IN zs[..k + 1] | t + y.degree) <= 10 * $cap | zs[k].zone] AS smallZones
          }
          CALL (e, a, parks, smallZones) {
            UNWIND [a] + parks + smallZones AS y
            CALL (y) {
              WITH y WHERE COUNT { (y)-[:${FOLLOWED}]-() } <= $scan
              MATCH (y)-[:${FOLLOWED}]-(c)
              RETURN c
              UNION
              WITH y WHERE COUNT { (y)-[:${FOLLOWED}]-() } > $scan
              CALL (y) {
                ${HUB_DRAW}
              }
              MATCH (c:Entity {id: end})
              RETURN c
            }
            WITH DISTINCT c WHERE c <> e AND c.kind IN $kinds
            WITH c ORDER BY c.sortName, c.id LIMIT toInteger($cap)
            RETURN collect(c) AS drawn
          }
          RETURN collect({anchor: a, shared: a IN shared, zone: isZone, region: isRegion, parks: parks, drawn: drawn,
                          degree: COUNT { (a)-[:${FOLLOWED}]-() }}) AS drawnAnchors
        }
        WITH e, parts, containers, zoneWays, drawnAnchors, [x IN drawnAnchors | x {.*, drawn: null}] AS anchors
        UNWIND drawnAnchors AS drawing
        UNWIND drawing.drawn AS c
        WITH DISTINCT e, parts, containers, zoneWays, anchors, c
        WHERE NOT c IN containers
          AND NOT EXISTS { (c)-[:${FOLLOWED}]-(e) }
          AND none(p IN parts WHERE EXISTS { (c)-[:${FOLLOWED}]-(p) })
          AND none(s IN [(c)-[:LOCATED_IN|PART_OF]->(s) WHERE s.kind <> 'REGION' | s] + [(c)<-[:${TO_MEMBER_TYPES}]-(s:Zone|Park) | s] WHERE
                EXISTS { (s)-[:LOCATED_IN|PART_OF]->(e) } OR (e.kind IN ['ZONE', 'PARK'] AND EXISTS { (e)-[:${TO_MEMBER_TYPES}]->(s) }))
        WITH e, c, zoneWays, anchors,
             [(c)<-[:${TO_MEMBER_TYPES}]-(z:Zone) | z] + [(c)-[:LOCATED_IN|PART_OF]->(z:Zone) | z] AS candidateZones
        UNWIND anchors AS x
        WITH e, c, x, x.anchor AS a, zoneWays, candidateZones
        WITH e, c, x,
             x.shared AND EXISTS { (c)-[:${FOLLOWED}]-(a) } AS viaShared,
             x.zone AND (EXISTS { (c)<-[:${TO_MEMBER_TYPES}]-(a) } OR EXISTS { (c)-[:LOCATED_IN|PART_OF]->(a) }
               OR any(p IN x.parks WHERE (EXISTS { (c)<-[:${TO_MEMBER_TYPES}]-(p) } OR EXISTS { (c)-[:LOCATED_IN|PART_OF]->(p) })
                                     AND any(w IN zoneWays WHERE w.zone = a AND (w.park IS NULL OR w.park <> p)))) AS viaZone,
             x.region AND (EXISTS { (c)-[:LOCATED_IN]->(a) } OR any(z IN candidateZones WHERE EXISTS { (z)-[:LOCATED_IN]->(a) })) AS viaRegion
        WITH e, c,
             collect(CASE WHEN viaShared THEN x END) AS viaShared,
             collect(CASE WHEN viaZone THEN x END) AS zoneHits,
             collect(CASE WHEN viaRegion THEN x END) AS viaRegion
        WITH e, c, zoneHits,
             CASE WHEN size(zoneHits) = 0 THEN viaRegion ELSE [] END AS regionHits,
             [x IN viaShared WHERE NOT any(z IN zoneHits WHERE z.anchor = x.anchor)] AS sharedHits,
             size(reduce(codes = [], code IN coalesce(e.industries, []) |
               CASE WHEN code IN coalesce(c.industries, []) AND NOT code IN codes THEN codes + code ELSE codes END)) AS industries
        WHERE size(zoneHits) + size(regionHits) + size(sharedHits) > 0
        WITH c,
             reduce(u = 0, x IN sharedHits | u + toInteger(round(300 * log(2) / log(CASE WHEN x.degree < 2 THEN 2 ELSE x.degree END))))
             + reduce(u = 0, x IN zoneHits | u + toInteger(round(200 * log(2) / log(CASE WHEN x.degree < 2 THEN 2 ELSE x.degree END))))
             + reduce(u = 0, x IN regionHits | u + toInteger(round(100 * log(2) / log(CASE WHEN x.degree < 2 THEN 2 ELSE x.degree END))))
             + 150 * industries
             + 200 * size([role IN $roles WHERE e.kind IN role.entityKinds AND c.kind IN role.candidateKinds AND CASE role.condition
                 WHEN 'SHARED_INDUSTRY' THEN industries > 0
                 WHEN 'ENTITY_UNFINANCED' THEN NOT EXISTS { (e)-[:FINANCED_BY]->() }
                 WHEN 'CANDIDATE_UNFINANCED' THEN NOT EXISTS { (c)-[:FINANCED_BY]->() }
                 ELSE false END]) AS score
        ORDER BY score DESC, coalesce(c.sortName, c.name), c.id
        LIMIT 10
        RETURN c.id AS id, c.name AS name, score / 100.0 AS score`,
      variables: (t) => ({
        id: t.hubFirm,
        kinds: ENTITY_KINDS.filter((kind) => !NOT_SUGGESTED_BY_DEFAULT.includes(kind)),
        cap: SUGGESTION_DRAW_CAP,
        scan: SUGGESTION_SCAN_DEGREE,
        roles: roleParameters(),
      }),
      ids: (answer) => list(answer, 'rows').map((r) => text(r, 'id')),
    },
    peer: { unsupported: 'ranking candidates by a score over shared neighbours is not a relationship field' },
  },
  searchCase('search-common', 'search for a common term, first 10', (t) => t.commonTerm),
  searchCase('search-rare', 'search for a rare term (one firm), first 10', (t) => t.rareTerm),
  {
    name: 'node-by-id',
    title: 'node by id: the biggest zone',
    grows: null,
    zonegraph: {
      request: `query ($id: ID!) { node(id: $id) { id ... on Zone { name } } }`,
      variables: (t) => ({ id: t.biggestZone }),
      ids: (data) => [text(data, 'node', 'id')],
    },
    floor: {
      request: `MATCH (n:Entity {id: $id}) RETURN n.id AS id, n.name AS name`,
      variables: (t) => ({ id: t.biggestZone }),
      ids: (answer) => list(answer, 'rows').map((r) => text(r, 'id')),
    },
    peer: {
      request: `query ($id: ID!) { zones(where: { id: { eq: $id } }) { id name } }`,
      variables: (t) => ({ id: t.biggestZone }),
      ids: (data) => list(data, 'zones').map((z) => text(z, 'id')),
    },
  },
];

export function findCase(name: string): BenchCase | undefined {
  return CASES.find((c) => c.name === name);
}

export function isSupported(side: BenchCase['peer']): side is Side {
  return !('unsupported' in side);
}
