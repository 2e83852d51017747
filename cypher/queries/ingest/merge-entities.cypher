// Entities are found by their stable id; the label comes from the kind allowlist (KIND_LABEL).
// Returns the ids whose list key changed (a new name), whose relations' page keys follow.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.createdAt = datetime()
WITH n, row, n.listKey AS before
SET n += row.props, n:$(row.label), n.updatedAt = datetime()
RETURN count(n) AS written, collect(CASE WHEN before IS NOT NULL AND before <> n.listKey THEN n.id END) AS renamed
