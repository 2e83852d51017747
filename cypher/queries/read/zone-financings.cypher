// FINANCED_BY relations of a zone and of the projects it develops, hosts or supports.
UNWIND $ids AS id
MATCH (z:Entity {id: id})
CALL (z) {
  MATCH (z)-[r:FINANCED_BY]->(:Entity)
  RETURN r
  UNION
  MATCH (z)-[:DEVELOPS|HOSTS|SUPPORTS]->(:Project)-[r:FINANCED_BY]->(:Entity)
  RETURN r
  UNION
  MATCH (z)<-[:PART_OF]-(:Park)-[:HOSTS|DEVELOPS]->(:Project)-[r:FINANCED_BY]->(:Entity)
  RETURN r
}
WITH id, r
ORDER BY id, r.id
RETURN id, collect({id: r.id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)}) AS relations
