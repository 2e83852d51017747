// Candidates from both full-text indexes: `cjk` (bigrams) for Han phrases, and
// `standard-no-stop-words` for single characters, pinyin, initials and English words.
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names_cjk', $cjkQuery, {limit: toInteger($limit)}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_names_std', $stdQuery, {limit: toInteger($limit)}) YIELD node, score
  RETURN node, score
}
WITH node, max(score) AS score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node {.*, text: null} AS entity, score
ORDER BY score DESC, node.id
LIMIT toInteger($limit)
