// Deletes one relation by id and returns what it was, so the ledger keeps a copy.
MATCH (a:Entity)-[r:$($type) {id: $id}]->(b:Entity)
WITH a, b, r, properties(r) AS props, type(r) AS type
DELETE r
RETURN a.id AS fromId, b.id AS toId, type, props
