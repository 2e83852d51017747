// The members of the zone $zone (src/domain/membership.ts: $memberTypes; LOCATED_IN points
// from the member to the zone or park, the other types from the zone or park to the member),
// its own and its parks' (PART_OF it or OPERATED by it, as Zone.parks); for a kind without
// membership ($anyLink), whatever has a relation with the zone or one of its parks. A region
// given too ($region) keeps the members located in it.
MATCH (z:Entity {id: $zone})
WHERE z.kind = 'ZONE'
CALL (z) {
  MATCH (z)-[r]-(n:Entity)
  WHERE n.kind = $kind AND type(r) <> 'MENTIONED_IN'
    AND ($anyLink OR (type(r) IN $memberTypes
         AND ((startNode(r) = z AND type(r) <> 'LOCATED_IN') OR (endNode(r) = z AND type(r) = 'LOCATED_IN'))))
  RETURN n
  UNION
  MATCH (z)-[pl:PART_OF|OPERATES]-(park:Park)-[r]-(n:Entity)
  WHERE n.kind = $kind AND n <> z AND (startNode(pl) = park) = (type(pl) = 'PART_OF') AND type(r) <> 'MENTIONED_IN'
    AND ($anyLink OR (type(r) IN $memberTypes
         AND ((startNode(r) = park AND type(r) <> 'LOCATED_IN') OR (endNode(r) = park AND type(r) = 'LOCATED_IN'))))
  RETURN n
}
WITH DISTINCT n
WHERE ($region IS NULL
       OR EXISTS { MATCH (n)-[:LOCATED_IN|PART_OF]->{1,6}(:Region {id: $region}) }
       OR EXISTS {
         MATCH (n)-[r]-(h:Entity)-[:LOCATED_IN|PART_OF]->{1,6}(:Region {id: $region})
         WHERE h.kind IN ['ZONE', 'PARK'] AND type(r) IN $memberTypes
           AND ((startNode(r) = h AND type(r) <> 'LOCATED_IN') OR (endNode(r) = h AND type(r) = 'LOCATED_IN'))
       })
