// E's anchors for partner suggestions (src/analytics/SCORING.md), shared by
// analytics/suggestion-hubs and analytics/suggestion-links. From `e`, it adds sharedAnchors,
// memberOf, parts, inside, directRegions, parkZones and zoneRegions.
CALL (e) {
  // Shared-entity anchors: E's neighbours that are not regions, the first $cap by name. A hub E is
  // never read whole: the code passes its draw as $draws.entity (its first $cap + 1 neighbours of
  // those kinds by name, from the relation page indexes: analytics/hub-draw); otherwise null.
  // (The draws come in one map: Neo4j plans again for each new set of parameter types, and a list
  // of ids, an empty list and null are three, where a map is one.)
  CALL (e) {
    CALL (e) {
      WITH e
      WHERE $draws.entity IS NULL
      MATCH (e)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-(s)
      RETURN s
      UNION
      UNWIND coalesce($draws.entity, []) AS end
      MATCH (s:Entity {id: end})
      RETURN s
    }
    WITH DISTINCT s
    WHERE s.kind <> 'REGION'
    WITH s
    ORDER BY s.sortName, s.id
    LIMIT toInteger($cap)
    RETURN collect(s) AS sharedAnchors
  }
  // E's membership and containment relations, read by type and direction (a hub has few).
  WITH
    e,
    sharedAnchors,
    [(e)-[r:LOCATED_IN|PART_OF]->(s) | {r: r, s: s, out: true, type: type(r), kind: s.kind}]
    + [(e)-[r:OPERATES]->(s) | {r: r, s: s, out: true, type: type(r), kind: s.kind}]
    + [(e)<-[r:HOSTS|DEVELOPS|OPERATES|SUPPORTS]-(s) | {r: r, s: s, out: false, type: type(r), kind: s.kind}]
    + [(e)<-[r:PART_OF]-(s) | {r: r, s: s, out: false, type: type(r), kind: s.kind}] AS near
  RETURN
    sharedAnchors,
    // The zones and parks E is a member of (hosted, developed, operated or supported by it, or
    // located in or part of it).
    [x IN near WHERE x.kind IN ['ZONE', 'PARK'] AND ((NOT x.out AND x.type IN ['HOSTS', 'DEVELOPS', 'OPERATES', 'SUPPORTS']) OR (x.out AND x.type IN ['LOCATED_IN', 'PART_OF'])) | x {.r, .s, .kind}] AS memberOf,
    // E's own parts (what is PART_OF it or what it OPERATES): their partners are already E's.
    [x IN near WHERE (NOT x.out AND x.type = 'PART_OF') OR (x.out AND x.type = 'OPERATES') | x.s] AS parts,
    // What E lies inside in one step, regions left out.
    [x IN near WHERE x.kind <> 'REGION' AND ((x.out AND x.type IN ['LOCATED_IN', 'PART_OF']) OR (NOT x.out AND x.kind IN ['ZONE', 'PARK'] AND x.type IN ['HOSTS', 'DEVELOPS', 'OPERATES', 'SUPPORTS'])) | x.s] AS inside,
    [x IN near WHERE x.kind = 'REGION' AND x.out AND x.type = 'LOCATED_IN' | {anchor: x.s, nodes: [e, x.s], rels: [x.r]}] AS directRegions
}
// Zones E belongs to through a park of the zone: nodes and relations from E.
CALL (e, memberOf) {
  UNWIND [x IN memberOf WHERE x.kind = 'PARK'] AS x
  WITH x, x.s AS p
  MATCH (p)-[q:PART_OF]->(z:Zone)
  RETURN collect({anchor: z, nodes: [e, p, z], rels: [x.r, q]}) AS parkZones
}
// Regions E lies in through a zone it belongs to directly.
CALL (e, memberOf) {
  UNWIND [x IN memberOf WHERE x.kind = 'ZONE'] AS x
  WITH x, x.s AS z
  MATCH (z)-[q:LOCATED_IN]->(g:Region)
  RETURN collect({anchor: g, nodes: [e, z, g], rels: [x.r, q]}) AS zoneRegions
}
