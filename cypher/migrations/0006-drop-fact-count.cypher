// Entity.factCount was a derived copy that nothing read and that merges left stale (a kept
// entity gains the merged one's facts); it is no longer written. Remove it from older graphs,
// so they export and restore to the same properties.
MATCH (n:Entity) WHERE n.factCount IS NOT NULL REMOVE n.factCount;
