// One page of zone ids in list order (the (kind, listKey) index gives the order), for data
// backfills of zones only: the listKey of the page's last zone is the next page's $after.
MATCH (z:Entity)
WHERE z.kind = 'ZONE' AND z.listKey > $after
RETURN z.id AS id, z.listKey AS key
ORDER BY z.kind, z.listKey
LIMIT toInteger($limit)
