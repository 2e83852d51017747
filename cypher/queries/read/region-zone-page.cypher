// One page of the zones in each region of $ids: located in it or in a region inside it (through
// PART_OF), in name order after a keyset cursor. Proportional to the zones of the region.
UNWIND $ids AS id
MATCH (g:Entity {id: id})
WHERE g.kind = 'REGION'
CALL (g) {
  MATCH (g)<-[:PART_OF]-{0,6}(sub:Region)<-[:LOCATED_IN|PART_OF]-(z:Zone)
  WITH DISTINCT z
  WHERE z.listKey > $after
  WITH z
  ORDER BY z.listKey
  LIMIT toInteger($first) + 1
  // $light: the selection reads only fields of a light record: the list of the values of the
  // properties it needs, in $light's order (src/graphql/selection.ts, lightNodes); null: the whole record.
  RETURN collect({entity: CASE WHEN $light IS NOT NULL THEN [k IN $light | z[k]] ELSE z {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END, key: z.listKey}) AS page
}
RETURN id, page
