// Derived properties that lists sort and count by, recomputed in the write transaction that
// changes what they derive from (src/ingest/derived.ts): for every entity in $ids, its relation
// count and the keys of the list orders (src/domain/list-orders.ts); and for the zones whose
// aggregates those entities touch (the zone itself, a park's zones, a project's zones), the
// member counts and the total investment of their projects. Membership is as
// src/domain/membership.ts defines it ($enterpriseLinks, $projectLinks), through the zone or
// its parks (PART_OF it or OPERATED by it).
UNWIND $ids AS id
MATCH (x:Entity {id: id})
WITH collect(x) AS touched
CALL (touched) {
  UNWIND touched AS x
  CALL (x) {
    WITH x WHERE x.kind = 'ZONE'
    RETURN x AS z
    UNION
    MATCH (x)-[pl:PART_OF|OPERATES]-(z:Zone)
    WHERE x.kind = 'PARK' AND (startNode(pl) = x) = (type(pl) = 'PART_OF')
    RETURN z
    UNION
    MATCH (x)-[r]-(z:Zone)
    WHERE x.kind = 'PROJECT' AND type(r) IN $projectLinks
      AND ((endNode(r) = x AND type(r) <> 'LOCATED_IN') OR (startNode(r) = x AND type(r) = 'LOCATED_IN'))
    RETURN z
    UNION
    MATCH (x)-[r]-(park:Park)-[pl:PART_OF|OPERATES]-(z:Zone)
    WHERE x.kind = 'PROJECT' AND type(r) IN $projectLinks
      AND ((endNode(r) = x AND type(r) <> 'LOCATED_IN') OR (startNode(r) = x AND type(r) = 'LOCATED_IN'))
      AND (startNode(pl) = park) = (type(pl) = 'PART_OF')
    RETURN z
  }
  RETURN collect(DISTINCT z) AS zones
}
// A zone's project investment sum (kept by src/ingest/derived.ts, exact, in JavaScript) changes
// only when a project's amount or membership, or a park's membership, changes: every such write
// touches a project or a park. The zones it reaches are summed again then; a zone that has no
// sum yet is summed whatever the write.
WITH touched, zones, any(x IN touched WHERE x.kind IN ['PROJECT', 'PARK']) AS projectsChanged
UNWIND touched + zones AS n
WITH DISTINCT n, projectsChanged
// Degrees come from the degree store, so counting a hub's relations costs what a leaf's does:
// every relationship of the node but the derived MENTIONED_IN links, its facts (HAS_FACT) and,
// for a source, the evidence that quotes it (IN_SOURCE) are relations between entities.
WITH n, projectsChanged,
     COUNT { (n)--() } - COUNT { (n)-[:MENTIONED_IN]-() } - COUNT { (n)-[:HAS_FACT]-() }
     - COUNT { (n)-[:IN_SOURCE]-() } AS relationCount
CALL (n) {
  CALL (n) {
    MATCH (n)-[r]-(m:Entity)
    WHERE n.kind = 'ZONE'
      AND ((m.kind = 'ENTERPRISE' AND type(r) IN $enterpriseLinks) OR (m.kind = 'PROJECT' AND type(r) IN $projectLinks))
      AND ((startNode(r) = n AND type(r) <> 'LOCATED_IN') OR (endNode(r) = n AND type(r) = 'LOCATED_IN'))
    RETURN m
    UNION
    MATCH (n)-[pl:PART_OF|OPERATES]-(park:Park)-[r]-(m:Entity)
    WHERE n.kind = 'ZONE' AND (startNode(pl) = park) = (type(pl) = 'PART_OF')
      AND ((m.kind = 'ENTERPRISE' AND type(r) IN $enterpriseLinks) OR (m.kind = 'PROJECT' AND type(r) IN $projectLinks))
      AND ((startNode(r) = park AND type(r) <> 'LOCATED_IN') OR (endNode(r) = park AND type(r) = 'LOCATED_IN'))
    RETURN m
  }
  WITH DISTINCT m
  RETURN count(CASE m.kind WHEN 'ENTERPRISE' THEN m END) AS enterpriseCount,
         count(CASE m.kind WHEN 'PROJECT' THEN m END) AS projectCount,
         // No project with an amount means no amount (sum() of nothing would say 0).
         CASE count(CASE m.kind WHEN 'PROJECT' THEN m.totalInvestmentSort END)
           WHEN 0 THEN null
           ELSE sum(CASE m.kind WHEN 'PROJECT' THEN m.totalInvestmentSort END)
         END AS zoneInvestment
}
WITH n, projectsChanged, relationCount, enterpriseCount, projectCount,
     CASE n.kind WHEN 'ZONE' THEN zoneInvestment WHEN 'PROJECT' THEN n.totalInvestmentSort END AS investment
// Keys are zero-padded decimal strings, so string order is number order; "~" (no amount) sorts
// after every digit. Whole yuan are enough to order by; the exact amounts stay in their strings.
WITH n, projectsChanged, relationCount, enterpriseCount, projectCount, investment,
     CASE
       WHEN investment IS NULL THEN null
       WHEN investment >= 999999999999999999.0 THEN 999999999999999999
       ELSE toInteger(round(investment))
     END AS yuan,
     // A zone's approval date as yyyymmdd (2001-06 is 20010600) and its approved area in whole m²
     // (the zone-only orders and the zone facet index: src/domain/list-orders.ts, migration 0016).
     CASE WHEN n.kind = 'ZONE' AND n.approvalDate IS NOT NULL
       THEN toInteger(split(n.approvalDate, '-')[0]) * 10000
            + coalesce(toInteger(split(n.approvalDate, '-')[1]), 0) * 100
            + coalesce(toInteger(split(n.approvalDate, '-')[2]), 0)
     END AS dateNum,
     CASE
       WHEN n.kind <> 'ZONE' OR n.approvedAreaSort IS NULL THEN null
       WHEN n.approvedAreaSort >= 999999999999999.0 THEN 999999999999999
       ELSE toInteger(round(n.approvedAreaSort))
     END AS areaM2
SET n.relationCount = relationCount,
    n.relCountKey = right('000000000' + toString(999999999 - relationCount), 9) + '\u0000' + n.listKey,
    n.investment = investment,
    n.investAscKey = coalesce(right('000000000000000000' + toString(yuan), 18), '~') + '\u0000' + n.listKey,
    n.investDescKey = coalesce(right('000000000000000000' + toString(999999999999999999 - yuan), 18), '~') + '\u0000' + n.listKey,
    n.enterpriseCount = CASE n.kind WHEN 'ZONE' THEN enterpriseCount END,
    n.projectCount = CASE n.kind WHEN 'ZONE' THEN projectCount END,
    n.zoneClass = CASE n.kind WHEN 'ZONE' THEN coalesce(n.subtype, '-') + '/' + coalesce(n.approvalLevel, '-') END,
    n.dateAscKey = CASE n.kind WHEN 'ZONE' THEN coalesce(right('00000000' + toString(dateNum), 8), '~') + '\u0000' + n.listKey END,
    n.dateDescKey = CASE n.kind WHEN 'ZONE' THEN coalesce(right('00000000' + toString(99999999 - dateNum), 8), '~') + '\u0000' + n.listKey END,
    n.areaAscKey = CASE n.kind WHEN 'ZONE' THEN coalesce(right('000000000000000' + toString(areaM2), 15), '~') + '\u0000' + n.listKey END,
    n.areaDescKey = CASE n.kind WHEN 'ZONE' THEN coalesce(right('000000000000000' + toString(999999999999999 - areaM2), 15), '~') + '\u0000' + n.listKey END,
//@include search-cells
RETURN count(n) AS refreshed,
       collect(CASE WHEN n.kind = 'ZONE' AND (projectsChanged OR n.projectInvestmentSum IS NULL) THEN n.id END)
         AS investmentZones
