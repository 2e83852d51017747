// One page of entity ids in id order (the unique index gives the order), for data backfills.
MATCH (n:Entity)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY n.id
LIMIT toInteger($limit)
