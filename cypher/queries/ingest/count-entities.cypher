MATCH (n:Entity)
WHERE n.kind <> 'SOURCE'
RETURN count(n) AS entities
