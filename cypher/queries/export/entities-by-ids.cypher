// The given entities as the export writes them: properties, the evidence ids of their
// MENTIONED_IN links (one list per source, in source id order) and all their facts.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE NOT n:Source
CALL (n) {
  OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(s:Source)
  WITH m, s
  ORDER BY s.id
  RETURN collect(m.evidenceIds) AS mentions
}
CALL (n) {
  OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact)
  WITH f
  ORDER BY f.id
  RETURN collect(f {.id, .key, .value, .date, .periodStart, .periodEnd, .properties, .qualityFlags, .evidenceIds}) AS facts
}
RETURN n.id AS id, properties(n) AS props, mentions, facts
ORDER BY id
