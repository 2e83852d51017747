// Re-creates the merged entity's relations on the kept entity. A relation the kept entity
// already has gains the other one's evidence instead of being duplicated.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r += row.props
ON MATCH SET r.evidenceIds = [x IN coalesce(r.evidenceIds, []) WHERE NOT x IN row.props.evidenceIds] + row.props.evidenceIds
// The copied properties carry the old end's id and page key: both are set for the new ends.
SET r.fromId = a.id, r.toId = b.id,
    r.fromKey = a.kind + '\u0001' + a.listKey + '\u0001' + r.id,
    r.toKey = b.kind + '\u0001' + b.listKey + '\u0001' + r.id
RETURN count(r) AS moved
