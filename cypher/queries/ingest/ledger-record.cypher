CREATE (l:IngestLedger {key: $key, origin: $origin, at: datetime(), counts: $counts, items: $items, content: $content})
RETURN l.key AS key
