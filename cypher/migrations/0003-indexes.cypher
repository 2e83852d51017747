// Lookup and sort indexes for the list fields, and two full-text indexes over every name form
// an entity has: `cjk` splits the Han name forms into bigrams (上党, 党经, ...), and
// `standard-no-stop-words` indexes every form, single Han characters and Latin words (pinyin,
// English). Neo4j allows one index per label and property list, so the two lists differ.
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX evidence_source IF NOT EXISTS FOR (n:Evidence) ON (n.sourceId);
CREATE FULLTEXT INDEX entity_names_cjk IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.traditionalNames] OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
CREATE FULLTEXT INDEX entity_names_std IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.englishName, n.traditionalNames, n.pinyinNames, n.initials] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
