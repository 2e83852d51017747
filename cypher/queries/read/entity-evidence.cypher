// The spans where the page names each entity (its MENTIONED_IN evidence).
UNWIND $ids AS id
MATCH (:Entity {id: id})-[m:MENTIONED_IN]->(:Source)
UNWIND m.evidenceIds AS evidenceId
MATCH (e:Evidence {id: evidenceId})
WITH id, e
ORDER BY id, e.sourceId, e.charStart
RETURN id, collect(e {.*}) AS evidence
