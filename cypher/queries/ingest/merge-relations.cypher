// The relationship type comes from the RelationType allowlist; values are parameters. Each
// relation also records its ends' ids and page keys (migration 0007), so either end lists its
// relations a page at a time from an index.
// One branch per type, each naming its type: MERGE on a dynamic type ($(row.type)) is planned
// as a scan of every relationship in the database for each row (a bulk load went quadratic);
// with the type written out, MERGE finds the relation through its type's id constraint. The
// branch is picked by row.type, so a row of a type outside the list writes nothing, and the
// writer checks that every row was written.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CALL (a, b, row) {
  //@each relationType joined by UNION ALL
  WITH a, b, row WHERE row.type = '{{relationType}}'
  MERGE (a)-[r:{{relationType}} {id: row.id}]->(b)
  RETURN r
  //@end
}
SET r += row.props,
    r.fromId = a.id, r.toId = b.id,
    r.fromKey = a.kind + '\u0001' + a.listKey + '\u0001' + r.id,
    r.toKey = b.kind + '\u0001' + b.listKey + '\u0001' + r.id
RETURN count(r) AS written
