CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer
RETURN analyzer
ORDER BY analyzer
