  // Tier 0.75 (docs/api.md, "Search scoring"), for `node` and its Lucene `score`: the shortest of
  // its forms that contain $q (`key`; none: not a hit) and its score (`rank`), as
  // src/search/search-cells.ts containsScore computes it.
  WITH
    node,
    score,
    reduce(best = null, k IN node.searchKeys |
      CASE WHEN k CONTAINS $q AND (best IS NULL OR size(k) < size(best) OR (size(k) = size(best) AND k < best)) THEN k ELSE best END
    ) AS key
  WHERE key IS NOT NULL
  WITH node, key, round((0.75 + 0.03 * size($q) / toFloat(size(key)) + 0.015 * $kindPriority[node.kind] + 0.004 * (score / (1 + score))) * 10000) / 10000 AS rank
