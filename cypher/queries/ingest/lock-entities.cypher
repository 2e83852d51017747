// Takes the write lock of every stored entity a chunk touches (its sources, entities and the
// ends of its relations), in id order, before the chunk writes anything. Concurrent chunks that
// touch the same entities then queue in one order instead of locking them in the order each
// batch lists them and deadlocking (seen with 8 concurrent editors: Neo4j aborted transactions
// that the driver's retries did not always get through within NEO4J_MAX_RETRY_MS). Setting and
// removing a marker takes the lock and leaves the node as it was.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.lockedForWrite = true
REMOVE n.lockedForWrite
RETURN count(n) AS locked
