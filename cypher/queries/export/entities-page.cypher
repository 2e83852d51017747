// One page of entities (sources excluded) in id order, each with the evidence ids of its
// MENTIONED_IN links (one list per source, in source id order) and all its facts.
MATCH (n:Entity)
WHERE n.id > $after AND NOT n:Source
WITH n
ORDER BY n.id
LIMIT toInteger($limit)
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
