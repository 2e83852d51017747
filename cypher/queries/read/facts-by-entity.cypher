UNWIND $ids AS id
MATCH (:Entity {id: id})-[:HAS_FACT]->(f:Fact)
WITH id, f
ORDER BY id, f.key, f.id
RETURN id, collect(f {.*}) AS facts
