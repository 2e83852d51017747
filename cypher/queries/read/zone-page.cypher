// One page of zones in one order ({{key}}, src/domain/list-orders.ts) after a keyset cursor,
// with zone filters but no subtype or level (those read the class index: read/zone-class-page)
// and no anchor. The index on (kind, {{key}}) hands the zones over in order between $lower and
// $upper (exclusive: the cursor is one of them): a year or area range given with its own order
// (APPROVAL_DATE_*, APPROVED_AREA_*) narrows that window to the range, so the page starts where
// the range starts and ends where it ends.
MATCH (n:Entity)
WHERE n.kind = $kind AND n.{{key}} > $lower AND n.{{key}} < $upper
//@include list-filters
WITH n
ORDER BY n.kind {{dir}}, n.{{key}} {{dir}}
LIMIT toInteger($first) + 1
// $light: the selection reads only fields of a light record: the list of the values of the
// properties it needs, in $light's order (src/graphql/selection.ts, lightNodes); null: the whole record.
RETURN CASE WHEN $light IS NOT NULL THEN [k IN $light | n[k]] ELSE n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END AS entity, n.{{key}} AS key
