// The national zone catalogue (issue 10): search finds a zone by the short form of its type
// (经开区, 高新区, 综保区, 工业园: `abbreviations`, derived at load like pinyin) and by the code a
// register gives it (G141004: `identifiers`). A full-text index's properties cannot be altered,
// so both indexes are made again with the same names and analyzers, each with the new lists.
DROP INDEX entity_names_cjk IF EXISTS;
CREATE FULLTEXT INDEX entity_names_cjk IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.abbreviations, n.traditionalNames] OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };
DROP INDEX entity_names_std IF EXISTS;
CREATE FULLTEXT INDEX entity_names_std IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.abbreviations, n.englishName, n.traditionalNames, n.pinyinNames, n.initials, n.identifiers] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
