// The zones an entity belongs to: the reverse of zone-members.
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  MATCH (x)-[r]-(z:Zone)
  WHERE type(r) IN $types
    AND ((endNode(r) = x AND type(r) <> 'LOCATED_IN') OR (startNode(r) = x AND type(r) = 'LOCATED_IN'))
  RETURN z
  UNION
  MATCH (x)-[r]-(park:Park)-[pl:PART_OF|OPERATES]-(z:Zone)
  WHERE (startNode(pl) = park) = (type(pl) = 'PART_OF')
    AND type(r) IN $types
    AND ((endNode(r) = x AND type(r) <> 'LOCATED_IN') OR (startNode(r) = x AND type(r) = 'LOCATED_IN'))
  RETURN z
}
WITH id, z
ORDER BY id, z.sortName, z.id
RETURN id, collect(z {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null}) AS zones
