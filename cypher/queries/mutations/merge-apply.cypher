// Moves facts and name claims to the kept entity, records the merge, and removes the other node.
// Relations are re-created beforehand by ingest/merge-relations with ids computed for the kept end.
MATCH (keep:Entity {id: $keep})
MATCH (gone:Entity {id: $merge})
CALL (keep, gone) {
  MATCH (gone)-[h:HAS_FACT]->(f:Fact)
  MERGE (keep)-[:HAS_FACT]->(f)
  SET f.entityId = keep.id
  DELETE h
}
CALL (keep, gone) {
  MATCH (c:NameClaim {entityId: gone.id})
  SET c.entityId = keep.id
}
SET keep.aliases = $aliases, keep.abbreviations = $abbreviations, keep.traditionalNames = $traditionalNames, keep.pinyinNames = $pinyinNames,
    keep.initials = $initials, keep.searchKeys = $searchKeys, keep.mergedIds = coalesce(keep.mergedIds, []) + [gone.id], keep.updatedAt = datetime()
CREATE (:MergeRecord {keep: keep.id, merged: gone.id, reason: $reason, by: $by, at: datetime(), mergedProps: $goneProps})
DETACH DELETE gone
RETURN keep.id AS id
