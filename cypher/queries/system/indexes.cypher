SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state, options
RETURN name, type, labelsOrTypes, properties, state, options.indexConfig.`fulltext.analyzer` AS analyzer
ORDER BY name
