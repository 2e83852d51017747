// What belongs to a zone: entities it hosts, develops, operates or supports, entities located
// in it, and the same for its parks (those PART_OF it and those it OPERATES, as Zone.parks).
UNWIND $ids AS id
MATCH (z:Entity {id: id})
CALL (z) {
  MATCH (z)-[r]-(m:Entity)
  WHERE m.kind IN $kinds AND type(r) IN $types
    AND ((startNode(r) = z AND type(r) <> 'LOCATED_IN') OR (endNode(r) = z AND type(r) = 'LOCATED_IN'))
  RETURN m
  UNION
  MATCH (z)-[pl:PART_OF|OPERATES]-(park:Park)-[r]-(m:Entity)
  WHERE (startNode(pl) = park) = (type(pl) = 'PART_OF')
    AND m.kind IN $kinds AND type(r) IN $types
    AND ((startNode(r) = park AND type(r) <> 'LOCATED_IN') OR (endNode(r) = park AND type(r) = 'LOCATED_IN'))
  RETURN m
}
WITH id, m
ORDER BY id, m.sortName, m.id
RETURN id, collect(m {.*}) AS members
