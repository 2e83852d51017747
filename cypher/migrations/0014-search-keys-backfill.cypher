// Entities written before searchKeys existed get them here, from the name forms they store:
// NFKC, lowercase, spaces removed, each form once. The write path computes the same in
// src/search/search-keys.ts, which also removes combining marks (tone marks, accents): stored
// pinyin has none, and an accented English name gets its exact key when it is next written.
// One transaction: a graph of more than about 100,000 entities written before this migration is
// best re-ingested (every write sets searchKeys).
MATCH (n:Entity)
WHERE n.searchKeys IS NULL
WITH n, [n.name] + coalesce(n.aliases, []) + coalesce(n.traditionalNames, []) + coalesce(n.pinyinNames, []) + coalesce(n.initials, []) + coalesce(n.abbreviations, []) + coalesce(n.identifiers, []) + CASE WHEN n.englishName IS NULL THEN [] ELSE [n.englishName] END AS forms
WITH n, [form IN forms WHERE form IS NOT NULL | toLower(replace(normalize(form, NFKC), ' ', ''))] AS keys
SET n.searchKeys = reduce(unique = [], key IN keys | CASE WHEN key = '' OR key IN unique THEN unique ELSE unique + key END);
