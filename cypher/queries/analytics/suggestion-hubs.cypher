// Which entities partner suggestions for E must draw from the relation page indexes rather than
// read whole (src/analytics/SCORING.md): those with more than $scan relations of the followed
// types, with their relation counts per type and side (from the degree store), so that the code
// runs analytics/hub-draw for the types they have. No row when E does not exist.
//
// E first: when E is such a hub and $draws.entity is null, `drawEntity` is true and `hubs` holds E
// alone; the code draws E's shared-entity anchors and asks again with them in $draws.entity. Otherwise
// `hubs` are the hubs among E's anchors (analytics/suggestion-links reads the same anchors) and
// the parks of E's zones. A region's small zones are never hubs: their relations add up to at
// most ten caps, SUGGESTION_SCAN_DEGREE.
MATCH (e:Entity {id: $id})
WITH e, $draws.entity IS NULL AND COUNT { (e)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-() } > $scan AS drawEntity
CALL (e, drawEntity) {
  CALL (e, drawEntity) {
    WITH e
    WHERE drawEntity
    RETURN e AS y
    UNION
    WITH e
    WHERE NOT drawEntity
//@include suggestion-anchors
    WITH
      sharedAnchors,
      [x IN memberOf WHERE x.kind = 'ZONE' | x.s] + [x IN parkZones | x.anchor] AS zones,
      [x IN directRegions + zoneRegions | x.anchor] AS regions
    UNWIND sharedAnchors + zones + regions AS a
    WITH DISTINCT a, a IN zones AS isZone
    CALL (a, isZone) {
      WITH a
      WHERE isZone
      MATCH (a)<-[:PART_OF]-(p:Park)
      RETURN collect(p) AS parks
    }
    UNWIND [a] + parks AS y
    RETURN y
  }
  WITH DISTINCT y
  WHERE COUNT { (y)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-() } > $scan
  RETURN collect({
    id: y.id,
    degrees: [
//@each followedType joined by ,
      {type: '{{followedType}}', out: COUNT { (y)-[:{{followedType}}]->() }, in: COUNT { (y)<-[:{{followedType}}]-() }}
//@end
    ]
  }) AS hubs
}
RETURN drawEntity, hubs
