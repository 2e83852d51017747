// The zones the graph holds from sources other than the national catalogue (whose zones are
// `zone:cn-...`), with the regions each lies in (LOCATED_IN, then up PART_OF), for entity
// resolution of the catalogue's rows. Run once per import, not on a request path.
MATCH (z:Zone)
WHERE NOT z.id STARTS WITH 'zone:cn-'
OPTIONAL MATCH (z)-[:LOCATED_IN]->(:Entity)-[:PART_OF*0..3]->(r:Region)
WITH z, collect(DISTINCT r {.id, .name, .subtype}) AS regions
RETURN z.id AS id, z.name AS name, z.aliases AS aliases, z.subtype AS subtype, z.identifiers AS identifiers, regions
ORDER BY id
