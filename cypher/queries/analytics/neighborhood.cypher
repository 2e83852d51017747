// The neighbourhood of one entity, breadth first, in one statement. Each level expands every
// node of the level before it to at most $limit neighbours (through relation types in $types,
// either direction), ranked by relation type, then name, then id; levels past $depth (1..3) get
// an empty frontier, so the statement is the same for every depth. A node belongs to the first
// level that reaches it. Returns no row when the entity does not exist.
MATCH (root:Entity {id: $id})
WITH root, toInteger($depth) AS maxDepth, toInteger($limit) AS lim
CALL (root, maxDepth, lim) {
  UNWIND CASE WHEN maxDepth >= 1 THEN [root] ELSE [] END AS n
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
  WITH n, lim, m, min(type(r)) AS firstType
  ORDER BY firstType, m.sortName, m.id
  WITH n, lim, collect(m) AS ranked
  WITH n, ranked[..lim] AS kept
  UNWIND kept AS m
  RETURN collect(DISTINCT m) AS reached1
}
WITH root, maxDepth, lim, [m IN reached1 WHERE m <> root] AS level1
CALL (level1, maxDepth, lim) {
  UNWIND CASE WHEN maxDepth >= 2 THEN level1 ELSE [] END AS n
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
  WITH n, lim, m, min(type(r)) AS firstType
  ORDER BY firstType, m.sortName, m.id
  WITH n, lim, collect(m) AS ranked
  WITH n, ranked[..lim] AS kept
  UNWIND kept AS m
  RETURN collect(DISTINCT m) AS reached2
}
WITH root, maxDepth, lim, level1, [m IN reached2 WHERE m <> root AND NOT m IN level1] AS level2
CALL (level2, maxDepth, lim) {
  UNWIND CASE WHEN maxDepth >= 3 THEN level2 ELSE [] END AS n
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
  WITH n, lim, m, min(type(r)) AS firstType
  ORDER BY firstType, m.sortName, m.id
  WITH n, lim, collect(m) AS ranked
  WITH n, ranked[..lim] AS kept
  UNWIND kept AS m
  RETURN collect(DISTINCT m) AS reached3
}
WITH root, level1, level2, [m IN reached3 WHERE m <> root AND NOT m IN level1 AND NOT m IN level2] AS level3
WITH [{node: root, depth: 0}]
     + [m IN level1 | {node: m, depth: 1}]
     + [m IN level2 | {node: m, depth: 2}]
     + [m IN level3 | {node: m, depth: 3}] AS entries
WITH entries, [entry IN entries | entry.node] AS members
// Degree = distinct neighbours through $types; shown = those of them in the subgraph.
CALL (entries, members) {
  UNWIND entries AS entry
  WITH entry, entry.node AS n
  OPTIONAL MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types
  WITH entry, n, collect(DISTINCT m) AS neighbours
  ORDER BY entry.depth, n.sortName, n.id
  RETURN collect({
    entity: n {.*},
    depth: entry.depth,
    degree: size(neighbours),
    shown: size([m IN neighbours WHERE m IN members])
  }) AS nodes
}
// Every relation of the followed types between two members, each once (from its start node).
CALL (members) {
  UNWIND members AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE type(r) IN $types AND b IN members
  WITH r, a, b
  ORDER BY type(r), r.id
  RETURN collect({id: r.id, type: type(r), fromId: a.id, toId: b.id, props: properties(r)}) AS edges
}
RETURN nodes, edges
