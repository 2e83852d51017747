CREATE (l:IngestLedger {key: $key, origin: $origin, at: datetime(), counts: $counts, items: $items})
RETURN l.key AS key
