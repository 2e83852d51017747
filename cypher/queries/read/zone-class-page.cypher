// One page of zones filtered by subtype or approval level ($classes: every subtype/level class
// the filter covers, src/domain/list-orders.ts `zoneClasses`), in one order ({{key}}) after a
// keyset cursor. Each class is read from its index (zoneClass, {{key}}) in order, from the cursor
// on, at most a page of it; the classes' pages are merged. The cost follows the page (times the
// classes, at most 10), not the zones of the country.
UNWIND $classes AS class
CALL (class) {
  MATCH (n:Zone)
  WHERE n.zoneClass = class AND n.{{key}} > $lower AND n.{{key}} < $upper AND n.kind = $kind
//@include list-filters
  WITH n
  ORDER BY n.zoneClass {{dir}}, n.{{key}} {{dir}}
  LIMIT toInteger($first) + 1
  RETURN n
}
WITH n
ORDER BY n.{{key}} {{dir}}
LIMIT toInteger($first) + 1
// $light: the selection reads only fields of a light record: the list of the values of the
// properties it needs, in $light's order (src/graphql/selection.ts, lightNodes); null: the whole record.
RETURN CASE WHEN $light IS NOT NULL THEN [k IN $light | n[k]] ELSE n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END AS entity, n.{{key}} AS key
