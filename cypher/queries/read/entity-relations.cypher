// One page of relations for each entity in $ids, plus the total, in a stable order: by type,
// then the other end by name in pinyin order (as every list sorts), then ids.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
MATCH (n)-[r]-(m:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($direction = 'BOTH' OR type(r) IN $symmetric
       OR ($direction = 'OUT' AND startNode(r) = n)
       OR ($direction = 'IN' AND endNode(r) = n))
WITH id, r, m
ORDER BY id, type(r), m.sortName, m.id, r.id
WITH id, collect({id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)}) AS rels
RETURN id, size(rels) AS totalCount, rels[toInteger($offset)..toInteger($offset + $first)] AS page
