// Re-creates the merged entity's relations on the kept entity. A relation the kept entity
// already has gains the other one's evidence instead of being duplicated.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r += row.props
ON MATCH SET r.evidenceIds = [x IN coalesce(r.evidenceIds, []) WHERE NOT x IN row.props.evidenceIds] + row.props.evidenceIds
RETURN count(r) AS moved
