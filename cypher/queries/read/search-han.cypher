// Search for Chinese text of two or more characters (src/search/search.repository.ts): tiers 1.0
// and 0.9 as read/search ranks them, and tier 0.75 (forms that contain $q) through the phrase of
// its bigrams over entity_search_cells ($contains), at most $containsCap of them. When fewer
// match, they are every form of the tier, ranked here as read/search ranks them: the answer is
// complete (`overflow` false). When $containsCap match, the tier is too large to rank whole: no
// tail is answered and `overflow` is true; the walk over the search cells follows
// (read/search-cells, src/search/search-cells.ts).
//@include search-prefix-tier
// Aggregations answer one row whatever they read, so the statement always answers one.
CALL (head) {
  WITH head
  WHERE size(head) < $first
  CALL db.index.fulltext.queryNodes('entity_search_cells', $contains, {limit: toInteger($containsCap)}) YIELD node
  RETURN collect(node) AS nodes
}
// Ranked only when complete: past the cap the walk reads the tier instead.
CALL (nodes) {
  UNWIND CASE WHEN size(nodes) < $containsCap THEN nodes ELSE [] END AS node
  WITH node, 1.0 AS score
  WHERE node.kind IN $kinds AND none(k IN node.searchKeys WHERE k STARTS WITH $q)
//@include search-contains-rank
  RETURN collect({node: node, key: key, rank: rank}) AS ranked
}
WITH head, ranked, size(nodes) >= $containsCap AS overflow
WITH head, ranked, overflow,
  CASE WHEN overflow THEN [] ELSE COLLECT {
    UNWIND ranked AS hit
    WITH hit ORDER BY hit.rank DESC, hit.node.id
    LIMIT toInteger($first)
    RETURN hit
  } END AS tail
WITH overflow, head + tail[..toInteger($first) - size(head)] AS page
RETURN
  COLLECT {
    UNWIND range(0, size(page) - 1) AS i
    WITH i, page[i] AS hit
    WITH i, hit, hit.node AS node
    ORDER BY i
    RETURN {entity: node {.*, text: null}, key: hit.key, score: hit.rank}
  } AS hits,
  overflow
