// Search's third tier (a name form that contains the query) for Chinese text (issue 8): the
// normalised name forms (`searchKeys`) split by the cjk analyzer into character pairs, so the
// forms that contain two or more Chinese characters are a phrase lookup of their bigrams, not a
// wildcard that reads every form in entity_search_keys (read/search.cypher,
// src/search/search.ts). Neo4j builds and keeps the index itself: no backfill.
//
// Neo4j keeps one full-text index per schema (labels and properties), whatever the analyzer, and
// entity_search_keys already holds (:Entity {searchKeys}) with the keyword analyzer: this one
// names Source beside Entity. Every Source is an Entity, so it holds the same nodes.
CREATE FULLTEXT INDEX entity_search_keys_cjk IF NOT EXISTS FOR (n:Entity|Source) ON EACH [n.searchKeys] OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
