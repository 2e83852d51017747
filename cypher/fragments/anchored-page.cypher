// The page of an anchored list: every match is sorted by the order's key ($key, from the
// EntityOrder allowlist; $desc for a descending order), so the cost follows the anchor's size.
WITH n, n[$key] AS key
WHERE CASE WHEN $desc THEN key < $after ELSE key > $after END
// $light: the selection reads only the fields of a light record (src/graphql/selection.ts, lightNodes).
RETURN CASE WHEN $light THEN n {.id, .kind, .name, .subtype, .englishName, .aliases, .industries, .qualityFlags, .enterpriseCount, .projectCount, .projectInvestmentSum} ELSE n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null} END AS entity, key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN NOT $desc THEN key END ASC
LIMIT toInteger($first) + 1
