// Relations by id. Every relation type is spelled out (the RelationType allowlist; a unit test
// keeps this list equal to it) so the lookup is one id-index seek per type: a dynamic type,
// `[r:$(row.type)]`, cannot use an index and made each lookup scan every entity.
UNWIND $rows AS row
MATCH (a:Entity)-[r:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES|AUTHORED|MENTIONED_IN {id: row.id}]->(b:Entity)
WHERE type(r) = row.type
RETURN r.id AS id, type(r) AS type, a.id AS fromId, b.id AS toId, r {.*, fromKey: null, toKey: null} AS props
