// Entities are found by their stable id; the label comes from the kind allowlist (KIND_LABEL).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.createdAt = datetime()
SET n += row.props, n:$(row.label), n.updatedAt = datetime()
RETURN count(n) AS written
