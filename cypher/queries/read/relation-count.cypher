// How many relations of several types each entity in $ids has (as read/relation-page reads them).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COUNT {
  MATCH (n)-[r]-(:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR type(r) IN $symmetric
         OR ($direction = 'OUT' AND startNode(r) = n)
         OR ($direction = 'IN' AND endNode(r) = n))
} AS totalCount
