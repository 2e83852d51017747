// How many zones lie in each region of $ids (as read/region-zone-page lists them: located in it
// or in a region inside it), by approval level and subtype. Proportional to the region's zones.
UNWIND $ids AS id
MATCH (g:Entity {id: id})
WHERE g.kind = 'REGION'
CALL (g) {
  MATCH (g)<-[:PART_OF]-{0,6}(sub:Region)<-[:LOCATED_IN|PART_OF]-(z:Zone)
  WITH DISTINCT z
  RETURN z.approvalLevel AS level, z.subtype AS subtype, count(z) AS count
}
WITH id, level, subtype, count
ORDER BY id, level, subtype
RETURN id, collect({level: level, subtype: subtype, count: count}) AS counts
