// Run last in every write transaction (Executor.writeTransaction): a new random token says the
// graph changed, so every ETag given out before is stale, on every API replica. A random token,
// not a counter, so that a database restored from a backup cannot bring back an old number
// with other content. Taken last, the lock on this one node is held only while committing.
MERGE (v:GraphVersion {id: 'graph'})
SET v.token = randomUUID(), v.writes = coalesce(v.writes, 0) + 1, v.changedAt = datetime()
