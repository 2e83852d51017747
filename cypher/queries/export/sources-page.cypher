// One page of sources in id order (keyset paging: the caller passes the last id it read).
MATCH (s:Source)
WHERE s.id > $after
WITH s
ORDER BY s.id
LIMIT toInteger($limit)
RETURN s.id AS id, s.title AS title, s.section AS section, s.publisher AS publisher, s.byline AS byline,
       s.subtype AS kind, s.date AS date, s.originFile AS originFile, s.originSha256 AS originSha256,
       s.originStart AS originStart, s.originEnd AS originEnd, s.text AS text, s.qualityFlags AS qualityFlags
ORDER BY id
