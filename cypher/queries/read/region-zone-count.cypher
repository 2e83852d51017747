// How many zones lie in each region of $ids (as read/region-zone-page lists them).
UNWIND $ids AS id
MATCH (g:Entity {id: id})
WHERE g.kind = 'REGION'
CALL (g) {
  MATCH (g)<-[:PART_OF]-{0,6}(sub:Region)<-[:LOCATED_IN|PART_OF]-(z:Zone)
  RETURN count(DISTINCT z) AS count
}
RETURN id, count AS totalCount
