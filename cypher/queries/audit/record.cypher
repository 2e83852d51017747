// One entry of the audit log, written in the transaction of the write it records. The sort
// key (the database's time as ISO text, then the id) orders the log newest first from its index.
WITH datetime() AS now
CREATE (a:AuditEntry {
  id: $id, at: now, sortKey: toString(now) + '|' + $id,
  actor: $actor, action: $action, origin: $origin, key: $key,
  counts: $counts, ids: $ids, idCount: $idCount
})
RETURN a.id AS id
