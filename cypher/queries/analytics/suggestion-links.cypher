// Partner suggestions for one entity E, ranked in the database (src/analytics/SCORING.md says the
// rules; src/analytics/suggestions.ts picks each reason's path and writes the reasons). Returns
// one row: E and its first $first suggestions in rank order, each with its score, the industry
// codes and complementary rules it matches, and one link per shared anchor with the anchor's
// degree, its weight and the ways from E (entitySides) and from the candidate (candidateSides) to
// it. No row when E does not exist. E and the entities on the ways are the lists of the values of
// $entityProps when it is a list (light records, as the request's selection and the reasons' text
// need), else whole; a relation's stored properties are the values of $relProps.
//
// The cost follows the caps, not the graph. E's shared-entity anchors are its first $cap
// neighbours by name; from each anchor (a shared entity, a zone E belongs to, a region E lies in)
// at most $cap candidates of the kinds $kinds are drawn, by name. An anchor's relations are read
// once to order them; nothing past the cap is expanded. A hub (more than SUGGESTION_SCAN_DEGREE
// relations, src/analytics/suggestions.ts) is not read at all: analytics/suggestion-hubs names the
// hubs, analytics/hub-draw draws them from the relation page indexes, and the code passes the
// draws in $draws: entity (E's, or null) and hubs (anchor id -> ids). Each drawn candidate is then checked
// against every anchor whose draw was cut and against E's regions, so its score counts every
// anchor it shares with E. Degrees come from the degree store (COUNT over a typed pattern).
//
// Relation types are literal so that the planner counts and expands by type (a unit test keeps
// them in step with src/analytics/link-types.ts):
//   followed (all but MENTIONED_IN and AUTHORED): LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES
//   membership: a zone or park y -[HOSTS|DEVELOPS|OPERATES|SUPPORTS]-> x, or x -[LOCATED_IN|PART_OF]-> y
//   in a region: LOCATED_IN; financing: FINANCED_BY
MATCH (e:Entity {id: $id})
CALL (e) {
//@include suggestion-anchors
  // What contains E through two steps whose middle is not a region: never a partner.
  CALL (inside) {
    CALL (inside) {
      UNWIND inside AS s
      MATCH (s)-[:LOCATED_IN|PART_OF]->(c)
      RETURN c
      UNION
      UNWIND inside AS s
      MATCH (s)<-[:HOSTS|DEVELOPS|OPERATES|SUPPORTS]-(c:Zone|Park)
      RETURN c
    }
    RETURN collect(c) AS containers
  }
  WITH
    e,
    parts,
    sharedAnchors,
    containers,
    [x IN memberOf WHERE x.kind = 'ZONE' | {anchor: x.s, nodes: [e, x.s], rels: [x.r]}] + parkZones AS zoneSides,
    directRegions + zoneRegions AS regionSides
  WITH e, parts, sharedAnchors, zoneSides, regionSides, containers, [x IN zoneSides | x.anchor] AS zones, [x IN regionSides | x.anchor] AS regions
  // One entry per anchor: what it is to E, its degree and its draw. The draw reads the anchor's
  // neighbours (for one of E's zones, its parks' too; for one of E's regions, those of its zones
  // while their relations add up to at most ten caps) and keeps the first $cap by name.
  CALL (e, sharedAnchors, zoneSides, zones, regionSides, regions) {
    UNWIND sharedAnchors + zones + regions AS a
    WITH DISTINCT a
    WITH a, a IN sharedAnchors AS isShared, a IN zones AS isZone, a IN regions AS isRegion
    CALL (a, isZone) {
      WITH a
      WHERE isZone
      MATCH (a)<-[:PART_OF]-(p:Park)
      RETURN collect(p) AS parks
    }
    CALL (a, isRegion) {
      WITH a
      WHERE isRegion
      MATCH (a)<-[:LOCATED_IN]-(z:Zone)
      WITH z, COUNT { (z)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-() } AS degree
      ORDER BY z.sortName, z.id
      WITH collect({zone: z, degree: degree}) AS zs
      RETURN [k IN range(0, size(zs) - 1) WHERE reduce(t = 0, y IN zs[..k + 1] | t + y.degree) <= 10 * $cap | zs[k].zone] AS smallZones
    }
    CALL (e, a, parks, smallZones) {
      UNWIND [a] + parks + smallZones AS y
      CALL (y) {
        // Every neighbour, ordered below; a hub (a bank with 50,000 clients) is never read whole:
        // the code passes its draw in $draws.hubs (its first $cap + 1 neighbours of the kinds
        // $kinds by name, from the relation page indexes: analytics/hub-draw).
        WITH y
        WHERE $draws.hubs[y.id] IS NULL
        MATCH (y)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-(c)
        RETURN c
        UNION
        UNWIND coalesce($draws.hubs[y.id], []) AS end
        MATCH (c:Entity {id: end})
        RETURN c
      }
      WITH DISTINCT c
      WHERE c <> e AND c.kind IN $kinds
      WITH c
      ORDER BY c.sortName, c.id
      LIMIT toInteger($cap)
      RETURN collect(c) AS drawn
    }
    RETURN
      collect({
        anchor: a,
        shared: isShared,
        zone: isZone,
        region: isRegion,
        degree: COUNT { (a)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-() },
        complete: size(drawn) < $cap,
        drawn: drawn,
        parks: parks,
        sharedSides: [(e)-[r:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-(a) | {nodes: [e, a], rels: [r]}],
        zoneSides: [x IN zoneSides WHERE x.anchor = a],
        regionSides: [x IN regionSides WHERE x.anchor = a]
      }) AS anchors
  }
  // One row per drawn candidate, with the anchors that drew it. Rows carry the anchors without
  // their draws, so that what each row holds stays small.
  WITH e, parts, containers, anchors, [x IN anchors | x {.*, drawn: null}] AS info
  CALL (anchors) {
    UNWIND range(0, size(anchors) - 1) AS i
    UNWIND anchors[i].drawn AS c
    RETURN c, collect(i) AS drawnVia
  }
  // Not suggested: what E is linked to, what its parts are linked to, and what contains it or
  // lies inside it through two steps (the middle not a region).
  WITH e, c, drawnVia, info AS anchors, parts, containers
  WHERE
    NOT c IN containers
    AND NOT EXISTS { (c)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-(e) }
    AND none(p IN parts WHERE EXISTS { (c)-[:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-(p) })
    AND none(s IN [(c)-[:LOCATED_IN|PART_OF]->(s) WHERE s.kind <> 'REGION' | s] + [(c)<-[:HOSTS|DEVELOPS|OPERATES|SUPPORTS]-(s:Zone|Park) | s] WHERE
      EXISTS { (s)-[:LOCATED_IN|PART_OF]->(e) } OR (e.kind IN ['ZONE', 'PARK'] AND EXISTS { (e)-[:HOSTS|DEVELOPS|OPERATES|SUPPORTS]->(s) }))
  // How the candidate reaches each anchor it may share with E: those it was drawn by, those whose
  // draw was cut, and E's regions. Every pattern has both ends bound, or starts at the candidate.
  WITH
    e,
    c,
    [(c)<-[:HOSTS|DEVELOPS|OPERATES|SUPPORTS]-(z:Zone) | z] + [(c)-[:LOCATED_IN|PART_OF]->(z:Zone) | z] AS candidateZones,
    [i IN drawnVia | anchors[i]] + [i IN range(0, size(anchors) - 1) WHERE (NOT anchors[i].complete OR anchors[i].region) AND NOT i IN drawnVia | anchors[i]] AS checked
  WITH
    e,
    c,
    COLLECT {
      UNWIND checked AS x
      WITH x, x.anchor AS a
      RETURN {
        x: x,
        shared: CASE WHEN x.shared THEN [(c)-[r:LOCATED_IN|PART_OF|FINANCED_BY|PARTNERED_WITH|HOSTS|DEVELOPS|OPERATES|SUBSIDIZED_UNDER|ISSUED|COURTS|INVESTS_IN|SUPPORTS|APPLIED_FOR|AWARDED|ADVISES]-(a) | {nodes: [c, a], rels: [r]}] ELSE [] END,
        zone: CASE WHEN x.zone THEN
            [(c)<-[r:HOSTS|DEVELOPS|OPERATES|SUPPORTS]-(a) | {nodes: [c, a], rels: [r]}]
            + [(c)-[r:LOCATED_IN|PART_OF]->(a) | {nodes: [c, a], rels: [r]}]
            + reduce(sides = [], p IN x.parks | sides
              + [(c)<-[r:HOSTS|DEVELOPS|OPERATES|SUPPORTS]-(p)-[q:PART_OF]->(a) | {nodes: [c, p, a], rels: [r, q]}]
              + [(c)-[r:LOCATED_IN|PART_OF]->(p)-[q:PART_OF]->(a) | {nodes: [c, p, a], rels: [r, q]}])
          ELSE [] END,
        region: CASE WHEN x.region THEN
            [(c)-[r:LOCATED_IN]->(a) | {nodes: [c, a], rels: [r]}]
            + reduce(sides = [], z IN candidateZones | sides
              + [(c)<-[r:HOSTS|DEVELOPS|OPERATES|SUPPORTS]-(z)-[q:LOCATED_IN]->(a) | {nodes: [c, z, a], rels: [r, q]}]
              + [(c)-[r:LOCATED_IN|PART_OF]->(z)-[q:LOCATED_IN]->(a) | {nodes: [c, z, a], rels: [r, q]}])
          ELSE [] END
      }
    } AS reached
  // A way through a zone is valid unless E's and the candidate's sides pass through one park.
  WITH
    e,
    c,
    [y IN reached WHERE size(y.shared) > 0 | y] AS viaShared,
    [y IN reached WHERE any(cs IN y.zone WHERE any(es IN y.x.zoneSides WHERE size(cs.rels) = 1 OR size(es.rels) = 1 OR es.nodes[1] <> cs.nodes[1])) | y] AS zoneHits,
    [y IN reached WHERE size(y.region) > 0 | y] AS viaRegion
  // A shared zone is SAME_ZONE, not SHARED_PARTNER; regions count only without a shared zone.
  WITH
    e,
    c,
    zoneHits,
    CASE WHEN size(zoneHits) = 0 THEN viaRegion ELSE [] END AS regionHits,
    [y IN viaShared WHERE NOT any(z IN zoneHits WHERE z.x.anchor = y.x.anchor) | y] AS sharedHits,
    reduce(codes = [], code IN [code IN coalesce(e.industries, []) WHERE code IN coalesce(c.industries, [])] | CASE WHEN code IN codes THEN codes ELSE codes + code END) AS industries
  WHERE size(zoneHits) + size(regionHits) + size(sharedHits) > 0
  // Each shared anchor weighs its base weight / log2(degree), in hundredths.
  WITH
    c,
    industries,
    [y IN sharedHits | {via: 'SHARED', x: y.x, weight: toInteger(round($weights.SHARED_PARTNER * log(2) / log(CASE WHEN y.x.degree < 2 THEN 2 ELSE y.x.degree END))), entitySides: y.x.sharedSides, candidateSides: y.shared}]
    + [y IN zoneHits | {via: 'ZONE', x: y.x, weight: toInteger(round($weights.SAME_ZONE * log(2) / log(CASE WHEN y.x.degree < 2 THEN 2 ELSE y.x.degree END))), entitySides: y.x.zoneSides, candidateSides: y.zone}]
    + [y IN regionHits | {via: 'REGION', x: y.x, weight: toInteger(round($weights.SAME_REGION * log(2) / log(CASE WHEN y.x.degree < 2 THEN 2 ELSE y.x.degree END))), entitySides: y.x.regionSides, candidateSides: y.region}] AS links,
    [role IN $roles WHERE
      e.kind IN role.entityKinds
      AND c.kind IN role.candidateKinds
      AND CASE role.condition
        WHEN 'SHARED_INDUSTRY' THEN size(industries) > 0
        WHEN 'ENTITY_UNFINANCED' THEN NOT EXISTS { (e)-[:FINANCED_BY]->() }
        WHEN 'CANDIDATE_UNFINANCED' THEN NOT EXISTS { (c)-[:FINANCED_BY]->() }
        ELSE false
      END | role.name] AS roles
  WITH c, industries, roles, links, reduce(u = 0, link IN links | u + link.weight) + size(industries) * $weights.SAME_INDUSTRY + size(roles) * $weights.COMPLEMENTARY_ROLE AS score
  ORDER BY score DESC, coalesce(c.sortName, c.name), c.id
  LIMIT toInteger($first)
  WITH collect({candidate: c, score: score, industries: industries, roles: roles, links: links}) AS ranked
  // Every entity on a side, once.
  CALL (ranked) {
    UNWIND ranked AS row
    UNWIND row.links AS link
    UNWIND link.entitySides + link.candidateSides AS side
    UNWIND side.nodes AS n
    WITH DISTINCT n
    RETURN collect(CASE WHEN $entityProps IS NULL THEN n {.*} ELSE [k IN $entityProps | n[k]] END) AS entities
  }
  RETURN
    entities,
    [row IN ranked | {
      candidateId: row.candidate.id,
      score: row.score,
      industries: row.industries,
      roles: row.roles,
      links: [link IN row.links | {
        via: link.via,
        anchorId: link.x.anchor.id,
        degree: link.x.degree,
        weight: link.weight,
        entitySides: [side IN link.entitySides | {nodeIds: [n IN side.nodes | n.id], rels: [r IN side.rels | {id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, values: [k IN $relProps | r[k]]}]}],
        candidateSides: [side IN link.candidateSides | {nodeIds: [n IN side.nodes | n.id], rels: [r IN side.rels | {id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, values: [k IN $relProps | r[k]]}]}]
      }]
    }] AS suggestions
}
RETURN CASE WHEN $entityProps IS NULL THEN e {.*} ELSE [k IN $entityProps | e[k]] END AS entity, entities, suggestions
