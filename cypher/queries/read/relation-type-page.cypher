// One page of the {{type}} relations of each entity in $ids, ordered by the other end's kind and
// name (its list key), then the relation id, after a keyset cursor. Every relation stores a
// page key for each end (migration 0007), indexed with the id of the end it is read from, so
// each side is one index seek that stops at the page's end: a bank with 5,000 clients costs what
// a firm with 5 does. $out and $in say which sides are read (a side not read seeks the id null).
UNWIND $ids AS id
CALL (id) {
  CALL (id) {
    MATCH ()-[r:{{type}}]->()
    WHERE r.fromId = CASE WHEN $out THEN id END AND r.toKey > $after
    WITH r ORDER BY r.fromId, r.toKey LIMIT toInteger($first) + 1
    RETURN r, r.toKey AS key
    UNION ALL
    MATCH ()-[r:{{type}}]->()
    WHERE r.toId = CASE WHEN $in THEN id END AND r.fromKey > $after
    WITH r ORDER BY r.toId, r.fromKey LIMIT toInteger($first) + 1
    RETURN r, r.fromKey AS key
  }
  WITH r, key
  ORDER BY key
  LIMIT toInteger($first) + 1
  RETURN collect({id: r.id, type: type(r), fromId: r.fromId, toId: r.toId, values: [k IN $relProps | r[k]], key: key,
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
}
// The count, when the selection asks for it ($withCount), in this statement rather than one of its
// own beside it: degrees from the degree store, as read/relation-type-count counts them.
// The entity itself ($withRoot) and its own evidence ($withRootEvidence, as read/entity-evidence
// reads it), when node(id) reads the entity with the one relation page its selection asks for
// (src/entities/entity.resolver.ts), instead of a statement of its own before the page: with
// $rootProps, the list of the values of the properties its selection needs (a light record).
CALL (id) {
  OPTIONAL MATCH (n:Entity {id: id})
  RETURN CASE WHEN $withCount THEN
      CASE WHEN n IS NULL THEN 0 ELSE
        CASE WHEN $out THEN COUNT { (n)-[:{{type}}]->() } ELSE 0 END
        + CASE WHEN $in THEN COUNT { (n)<-[:{{type}}]-() } ELSE 0 END
      END
    END AS totalCount,
    CASE WHEN $withRoot AND n IS NOT NULL THEN CASE WHEN $rootProps IS NULL THEN n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} ELSE [k IN $rootProps | n[k]] END END AS root,
    CASE WHEN $withRootEvidence AND n IS NOT NULL THEN COLLECT {
      MATCH (n)-[m:MENTIONED_IN]->(:Source)
      UNWIND m.evidenceIds AS evidenceId
      MATCH (e:Evidence {id: evidenceId})
      WITH e ORDER BY e.sourceId, e.charStart
      RETURN e {.*}
    } END AS rootEvidence
}
RETURN id, page, totalCount, root, rootEvidence
