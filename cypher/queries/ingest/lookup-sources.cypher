MATCH (s:Source)
WHERE s.id IN $ids
RETURN s.id AS id, s.text AS text
