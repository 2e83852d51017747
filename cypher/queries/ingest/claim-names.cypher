// Every name and alias is claimed by exactly one entity (unique NameClaim.text); names an
// entity no longer carries are released.
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
RETURN count(c) AS claimed
