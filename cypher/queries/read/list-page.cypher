// One page of the entities of one kind in one order ({{key}} {{dir}}, src/domain/list-orders.ts)
// after a keyset cursor ($after: the last key seen). As read/list-filtered, with the filters that
// do not anchor the list (a zone or region filter does: read/list-zone, read/list-region); as
// read/list-page, for an unfiltered list, without them. The index on (kind, {{key}}) hands
// the entities over in order from the cursor on, so only entities up to the page's end are read
// (and, with a filter, those the filter passes over). One row more than the page says whether
// there is a next page. One row: the page, and its count when asked for ($withCount).
CALL () {
  MATCH (n:Entity)
  WHERE n.kind = $kind AND n.{{key}} {{cmp}} $after
//@include {{filters}}
  WITH n
  ORDER BY n.kind {{dir}}, n.{{key}} {{dir}}
  LIMIT toInteger($first) + 1
  // $light: the selection reads only fields of a light record: the list of the values of the
  // properties it needs, in $light's order (src/graphql/selection.ts, lightNodes); null: the whole record.
  RETURN collect({
    entity: CASE WHEN $light IS NOT NULL THEN [k IN $light | n[k]] ELSE n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END,
    key: n.{{key}}
  }) AS page
}
// The count of an unfiltered list ($withCount, only then), from the count store: the label of
// the kind ($label, KIND_LABEL) picks one branch, each a count-store read of its label, so the
// page and its count are one statement (read/kind-count counts the same).
RETURN page,
  CASE WHEN $withCount THEN
    CASE $label
//@each entityLabel
      WHEN '{{entityLabel}}' THEN COUNT { (:{{entityLabel}}) }
//@end
    END
  END AS totalCount
