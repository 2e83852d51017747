// Every shortest undirected path between two entities through relation types in $types, of at
// most {{maxHops}} relations, in a stable order, the first $first of them. A template: an
// instance holds the stages up to its bound and no further (src/db/queries.ts, PATH_HOPS).
// The search goes length by length, 1 to {{maxHops}} (cypher/fragments/paths-stage-K): a stage
// runs only when every shorter one found nothing, so the first stage that finds paths finds every
// shortest path, and each of them is simple (a walk of that length that repeated a node would
// hold a shorter path, which an earlier stage would have found). A stage matches its paths from
// both ends and meets in the middle entity `m` (a hash join, `USING JOIN ON m`): ceil(K/2) hops
// from `a`, floor(K/2) from `b`, so it costs the two ends' neighbourhoods. Neo4j's ALL SHORTEST
// search answers the same (test/integration/paths-search.test.ts) but took seconds at a million
// firms once its frontier reached a hub bank (docs/benchmarks.md). Each stage keeps its first
// $first paths in the order of the answer.
// Types: an instance for the followed types (analytics/paths-followed) names them in its
// patterns and tests nothing more ({{anyType}} is true); an instance for any other list names
// every type and tests each relation against $types ({{anyType}} is false). Named types let
// Neo4j read only those relations; the test per relation cost a fifth of the search at L.
// A node is the list of the values of $entityProps when it is a list (a light record, as the
// request's selection needs: src/graphql/selection.ts, graphReads), else the whole node; a
// relation's stored properties are the values of $relProps.
// One row: whether each end exists (the API answers NOT_FOUND otherwise; no search runs then),
// and the paths.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b
  WHERE a IS NOT NULL AND b IS NOT NULL
  CALL (a, b) {
    MATCH p = (a)-[r1:{{@types}}]-(b)
    WHERE {{anyType}} OR type(r1) IN $types
    WITH p
    ORDER BY [n IN nodes(p) | n.sortName], [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
    LIMIT toInteger($first)
    RETURN collect(p) AS found
  }
//@include {{stage2}}
//@include {{stage3}}
//@include {{stage4}}
//@include {{stage5}}
//@include {{stage6}}
  // An aggregation: the subquery answers one row even when an end is missing (no row reaches
  // here then), so the statement still says which end is.
  UNWIND found AS p
  RETURN collect({
    nodes: [n IN nodes(p) | CASE WHEN $entityProps IS NULL THEN n {.*} ELSE [k IN $entityProps | n[k]] END],
    relations: [r IN relationships(p) | {id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, values: [k IN $relProps | r[k]]}]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
