  // analytics/paths: the paths of 3 relations, when no shorter one was found: 2 hops from `a`
  // and 1 from `b`, met in the entity between (a hash join on `m`), the first $first in order.
  CALL (a, b, found) {
    WITH a, b
    WHERE size(found) = 0
    MATCH p = (a)-[r1:{{@types}}]-(:Entity)-[r2:{{@types}}]-(m:Entity)-[r3:{{@types}}]-(b)
    USING JOIN ON m
    WHERE {{anyType}} OR (type(r1) IN $types AND type(r2) IN $types AND type(r3) IN $types)
    WITH p
    ORDER BY [n IN nodes(p) | n.sortName], [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
    LIMIT toInteger($first)
    RETURN collect(p) AS more
  }
  WITH a, b, found + more AS found
