// Search by name form, ranked and cut in the database (docs/api.md, "Search scoring"). The
// `entity_search_keys` index holds each entity's normalised name forms as whole terms.
//   tier 1.0: a form equals $q; tier 0.9: a form starts with it (one prefix lookup, $prefix);
//   tier 0.75: a form contains it, asked only when the first two tiers do not fill $first (a form
//   equal to or starting with $q scores above any that only contains it): $contains over
//   $containsIndex: a wildcard over the whole forms, or for a short Latin query the forms with a
//   word that starts with it (the standard-analyzer index); the forms are then checked here.
//   Chinese text of two or more characters goes through read/search-han instead, which reads a
//   common term's tier a score range at a time (this statement, given the phrase of its bigrams
//   over entity_search_cells, ranks every form that holds it: the same answer). Unless
//   $containsScored, every hit of this tier has the Lucene score 1 (what the wildcard gives).
// Within a tier, the tie-breaker is 0.03 × coverage (|$q| / |the shortest matching form|)
// + 0.015 × the kind's priority + 0.004 × s / (1 + s) for the Lucene score s; the score is rounded
// to four decimals and ties go by id. $kinds filters before the cut, so a smaller $first is the
// head of a larger one.
//@include search-prefix-tier
CALL (head) {
  WITH head
  WHERE size(head) < $first
  CALL db.index.fulltext.queryNodes($containsIndex, $contains) YIELD node, score AS lucene
  // A wildcard scores every hit 1; the bigram lookup that stands in for it scores as it did.
  WITH node, CASE WHEN $containsScored THEN lucene ELSE 1.0 END AS score
  WHERE node.kind IN $kinds AND none(k IN node.searchKeys WHERE k STARTS WITH $q)
//@include search-contains-rank
  ORDER BY rank DESC, node.id
  LIMIT toInteger($first)
  RETURN collect({node: node, key: key, rank: rank}) AS tail
}
UNWIND head + tail[..toInteger($first) - size(head)] AS hit
WITH hit, hit.node AS node
RETURN node {.*, text: null} AS entity, hit.key AS key, hit.rank AS score
