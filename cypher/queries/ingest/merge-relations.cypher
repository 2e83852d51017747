// The relationship type comes from the RelationType allowlist; values are parameters.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r += row.props
RETURN count(r) AS written
