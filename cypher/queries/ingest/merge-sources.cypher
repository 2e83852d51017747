// Sources are entities of kind SOURCE: found by id, their properties replaced in full.
UNWIND $rows AS row
MERGE (s:Entity {id: row.id})
SET s += row.props, s:$(row.label)
RETURN count(s) AS written
