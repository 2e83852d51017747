// The total investment of every project of each zone in $ids, for Zone.stats: the projects
// read/member-page lists ($on names the link types, $lower and $upper bound the PROJECT page
// keys; the zone's and its parks'), each once, with only the properties the sum reads (not
// the whole record, as a member page returns it). Index seeks from the zone: the cost follows
// the zone's projects (projectCount), not the graph.
UNWIND $ids AS id
MATCH (z:Entity {id: id})
CALL (z) {
  RETURN z.id AS hub
  UNION
  MATCH (z)-[pl:PART_OF|OPERATES]-(park:Park)
  WHERE (startNode(pl) = park) = (type(pl) = 'PART_OF')
  RETURN park.id AS hub
}
WITH id, collect(hub) AS hubs
CALL (hubs) {
  UNWIND hubs AS hub
  CALL (hub) {
    MATCH ()-[r:HOSTS]->()
    WHERE r.fromId = CASE WHEN $on.HOSTS THEN hub END AND $lower < r.toKey < $upper
    RETURN r.toId AS member
    UNION ALL
    MATCH ()-[r:OPERATES]->()
    WHERE r.fromId = CASE WHEN $on.OPERATES THEN hub END AND $lower < r.toKey < $upper
    RETURN r.toId AS member
    UNION ALL
    MATCH ()-[r:DEVELOPS]->()
    WHERE r.fromId = CASE WHEN $on.DEVELOPS THEN hub END AND $lower < r.toKey < $upper
    RETURN r.toId AS member
    UNION ALL
    MATCH ()-[r:SUPPORTS]->()
    WHERE r.fromId = CASE WHEN $on.SUPPORTS THEN hub END AND $lower < r.toKey < $upper
    RETURN r.toId AS member
    UNION ALL
    MATCH ()-[r:LOCATED_IN]->()
    WHERE r.toId = CASE WHEN $on.LOCATED_IN THEN hub END AND $lower < r.fromKey < $upper
    RETURN r.fromId AS member
  }
  WITH DISTINCT member
  MATCH (m:Entity {id: member})
  RETURN collect(m {
    .totalInvestmentAmount, .totalInvestmentUnit, .totalInvestmentCountNoun,
    .totalInvestmentQualifier, .totalInvestmentLower, .totalInvestmentUpper,
    .totalInvestmentRaw, .totalInvestmentExpected
  }) AS amounts
}
RETURN id, amounts
