// Every name and alias is claimed by exactly one entity (unique NameClaim.text). First every
// entity of the chunk releases the names it no longer carries, then the names are claimed, so
// an alias can move from one entity to another within a batch. Returns the names that another
// entity still holds: the validator checked them before the transaction, but a concurrent
// batch may have claimed one since (MERGE on the unique text waits for it), and the writer
// then rolls back.
CALL () {
  UNWIND $rows AS row
  MATCH (stale:NameClaim {entityId: row.id})
  WHERE NOT stale.text IN row.names
  DELETE stale
}
UNWIND $rows AS row
UNWIND row.names AS name
MERGE (c:NameClaim {text: name})
ON CREATE SET c.entityId = row.id
WITH row, name, c
WHERE c.entityId <> row.id
RETURN name, row.id AS entityId, c.entityId AS owner
