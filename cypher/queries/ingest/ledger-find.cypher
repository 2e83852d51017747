MATCH (l:IngestLedger {key: $key})
RETURN l.key AS key, l.at AS at, l.counts AS counts, l.content AS content
