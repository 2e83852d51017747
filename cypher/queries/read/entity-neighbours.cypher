// Entities one hop away through the given relation types, for convenience fields.
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
WHERE type(r) IN $types
  AND ($kinds IS NULL OR m.kind IN $kinds)
  AND ($direction = 'BOTH' OR type(r) IN $symmetric
       OR ($direction = 'OUT' AND startNode(r) = n)
       OR ($direction = 'IN' AND endNode(r) = n))
WITH DISTINCT id, m
ORDER BY id, m.sortName, m.id
RETURN id, collect(m {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null}) AS neighbours
