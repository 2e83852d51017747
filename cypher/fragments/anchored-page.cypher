// The page of an anchored list: every match is sorted by the order's key ($key, from the
// EntityOrder allowlist; $desc for a descending order), so the cost follows the anchor's size.
WITH n, n[$key] AS key
WHERE CASE WHEN $desc THEN key < $after ELSE key > $after END
RETURN n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null} AS entity, key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN NOT $desc THEN key END ASC
LIMIT toInteger($first) + 1
