// One page of the audit log, newest first, after a keyset cursor ($before: the last sort key
// seen), of one actor or of all. The sort-key index hands the entries over in order.
MATCH (a:AuditEntry)
WHERE a.sortKey < $before AND ($actor IS NULL OR a.actor = $actor)
WITH a
ORDER BY a.sortKey DESC
LIMIT toInteger($first) + 1
RETURN a {.*, at: toString(a.at)} AS entry, a.sortKey AS key
