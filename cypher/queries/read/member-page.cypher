// One page of the members of one kind of each zone in $ids (src/domain/membership.ts: $on
// names the member types; LOCATED_IN points from the member, the others from the zone), its
// own and its parks' (PART_OF it or OPERATED by it, as Zone.parks), in name order after a
// keyset cursor: $lower and $upper bound the kind's page keys (migration 0007). Every branch
// is an index seek that stops at the page's end, so the biggest zone costs what a small one
// does; the member counts are maintained on the zone (ingest/refresh-derived).
UNWIND $ids AS id
MATCH (z:Entity {id: id})
CALL (z) {
  RETURN z.id AS hub
  UNION
  MATCH (z)-[pl:PART_OF|OPERATES]-(park:Park)
  WHERE (startNode(pl) = park) = (type(pl) = 'PART_OF')
  RETURN park.id AS hub
}
WITH id, z, collect(hub) AS hubs
CALL (hubs) {
  UNWIND hubs AS hub
  CALL (hub) {
    MATCH ()-[r:HOSTS]->()
    WHERE r.fromId = CASE WHEN $on.HOSTS THEN hub END AND $lower < r.toKey < $upper
    WITH r ORDER BY r.fromId, r.toKey LIMIT 2 * (toInteger($first) + 1)
    RETURN r.toId AS member, r.toKey AS key
    UNION ALL
    MATCH ()-[r:OPERATES]->()
    WHERE r.fromId = CASE WHEN $on.OPERATES THEN hub END AND $lower < r.toKey < $upper
    WITH r ORDER BY r.fromId, r.toKey LIMIT 2 * (toInteger($first) + 1)
    RETURN r.toId AS member, r.toKey AS key
    UNION ALL
    MATCH ()-[r:DEVELOPS]->()
    WHERE r.fromId = CASE WHEN $on.DEVELOPS THEN hub END AND $lower < r.toKey < $upper
    WITH r ORDER BY r.fromId, r.toKey LIMIT 2 * (toInteger($first) + 1)
    RETURN r.toId AS member, r.toKey AS key
    UNION ALL
    MATCH ()-[r:SUPPORTS]->()
    WHERE r.fromId = CASE WHEN $on.SUPPORTS THEN hub END AND $lower < r.toKey < $upper
    WITH r ORDER BY r.fromId, r.toKey LIMIT 2 * (toInteger($first) + 1)
    RETURN r.toId AS member, r.toKey AS key
    UNION ALL
    MATCH ()-[r:LOCATED_IN]->()
    WHERE r.toId = CASE WHEN $on.LOCATED_IN THEN hub END AND $lower < r.fromKey < $upper
    WITH r ORDER BY r.toId, r.fromKey LIMIT 2 * (toInteger($first) + 1)
    RETURN r.fromId AS member, r.fromKey AS key
  }
  // A relation's page key is its member's kind and listKey, then its own id: a member's first
  // key orders it as its listKey does, so only the page's members are looked up.
  WITH member, min(key) AS key
  ORDER BY key
  LIMIT toInteger($first) + 1
  MATCH (m:Entity {id: member})
  WITH m
  ORDER BY m.listKey
  // $light: the selection reads only fields of a light record: the list of the values of the
  // properties it needs, in $light's order (src/graphql/selection.ts, lightNodes); null: the whole record.
  RETURN collect({entity: CASE WHEN $light IS NOT NULL THEN [k IN $light | m[k]] ELSE m {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END, key: m.listKey}) AS page
}
// The zone itself ($withRoot), when node(id) reads it with the one member page its selection asks
// for (src/entities/entity.resolver.ts), instead of a statement of its own before the page: with
// $rootProps, the list of the values of the properties its selection needs (a light record).
RETURN id, page,
  CASE WHEN $withRoot THEN CASE WHEN $rootProps IS NULL THEN z {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} ELSE [k IN $rootProps | z[k]] END END AS root
