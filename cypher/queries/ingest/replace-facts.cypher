// An entity's facts are replaced by the listed ones: stale facts are removed, listed ones merged.
UNWIND $entities AS entityId
MATCH (n:Entity {id: entityId})-[:HAS_FACT]->(old:Fact)
WHERE NOT old.id IN $factIds
DETACH DELETE old
WITH count(*) AS removed
UNWIND $rows AS row
MATCH (n:Entity {id: row.entityId})
MERGE (f:Fact {id: row.id})
SET f += row.props
MERGE (n)-[:HAS_FACT]->(f)
RETURN removed, count(f) AS written
