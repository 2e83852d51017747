// The zones in each region: located in it or in a region that is (through PART_OF) inside it,
// as the lists' `region` filter counts them.
UNWIND $ids AS id
MATCH (g:Entity {id: id})
WHERE g.kind = 'REGION'
MATCH (z:Zone)-[:LOCATED_IN|PART_OF]->{1,6}(g)
WITH DISTINCT id, z
ORDER BY id, z.sortName, z.id
RETURN id, collect(z {.*}) AS zones
