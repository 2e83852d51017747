// The draw of hubs for partner suggestions (src/analytics/SCORING.md): for each entity in $ids,
// the distinct entities of each kind in $kinds linked to it by {{type}} relations, the first
// $cap + 1 of each kind and side by name, without reading the rest of its relations. Every
// relation stores a page key for each end (its kind, list key and the relation id: migration
// 0007), indexed per type with the id of the end it is read from, so each kind and side is one
// index seek that stops after $cap + 1 distinct ends. Run once for each type the hubs have
// (analytics/suggestion-hubs counts them), so that each plan stays small.
UNWIND $ids AS id
UNWIND $kinds AS kind
CALL (id, kind) {
  MATCH ()-[r:{{type}}]->()
  WHERE r.fromId = id AND r.toKey STARTS WITH kind + '\u0001'
  WITH r
  ORDER BY r.fromId, r.toKey
  WITH DISTINCT r.toId AS end
  LIMIT toInteger($cap) + 1
  RETURN end
  UNION
  MATCH ()-[r:{{type}}]->()
  WHERE r.toId = id AND r.fromKey STARTS WITH kind + '\u0001'
  WITH r
  ORDER BY r.toId, r.fromKey
  WITH DISTINCT r.fromId AS end
  LIMIT toInteger($cap) + 1
  RETURN end
}
RETURN id, collect(DISTINCT end) AS ends
