// Relation ids carry their type (rel:<type>:<hash>), so each lookup uses that type's id index.
UNWIND $rows AS row
MATCH (a:Entity)-[r:$(row.type) {id: row.id}]->(b:Entity)
RETURN r.id AS id, type(r) AS type, a.id AS fromId, b.id AS toId, properties(r) AS props
