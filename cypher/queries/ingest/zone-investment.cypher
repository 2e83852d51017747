// The exact sum of each zone's project investments (src/ingest/derived.ts,
// refreshZoneInvestments), kept on the zone in the write's own transaction: Zone.stats reads it
// instead of summing the zone's projects per request. $rows: [{id, sum}], sum the JSON of
// src/relations/money.ts (storeMoneySum).
UNWIND $rows AS row
MATCH (z:Entity {id: row.id})
WHERE z.kind = 'ZONE'
SET z.projectInvestmentSum = row.sum
RETURN count(z) AS written
