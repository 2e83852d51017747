// The page of an anchored list: every match is sorted by the order's key ($key, from the
// EntityOrder allowlist; $desc for a descending order), so the cost follows the anchor's size.
WITH n, n[$key] AS key
WHERE CASE WHEN $desc THEN key < $after ELSE key > $after END
// $light: the selection reads only fields of a light record: the list of the values of the
// properties it needs, in $light's order (src/graphql/selection.ts, lightNodes); null: the whole record.
RETURN CASE WHEN $light IS NOT NULL THEN [k IN $light | n[k]] ELSE n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END AS entity, key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN NOT $desc THEN key END ASC
LIMIT toInteger($first) + 1
