// What lies in the region $region: located in it or in a region inside it (LOCATED_IN or
// PART_OF, up to six steps), and the members ($memberTypes) of the zones and parks there.
MATCH (g:Entity {id: $region})
WHERE g.kind = 'REGION'
CALL (g) {
  MATCH (g)<-[:LOCATED_IN|PART_OF]-{1,6}(n:Entity)
  WHERE n.kind = $kind
  RETURN n
  UNION
  MATCH (g)<-[:LOCATED_IN|PART_OF]-{1,6}(h:Entity)-[r]-(n:Entity)
  WHERE n.kind = $kind AND h.kind IN ['ZONE', 'PARK'] AND type(r) IN $memberTypes
    AND ((startNode(r) = h AND type(r) <> 'LOCATED_IN') OR (endNode(r) = h AND type(r) = 'LOCATED_IN'))
  RETURN n
}
WITH DISTINCT n
WHERE true
