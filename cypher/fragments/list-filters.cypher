  // The typed filters that do not anchor a list (EntityFilter). $nameContains is lowercased.
  AND ($nameContains IS NULL
       OR toLower(n.name) CONTAINS $nameContains
       OR any(alias IN n.aliases WHERE toLower(alias) CONTAINS $nameContains)
       OR toLower(coalesce(n.englishName, '')) CONTAINS $nameContains)
  AND ($industry IS NULL OR $industry IN n.industries)
  AND ($flag IS NULL OR $flag IN n.qualityFlags
       OR EXISTS { MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE $flag IN f.qualityFlags }
       OR EXISTS { MATCH (n)-[r]-(:Entity) WHERE $flag IN r.qualityFlags })
  AND ($status IS NULL OR EXISTS { MATCH (n)-[r]-(:Entity) WHERE r.status = $status })
  // A project's own investment, a zone's projects' total (maintained: ingest/refresh-derived).
  AND ($amountMin IS NULL OR n.investment >= $amountMin)
  AND ($amountMax IS NULL OR n.investment <= $amountMax)
