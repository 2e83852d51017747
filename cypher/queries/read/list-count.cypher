// How many entities of one kind pass the filters (without an anchor): read only when a client
// asks for totalCount with a filter; without one, read/kind-count answers from the count store.
MATCH (n:Entity)
WHERE n.kind = $kind
//@include list-filters
RETURN count(n) AS count
