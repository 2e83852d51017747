// One page of relations between entities in relation id order, without the MENTIONED_IN links
// the loader derives from entity evidence.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) <> 'MENTIONED_IN' AND r.id > $after
WITH a, r, b
ORDER BY r.id
LIMIT toInteger($limit)
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.key AS key, r.amountRaw AS amount, r.date AS date,
       r.periodStart AS periodStart, r.periodEnd AS periodEnd, r.status AS status, r.role AS role,
       r.properties AS properties, r.qualityFlags AS qualityFlags, r.evidenceIds AS evidenceIds
ORDER BY id
