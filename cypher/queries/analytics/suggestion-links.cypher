// The structural links from one entity to entities it is not directly linked to, for partner
// suggestions (src/analytics/SCORING.md); scoring happens in src/analytics/suggestions.ts.
//   SHARED: entity -r1- shared -r2- candidate, both relations of $linkTypes.
//   ZONE:   both are members of one zone: a zone -[$zoneToMember]-> member or member -[$memberToZone]-> zone,
//           directly or through a park that is PART_OF the zone.
//   REGION: both are LOCATED_IN ($regionLinks) one region, directly or through a zone they are members of.
// Each link carries its path (nodes in order from the entity to the candidate, and relations);
// paths that visit a node twice are dropped.
// Returns no row when the entity does not exist.
MATCH (e:Entity {id: $id})
// Not suggested: the entity, what it is linked to, and what its own parts are linked to (its
// parts: what is PART_OF it or what it OPERATES, e.g. a zone's 管委会, parks, enclaves and
// platform company, whose partners are already the zone's).
CALL (e) {
  OPTIONAL MATCH (e)-[r]-(x:Entity)
  WHERE type(r) IN $linkTypes
  WITH e, collect(DISTINCT x) AS linked
  CALL (e) {
    OPTIONAL MATCH (e)<-[:PART_OF]-(part:Entity)
    RETURN part
    UNION
    OPTIONAL MATCH (e)-[:OPERATES]->(part:Entity)
    RETURN part
  }
  OPTIONAL MATCH (part)-[q]-(y:Entity)
  WHERE type(q) IN $linkTypes
  WITH e, linked, collect(DISTINCT y) AS linkedToParts
  RETURN linked + linkedToParts + [e] AS excluded
}
CALL (e, excluded) {
  CALL (e) {
    // A region is where both are, not a partner they share: that is SAME_REGION (1), not 3.
    MATCH (e)-[r1]-(s:Entity)-[r2]-(c:Entity)
    WHERE type(r1) IN $linkTypes AND type(r2) IN $linkTypes AND s.kind <> 'REGION'
    RETURN 'SHARED' AS via, s AS anchor, c, [e, s, c] AS ns, [r1, r2] AS rs
    UNION
    CALL (e) {
      MATCH (e)<-[r]-(z:Zone)
      WHERE type(r) IN $zoneToMember
      RETURN z, [e, z] AS ens, [r] AS ers
      UNION
      MATCH (e)-[r]->(z:Zone)
      WHERE type(r) IN $memberToZone
      RETURN z, [e, z] AS ens, [r] AS ers
      UNION
      MATCH (e)<-[r]-(p:Park)-[q:PART_OF]->(z:Zone)
      WHERE type(r) IN $zoneToMember
      RETURN z, [e, p, z] AS ens, [r, q] AS ers
      UNION
      MATCH (e)-[r]->(p:Park)-[q:PART_OF]->(z:Zone)
      WHERE type(r) IN $memberToZone
      RETURN z, [e, p, z] AS ens, [r, q] AS ers
    }
    CALL (z) {
      MATCH (c:Entity)<-[r]-(z)
      WHERE type(r) IN $zoneToMember
      RETURN c, [c, z] AS cns, [r] AS crs
      UNION
      MATCH (c:Entity)-[r]->(z)
      WHERE type(r) IN $memberToZone
      RETURN c, [c, z] AS cns, [r] AS crs
      UNION
      MATCH (c:Entity)<-[r]-(p:Park)-[q:PART_OF]->(z)
      WHERE type(r) IN $zoneToMember
      RETURN c, [c, p, z] AS cns, [r, q] AS crs
      UNION
      MATCH (c:Entity)-[r]->(p:Park)-[q:PART_OF]->(z)
      WHERE type(r) IN $memberToZone
      RETURN c, [c, p, z] AS cns, [r, q] AS crs
    }
    RETURN 'ZONE' AS via, z AS anchor, c, ens + tail(reverse(cns)) AS ns, ers + reverse(crs) AS rs
    UNION
    CALL (e) {
      MATCH (e)-[r]->(g:Region)
      WHERE type(r) IN $regionLinks
      RETURN g, [e, g] AS ens, [r] AS ers
      UNION
      MATCH (e)<-[r]-(z:Zone)-[q]->(g:Region)
      WHERE type(r) IN $zoneToMember AND type(q) IN $regionLinks
      RETURN g, [e, z, g] AS ens, [r, q] AS ers
      UNION
      MATCH (e)-[r]->(z:Zone)-[q]->(g:Region)
      WHERE type(r) IN $memberToZone AND type(q) IN $regionLinks
      RETURN g, [e, z, g] AS ens, [r, q] AS ers
    }
    CALL (g) {
      MATCH (c:Entity)-[r]->(g)
      WHERE type(r) IN $regionLinks
      RETURN c, [c, g] AS cns, [r] AS crs
      UNION
      MATCH (c:Entity)<-[r]-(z:Zone)-[q]->(g)
      WHERE type(r) IN $zoneToMember AND type(q) IN $regionLinks
      RETURN c, [c, z, g] AS cns, [r, q] AS crs
      UNION
      MATCH (c:Entity)-[r]->(z:Zone)-[q]->(g)
      WHERE type(r) IN $memberToZone AND type(q) IN $regionLinks
      RETURN c, [c, z, g] AS cns, [r, q] AS crs
    }
    RETURN 'REGION' AS via, g AS anchor, c, ens + tail(reverse(cns)) AS ns, ers + reverse(crs) AS rs
  }
  WITH via, anchor, c, ns, rs
  WHERE NOT c IN excluded
    AND all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
    AND (($kinds IS NULL AND NOT c.kind IN $defaultExcludedKinds) OR c.kind IN $kinds)
  WITH via, anchor, c, ns, rs
  ORDER BY c.id, via, anchor.id, size(rs), [r IN rs | r.id]
  RETURN
    collect({
      via: via,
      anchorId: anchor.id,
      candidateId: c.id,
      nodeIds: [n IN ns | n.id],
      relations: [r IN rs | {id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)}]
    }) AS links,
    collect(ns) AS nodeLists
}
CALL (e, nodeLists) {
  UNWIND [[e]] + nodeLists AS ns
  UNWIND ns AS n
  WITH DISTINCT n
  ORDER BY n.id
  RETURN collect({
    entity: n {.*},
    financed: EXISTS { MATCH (n)-[f]->(:Entity) WHERE type(f) IN $financingLinks }
  }) AS entities
}
RETURN links, entities
