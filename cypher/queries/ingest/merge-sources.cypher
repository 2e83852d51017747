// Sources are entities of kind SOURCE: found by id, their properties replaced in full. Returns
// the ids whose list key changed (a new title), as merge-entities does.
UNWIND $rows AS row
MERGE (s:Entity {id: row.id})
WITH s, row, s.listKey AS before
SET s += row.props, s:$(row.label)
RETURN count(s) AS written, collect(CASE WHEN before IS NOT NULL AND before <> s.listKey THEN s.id END) AS renamed
