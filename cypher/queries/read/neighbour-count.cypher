// How many distinct entities of the kinds $kinds (all when null) each entity in $ids is linked
// to by relations of $types on the sides $out and $in name (maps of type to true): read only
// when a client asks for totalCount, and proportional to the entity's links of those types.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COUNT {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) IN $types AND ($kinds IS NULL OR m.kind IN $kinds)
    AND ((startNode(r) = n AND $out[type(r)] = true) OR (endNode(r) = n AND $in[type(r)] = true))
  RETURN DISTINCT m
} AS totalCount
