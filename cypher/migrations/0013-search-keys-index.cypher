// Search compares normalised name forms (src/search/search-keys.ts), stored on every entity as
// the list `searchKeys`. The keyword analyzer keeps each form whole, one term per form, so an
// equal or prefix match is a term lookup (`key*`) and read/search.cypher ranks in the database.
CREATE FULLTEXT INDEX entity_search_keys IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchKeys] OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword' } };
