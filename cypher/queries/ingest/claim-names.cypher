// Every name and alias is claimed by exactly one entity (unique NameClaim.text); names an
// entity no longer carries are released. Returns the names that another entity already holds:
// the validator checked them before the transaction, but a concurrent batch may have claimed
// one since (MERGE on the unique text waits for it), and the writer then rolls back.
UNWIND $rows AS row
CALL (row) {
  MATCH (stale:NameClaim {entityId: row.id})
  WHERE NOT stale.text IN row.names
  DELETE stale
}
WITH row
UNWIND row.names AS name
MERGE (c:NameClaim {text: name})
ON CREATE SET c.entityId = row.id
WITH row, name, c
WHERE c.entityId <> row.id
RETURN name, row.id AS entityId, c.entityId AS owner
