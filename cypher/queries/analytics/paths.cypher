// Every shortest undirected path between two entities through relation types in $types, of at
// most {{maxHops}} relations, in a stable order, the first $first of them. A template: quantifier
// bounds cannot be parameters, and a search bounded by the hops asked for costs less than one to
// the API's maximum filtered afterwards (src/db/queries.ts, PATH_HOPS). Both ends are matched
// first so the search runs between two known nodes (bidirectional BFS).
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
  MATCH p = ALL SHORTEST (a) (()-[r WHERE type(r) IN $types]-(:Entity)){1,{{maxHops}}} (b)
  WITH p
  ORDER BY [n IN nodes(p) | n.sortName], [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
  LIMIT toInteger($first)
  RETURN collect({
    nodes: [n IN nodes(p) | CASE WHEN $entityProps IS NULL THEN n {.*} ELSE [k IN $entityProps | n[k]] END],
    relations: [r IN relationships(p) | {id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, values: [k IN $relProps | r[k]]}]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
