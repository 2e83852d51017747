// Entities other than sources, from the count store: every source is an Entity labelled Source,
// so the difference of the two label counts is read in constant time, where filtering on
// n.kind scanned the whole kind index at every start.
CALL () { MATCH (n:Entity) RETURN count(n) AS all }
CALL () { MATCH (s:Source) RETURN count(s) AS sources }
RETURN all - sources AS entities
