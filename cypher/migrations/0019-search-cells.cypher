// Search's third tier for a common Chinese term (issue 8): a term held by tens of thousands of
// name forms was ranked whole (every form that contains it read and scored) to answer a page of
// ten. Within the tier an entity's rank depends only on its kind and the length of its shortest
// form that contains the query (docs/api.md, "Search scoring"), so each entity stores one cell
// token per name form, its kind and that form's length (`searchCells`: enterprise11, zone6, and
// `<kind>long` past src/search/search-cells.ts CELL_MAX_LENGTH), kept by the write path
// (ingest/refresh-derived) and, for entities written before this migration, by the code's
// backfill of this version (src/db/migrations.ts). This index holds the forms' bigrams (the cjk
// analyzer, as entity_search_keys_cjk did) beside the cells, so one lookup finds the entities
// whose forms contain the query in the best cells only (read/search-cells). It takes the place of
// entity_search_keys_cjk, which indexed the same forms alone and which this version no longer
// reads; that index stays for the version before, which still serves during a rolling upgrade
// (docs/operations.md, "Upgrades"), and is dropped by a later release.
CREATE FULLTEXT INDEX entity_search_cells IF NOT EXISTS FOR (n:Entity|Source) ON EACH [n.searchKeys, n.searchCells] OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
