// Entries of an exported audit log, restored as history (found by id: restoring twice changes
// nothing). They are not writes of the restore itself, which gets its own entries. Returns how
// many were new.
UNWIND $rows AS row
MERGE (a:AuditEntry {id: row.id})
ON CREATE SET a.at = datetime(row.at), a.sortKey = row.at + '|' + row.id, a.actor = row.actor,
              a.action = row.action, a.origin = row.origin, a.key = row.key, a.counts = row.counts,
              a.ids = row.ids, a.idCount = row.idCount, a.restoring = true
WITH a, a.restoring IS NOT NULL AS created
REMOVE a.restoring
RETURN count(CASE WHEN created THEN 1 END) AS restored
