MATCH (n:Entity)
RETURN n.kind AS kind, count(*) AS count
ORDER BY kind
