// The neighbourhood of one entity, breadth first, in one statement. Each level expands every
// node of the level before it to at most $limit neighbours (through relation types in $types,
// either direction), ranked by relation type, then name, then id; levels past $depth (1..3) get
// an empty frontier, so the statement is the same for every depth. A node belongs to the first
// level that reaches it. Returns no row when the entity does not exist.
//
// Cost: ranking reads each relation of an expanded node once (its type and the other end's name
// and id); nothing else grows with a hub's degree. Degrees come from the degree store (one
// COUNT per relation type), and the entities of the last level, which are not expanded, are
// searched for edges only when they have at most 100 relations: the edges of a bigger one are
// found from its other end, or, between two of them, by checking the pair.
//
// What is read of each member and edge follows the request's selection (src/graphql/selection.ts,
// graphReads): a member is the list of the values of $entityProps when it is a list (a light
// record), else the whole node; an edge's stored properties are the values of $relProps.
MATCH (root:Entity {id: $id})
WITH root, toInteger($depth) AS maxDepth
CALL (root) {
  MATCH (root)-[r]-(m)
  WHERE type(r) IN $types
  WITH m, min(type(r)) AS firstType
  ORDER BY firstType, m.sortName, m.id
  LIMIT toInteger($limit)
  WITH collect(m) AS kept
  RETURN [m IN kept WHERE m <> root] AS level1
}
CALL (root, level1, maxDepth) {
  UNWIND CASE WHEN maxDepth >= 2 THEN level1 ELSE [] END AS n
  CALL (n) {
    MATCH (n)-[r]-(m)
    WHERE type(r) IN $types
    WITH m, min(type(r)) AS firstType
    ORDER BY firstType, m.sortName, m.id
    LIMIT toInteger($limit)
    RETURN collect(m) AS kept
  }
  UNWIND kept AS m
  WITH DISTINCT m
  WHERE m <> root AND NOT m IN level1
  RETURN collect(m) AS level2
}
CALL (root, level1, level2, maxDepth) {
  UNWIND CASE WHEN maxDepth >= 3 THEN level2 ELSE [] END AS n
  CALL (n) {
    MATCH (n)-[r]-(m)
    WHERE type(r) IN $types
    WITH m, min(type(r)) AS firstType
    ORDER BY firstType, m.sortName, m.id
    LIMIT toInteger($limit)
    RETURN collect(m) AS kept
  }
  UNWIND kept AS m
  WITH DISTINCT m
  WHERE m <> root AND NOT m IN level1 AND NOT m IN level2
  RETURN collect(m) AS level3
}
WITH
  root,
  [{node: root, depth: 0}] + [m IN level1 | {node: m, depth: 1}] + [m IN level2 | {node: m, depth: 2}] + [m IN level3 | {node: m, depth: 3}] AS entries,
  [root] + level1 + level2 + level3 AS members,
  [root] + CASE maxDepth WHEN 1 THEN [] WHEN 2 THEN level1 ELSE level1 + level2 END AS expanded
// Degree: relations of the followed types, summed from the per-type counts of the degree store.
CALL (entries) {
  UNWIND entries AS entry
  WITH entry, entry.node AS n
  WITH entry, n, {
    LOCATED_IN: COUNT { (n)-[:LOCATED_IN]-() },
    PART_OF: COUNT { (n)-[:PART_OF]-() },
    FINANCED_BY: COUNT { (n)-[:FINANCED_BY]-() },
    PARTNERED_WITH: COUNT { (n)-[:PARTNERED_WITH]-() },
    HOSTS: COUNT { (n)-[:HOSTS]-() },
    DEVELOPS: COUNT { (n)-[:DEVELOPS]-() },
    OPERATES: COUNT { (n)-[:OPERATES]-() },
    SUBSIDIZED_UNDER: COUNT { (n)-[:SUBSIDIZED_UNDER]-() },
    ISSUED: COUNT { (n)-[:ISSUED]-() },
    COURTS: COUNT { (n)-[:COURTS]-() },
    INVESTS_IN: COUNT { (n)-[:INVESTS_IN]-() },
    SUPPORTS: COUNT { (n)-[:SUPPORTS]-() },
    APPLIED_FOR: COUNT { (n)-[:APPLIED_FOR]-() },
    AWARDED: COUNT { (n)-[:AWARDED]-() },
    ADVISES: COUNT { (n)-[:ADVISES]-() },
    AUTHORED: COUNT { (n)-[:AUTHORED]-() },
    MENTIONED_IN: COUNT { (n)-[:MENTIONED_IN]-() }
  } AS byType
  ORDER BY entry.depth, n.sortName, n.id
  RETURN collect({entity: CASE WHEN $entityProps IS NULL THEN n {.*} ELSE [k IN $entityProps | n[k]] END, depth: entry.depth, degree: reduce(d = 0, t IN $types | d + byType[t])}) AS nodes
}
// Every relation of the followed types between two members, each once: from every expanded
// member and every member with at most 100 relations, and between two bigger unexpanded ones.
CALL (members, expanded) {
  CALL (members, expanded) {
    UNWIND members AS a
    WITH a
    WHERE a IN expanded OR COUNT { (a)--() } <= 100
    MATCH (a)-[r]-(b)
    WHERE type(r) IN $types AND b IN members
    RETURN r
    UNION
    WITH [a IN members WHERE NOT a IN expanded AND COUNT { (a)--() } > 100] AS big
    UNWIND big AS a
    UNWIND big AS b
    WITH a, b
    WHERE elementId(a) < elementId(b)
    MATCH (a)-[r]-(b)
    WHERE type(r) IN $types
    RETURN r
  }
  WITH r
  ORDER BY type(r), r.id
  RETURN collect({id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, values: [k IN $relProps | r[k]]}) AS edges
}
RETURN nodes, edges
