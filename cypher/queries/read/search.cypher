// Search by name form, ranked and cut in the database (docs/api.md, "Search scoring"). The
// `entity_search_keys` index holds each entity's normalised name forms as whole terms.
//   tier 1.0: a form equals $q; tier 0.9: a form starts with it (one prefix lookup, $prefix);
//   tier 0.75: a form contains it, asked only when the first two tiers do not fill $first (a form
//   equal to or starting with $q scores above any that only contains it): $contains over
//   $containsIndex, for Chinese text the phrase of its bigrams (entity_search_keys_cjk), else a
//   wildcard over the whole forms, or for a short Latin query the forms with a word that starts
//   with it (the standard-analyzer index); the forms are then checked here. Unless
//   $containsScored, every hit of this tier has the Lucene score 1 (what the wildcard gives).
// Within a tier, the tie-breaker is 0.03 × coverage (|$q| / |the shortest matching form|)
// + 0.015 × the kind's priority + 0.004 × s / (1 + s) for the Lucene score s; the score is rounded
// to four decimals and ties go by id. $kinds filters before the cut, so a smaller $first is the
// head of a larger one.
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
CALL (head) {
  WITH head
  WHERE size(head) < $first
  CALL db.index.fulltext.queryNodes($containsIndex, $contains) YIELD node, score AS lucene
  // A wildcard scores every hit 1; the bigram lookup that stands in for it scores as it did.
  WITH node, CASE WHEN $containsScored THEN lucene ELSE 1.0 END AS score
  WHERE node.kind IN $kinds AND none(k IN node.searchKeys WHERE k STARTS WITH $q)
  WITH
    node,
    score,
    reduce(best = null, k IN node.searchKeys |
      CASE WHEN k CONTAINS $q AND (best IS NULL OR size(k) < size(best) OR (size(k) = size(best) AND k < best)) THEN k ELSE best END
    ) AS key
  WHERE key IS NOT NULL
  WITH node, key, round((0.75 + 0.03 * size($q) / toFloat(size(key)) + 0.015 * $kindPriority[node.kind] + 0.004 * (score / (1 + score))) * 10000) / 10000 AS rank
  ORDER BY rank DESC, node.id
  LIMIT toInteger($first)
  RETURN collect({node: node, key: key, rank: rank}) AS tail
}
UNWIND head + tail[..toInteger($first) - size(head)] AS hit
WITH hit, hit.node AS node
RETURN node {.*, text: null} AS entity, hit.key AS key, hit.rank AS score
