// Everything that hangs off the entity being merged away, read inside the merge transaction.
MATCH (keep:Entity {id: $keep})
MATCH (gone:Entity {id: $merge})
OPTIONAL MATCH (gone)-[r]-(other:Entity)
WITH keep, gone, collect(CASE WHEN r IS NULL THEN null ELSE {
  id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)
} END) AS relations
RETURN keep.kind AS keepKind, gone.kind AS goneKind, gone.name AS goneName, gone.aliases AS goneAliases,
       keep.aliases AS keepAliases, keep.name AS keepName, keep.englishName AS keepEnglishName, relations,
       properties(gone) AS goneProps
