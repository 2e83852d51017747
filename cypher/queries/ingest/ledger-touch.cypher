MATCH (l:IngestLedger {key: $key})
SET l.origin = $origin, l.reappliedAt = datetime(), l.counts = $counts, l.items = $items, l.content = $content
RETURN l.key AS key
