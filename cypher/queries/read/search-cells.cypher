// One range of the walk over the search cells (src/search/search-cells.ts): the entities of
// search's tier 0.75 for Chinese text ($q) whose score lies above $below and at most $upTo (null:
// unbounded), ranked as read/search ranks the tier, the first $first. $cells is the phrase of the
// query's bigrams AND the cells whose score lies in the range (and every kind's long cell, whose
// scores are not one value), so the lookup reads those cells only; the range then keeps exactly
// the entities whose own score (by their shortest form that contains $q) lies in it, so every
// entity of the tier falls in one range. The lookup reads at most $cap forms: when it finds that
// many, the range is too large to rank (`complete` false, no hits) and the walk asks a smaller one.
CALL db.index.fulltext.queryNodes('entity_search_cells', $cells, {limit: toInteger($cap)}) YIELD node
WITH collect(node) AS nodes
WITH nodes, size(nodes) < $cap AS complete
CALL (nodes, complete) {
  UNWIND CASE WHEN complete THEN nodes ELSE [] END AS node
  WITH node, 1.0 AS score
  WHERE node.kind IN $kinds AND none(k IN node.searchKeys WHERE k STARTS WITH $q)
//@include search-contains-rank
  WITH node, key, rank
  WHERE ($below IS NULL OR rank > $below) AND ($upTo IS NULL OR rank <= $upTo)
  ORDER BY rank DESC, node.id
  LIMIT toInteger($first)
  RETURN collect({entity: node {.*, text: null}, key: key, score: rank}) AS hits
}
RETURN complete, hits
