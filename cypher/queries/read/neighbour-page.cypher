// One page of the distinct entities linked to each entity in $ids by {{type}} relations on the
// sides $out and $in name, in kind then name order after a keyset cursor, between $lower and
// $upper (one kind's key range, when the field lists one kind). Each side is an index seek on
// the relations' page keys that stops at the page's end (see read/relation-type-page); a pair
// linked twice by the type is read twice, so each side reads twice the page.
UNWIND $ids AS id
CALL (id) {
  CALL (id) {
    MATCH ()-[r:{{type}}]->()
    WHERE r.fromId = CASE WHEN $out THEN id END AND $lower < r.toKey < $upper
    WITH r ORDER BY r.fromId, r.toKey LIMIT 2 * (toInteger($first) + 1)
    RETURN r.toId AS other, r.toKey AS relKey
    UNION ALL
    MATCH ()-[r:{{type}}]->()
    WHERE r.toId = CASE WHEN $in THEN id END AND $lower < r.fromKey < $upper
    WITH r ORDER BY r.toId, r.fromKey LIMIT 2 * (toInteger($first) + 1)
    RETURN r.fromId AS other, r.fromKey AS relKey
  }
  // A relation's page key is the other end's kind and listKey, then the relation's id: the
  // other end's first key orders it as its kind and listKey do, so only the page's ends are looked up.
  WITH other, min(relKey) AS relKey
  ORDER BY relKey
  LIMIT toInteger($first) + 1
  MATCH (m:Entity {id: other})
  WITH m, m.kind + '\u0001' + m.listKey AS key
  ORDER BY key
  // $light: the selection reads only fields of a light record: the list of the values of the
  // properties it needs, in $light's order (src/graphql/selection.ts, lightNodes); null: the whole record.
  RETURN collect({entity: CASE WHEN $light IS NOT NULL THEN [k IN $light | m[k]] ELSE m {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END, key: key}) AS page
}
RETURN id, page
