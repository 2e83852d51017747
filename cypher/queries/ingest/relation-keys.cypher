// The page keys of every relation of entities whose list key changed (a renamed entity): a
// relation orders its other end's relations by this end's kind and name (see migration 0007).
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(:Entity)
WHERE r.id IS NOT NULL
SET r.fromKey = CASE WHEN startNode(r) = n THEN n.kind + '\u0001' + n.listKey + '\u0001' + r.id ELSE r.fromKey END,
    r.toKey = CASE WHEN endNode(r) = n THEN n.kind + '\u0001' + n.listKey + '\u0001' + r.id ELSE r.toKey END
RETURN count(r) AS updated
