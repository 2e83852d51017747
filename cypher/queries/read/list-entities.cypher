// One page of entities of one kind with typed filters. The sort order is chosen with CASE from
// the EntityOrder enum value passed as $orderBy, so no identifier is ever built from input.
MATCH (n:Entity)
WHERE n.kind = $kind
  AND ($nameContains IS NULL
       OR toLower(n.name) CONTAINS toLower($nameContains)
       OR any(alias IN n.aliases WHERE toLower(alias) CONTAINS toLower($nameContains))
       OR toLower(coalesce(n.englishName, '')) CONTAINS toLower($nameContains))
  AND ($industry IS NULL OR $industry IN n.industries)
  AND ($flag IS NULL OR $flag IN n.qualityFlags
       OR EXISTS { MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE $flag IN f.qualityFlags }
       OR EXISTS { MATCH (n)-[r]-(:Entity) WHERE $flag IN r.qualityFlags })
  AND ($status IS NULL OR EXISTS { MATCH (n)-[r]-(:Entity) WHERE r.status = $status })
  // Membership ($memberTypes, from src/domain/membership.ts): LOCATED_IN points from the member
  // to the zone or park, the other types from the zone or park to the member. A region holds
  // what is located in it or its parts, and the members of zones and parks located there.
  AND ($region IS NULL
       OR EXISTS { MATCH (n)-[:LOCATED_IN|PART_OF]->{1,6}(:Region {id: $region}) }
       OR EXISTS {
         MATCH (n)-[r]-(h:Entity)-[:LOCATED_IN|PART_OF]->{1,6}(:Region {id: $region})
         WHERE h.kind IN ['ZONE', 'PARK'] AND type(r) IN $memberTypes
           AND ((startNode(r) = h AND type(r) <> 'LOCATED_IN') OR (endNode(r) = h AND type(r) = 'LOCATED_IN'))
       })
  // A zone holds its members, directly or through its parks (PART_OF it or OPERATED by it, as
  // Zone.parks); for a kind without membership ($anyLink), whatever has a relation with the
  // zone or one of its parks.
  AND ($zone IS NULL
       OR n.id <> $zone AND EXISTS {
         MATCH (n)-[r]-(h:Entity)
         WHERE (h.id = $zone
                OR (h.kind = 'PARK' AND (EXISTS { (h)-[:PART_OF]->(:Zone {id: $zone}) }
                                         OR EXISTS { (h)<-[:OPERATES]-(:Zone {id: $zone}) })))
           AND type(r) <> 'MENTIONED_IN'
           AND ($anyLink
                OR (type(r) IN $memberTypes
                    AND ((startNode(r) = h AND type(r) <> 'LOCATED_IN') OR (endNode(r) = h AND type(r) = 'LOCATED_IN'))))
       })
// The relation count is only a sort key: it is counted only when it is the order (counting it
// for every match made a page of 40,000 enterprises a third slower).
CALL (n) {
  WITH n WHERE $orderBy = 'RELATION_COUNT_DESC'
  OPTIONAL MATCH (n)-[r]-(:Entity)
  WHERE type(r) <> 'MENTIONED_IN'
  RETURN count(r) AS relationCount
}
CALL (n) {
  WITH n WHERE n.kind = 'ZONE'
  // The zone's projects, as Zone.projects lists them ($projectLinks).
  CALL (n) {
    MATCH (n)-[r]-(p:Project)
    WHERE type(r) IN $projectLinks
      AND ((startNode(r) = n AND type(r) <> 'LOCATED_IN') OR (endNode(r) = n AND type(r) = 'LOCATED_IN'))
    RETURN p
    UNION
    MATCH (n)-[pl:PART_OF|OPERATES]-(park:Park)-[r]-(p:Project)
    WHERE (startNode(pl) = park) = (type(pl) = 'PART_OF') AND type(r) IN $projectLinks
      AND ((startNode(r) = park AND type(r) <> 'LOCATED_IN') OR (endNode(r) = park AND type(r) = 'LOCATED_IN'))
    RETURN p
  }
  // No project with an amount means no amount (sum() of nothing would say 0).
  RETURN CASE count(p.totalInvestmentSort) WHEN 0 THEN null ELSE sum(p.totalInvestmentSort) END AS zoneInvestment
}
WITH n, relationCount, CASE n.kind WHEN 'ZONE' THEN zoneInvestment ELSE n.totalInvestmentSort END AS investment
WHERE ($amountMin IS NULL OR investment >= $amountMin)
  AND ($amountMax IS NULL OR investment <= $amountMax)
WITH n, relationCount, investment
ORDER BY
  CASE WHEN $orderBy = 'NAME_ASC' THEN n.sortName END ASC,
  CASE WHEN $orderBy = 'NAME_DESC' THEN n.sortName END DESC,
  CASE WHEN $orderBy = 'TOTAL_INVESTMENT_DESC' THEN coalesce(investment, -1.0) END DESC,
  CASE WHEN $orderBy = 'TOTAL_INVESTMENT_ASC' THEN coalesce(investment, 1.0e300) END ASC,
  CASE WHEN $orderBy = 'RELATION_COUNT_DESC' THEN relationCount END DESC,
  n.sortName, n.id
// Collect node references (cheap), count them, and project properties for the page only.
WITH collect(n) AS matched
RETURN size(matched) AS totalCount,
       [m IN matched[toInteger($offset)..toInteger($offset + $first)] | m {.*}] AS page
