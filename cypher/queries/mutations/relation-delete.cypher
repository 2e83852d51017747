// Deletes one relation by id and returns what it was, so the ledger keeps a copy. Every type is
// spelled out (see read/relations-by-ids) so the lookup uses the id indexes, not a scan.
MATCH (a:Entity)-[r:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES|AUTHORED|MENTIONED_IN {id: $id}]->(b:Entity)
WHERE type(r) = $type
WITH a, b, r, properties(r) AS props, type(r) AS type
DELETE r
RETURN a.id AS fromId, b.id AS toId, type, props
