// The first $cap + 1 distinct neighbours by name of the kinds `drawKinds` of a hub `y` (an entity
// with more than $drawScanDegree followed relations), as `end` ids, without reading the rest of
// its relations. For each followed type and side that `y` has, and each kind, the relation page
// index (migration 0007) holds the relations in the order of their other end's page key: its
// kind, then its listKey (sort name, then id). Each list is read in that order and cut at $cap + 1
// distinct ends. The first $cap + 1 neighbours by name of the kinds are among the first $cap + 1
// of each list they are in, so ordering the union and keeping $cap + 1 draws what a full read of
// the hub's relations would. (One more than $cap, as the entity asked about may be among them.)
CALL (y, drawKinds) {
//@each followedType joined by UNION
  WITH y, drawKinds
  WHERE COUNT { (y)-[:{{followedType}}]->() } > 0
  UNWIND drawKinds AS kind
  CALL (y, kind) {
    MATCH ()-[r:{{followedType}}]->()
    WHERE r.fromId = y.id AND r.toKey STARTS WITH kind + '\u0001'
    WITH r ORDER BY r.fromId, r.toKey
    WITH DISTINCT r.toId AS end
    LIMIT toInteger($cap) + 1
    RETURN end
  }
  RETURN end
  UNION
  WITH y, drawKinds
  WHERE COUNT { (y)<-[:{{followedType}}]-() } > 0
  UNWIND drawKinds AS kind
  CALL (y, kind) {
    MATCH ()-[r:{{followedType}}]->()
    WHERE r.toId = y.id AND r.fromKey STARTS WITH kind + '\u0001'
    WITH r ORDER BY r.toId, r.fromKey
    WITH DISTINCT r.fromId AS end
    LIMIT toInteger($cap) + 1
    RETURN end
  }
  RETURN end
//@end
}
