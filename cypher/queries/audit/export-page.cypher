// One page of the audit log in id order, for the export.
MATCH (a:AuditEntry)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT toInteger($limit)
RETURN a.id AS id, toString(a.at) AS at, a.actor AS actor, a.action AS action, a.origin AS origin,
       a.key AS key, a.counts AS counts, a.ids AS ids, a.idCount AS idCount
