// One page of the relations of several types of each entity in $ids (read/relation-type-page
// serves one type from the page index), ordered by type, then the other end's kind and name,
// then the relation id, after a keyset cursor. It reads every relation of those types of the
// entity: proportional to the entity's degree in them. $symmetric types match from either end.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]-(:Entity)
  WHERE type(r) IN $types
    AND ($direction = 'BOTH' OR type(r) IN $symmetric
         OR ($direction = 'OUT' AND startNode(r) = n)
         OR ($direction = 'IN' AND endNode(r) = n))
  WITH r, type(r) + '\u0002' + CASE WHEN startNode(r) = n THEN r.toKey ELSE r.fromKey END AS key
  WHERE key > $after
  RETURN r, key
  ORDER BY key
  LIMIT toInteger($first) + 1
}
WITH id, n, collect({id: r.id, type: type(r), fromId: r.fromId, toId: r.toId, values: [k IN $relProps | r[k]], key: key,
    // The relation's properties its selection reads: the list of the values of $relProps, in
    // order (src/graphql/selection.ts, relationProps). What the selection reads next, in this
    // statement rather than one more round trip each: the other end's entity (as
    // read/entities-by-ids maps it, or when the ends' selections read only light fields, the list of
    // the values of the properties they need: $endProps) and the relation's evidence (as
    // read/evidence-by-ids), only when asked for.
    ends: CASE WHEN $withEnds THEN COLLECT {
      // One seek, of the end that is not the page's entity (a relation to itself has none).
      MATCH (o:Entity {id: CASE WHEN r.fromId = id THEN r.toId ELSE r.fromId END}) WHERE o.id <> id
      RETURN CASE WHEN $endProps IS NOT NULL THEN [k IN $endProps | o[k]]
        ELSE o {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} END
    } END,
    evidence: CASE WHEN $withEvidence THEN COLLECT { MATCH (e:Evidence) WHERE e.id IN r.evidenceIds RETURN e {.*} } END
}) AS page
RETURN id, page,
  // The entity itself ($withRoot) and its own evidence ($withRootEvidence, as read/entity-evidence
  // reads it), when node(id) reads the entity with the one relation page its selection asks for
  // (src/entities/entity.resolver.ts), instead of a statement of its own before the page: with
  // $rootProps, the list of the values of the properties its selection needs (a light record).
  CASE WHEN $withRoot AND n IS NOT NULL THEN CASE WHEN $rootProps IS NULL THEN n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} ELSE [k IN $rootProps | n[k]] END END AS root,
  CASE WHEN $withRootEvidence AND n IS NOT NULL THEN COLLECT {
    MATCH (n)-[m:MENTIONED_IN]->(:Source)
    UNWIND m.evidenceIds AS evidenceId
    MATCH (e:Evidence {id: evidenceId})
    WITH e ORDER BY e.sourceId, e.charStart
    RETURN e {.*}
  } END AS rootEvidence
