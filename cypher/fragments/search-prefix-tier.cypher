// Tiers 1.0 and 0.9 of search (read/search, read/search-han): the forms equal to or starting with
// $q, one prefix lookup over entity_search_keys, scored, filtered by $kinds, cut to $first.
CALL () {
  CALL db.index.fulltext.queryNodes('entity_search_keys', $prefix) YIELD node, score
  WITH node, score
  WHERE node.kind IN $kinds
  WITH
    node,
    score,
    reduce(best = null, k IN node.searchKeys |
      CASE WHEN k STARTS WITH $q AND (best IS NULL OR size(k) < size(best) OR (size(k) = size(best) AND k < best)) THEN k ELSE best END
    ) AS key
  WHERE key IS NOT NULL
  WITH node, key, round(((CASE WHEN key = $q THEN 1.0 ELSE 0.9 END) + 0.03 * size($q) / toFloat(size(key)) + 0.015 * $kindPriority[node.kind] + 0.004 * (score / (1 + score))) * 10000) / 10000 AS rank
  ORDER BY rank DESC, node.id
  LIMIT toInteger($first)
  RETURN collect({node: node, key: key, rank: rank}) AS head
}
