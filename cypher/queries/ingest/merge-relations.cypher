// The relationship type comes from the RelationType allowlist; values are parameters. Each
// relation also records its ends' ids and page keys (migration 0007), so either end lists its
// relations a page at a time from an index.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r += row.props,
    r.fromId = a.id, r.toId = b.id,
    r.fromKey = a.kind + '\u0001' + a.listKey + '\u0001' + r.id,
    r.toKey = b.kind + '\u0001' + b.listKey + '\u0001' + r.id
RETURN count(r) AS written
