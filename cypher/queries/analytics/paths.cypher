// Every shortest undirected path between two entities through relation types in $types, of at
// most $maxHops relations, in a stable order, the first $first of them. Quantifier bounds cannot
// be parameters, so the pattern allows the API's maximum of 6 hops and $maxHops filters; both
// ends are matched first so the search runs between two known nodes (bidirectional BFS).
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = ALL SHORTEST (a) (()-[r WHERE type(r) IN $types]-(:Entity)){1,6} (b)
WHERE length(p) <= toInteger($maxHops)
WITH p
ORDER BY [n IN nodes(p) | n.sortName], [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
LIMIT toInteger($first)
RETURN
  [n IN nodes(p) | n {.*}] AS nodes,
  [r IN relationships(p) | {id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)}]
    AS relations
