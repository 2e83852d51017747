// How many {{type}} relations each entity in $ids has on the sides $out and $in name: degrees
// from the degree store, so a hub counts in constant time.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id,
       CASE WHEN $out THEN COUNT { (n)-[:{{type}}]->() } ELSE 0 END
       + CASE WHEN $in THEN COUNT { (n)<-[:{{type}}]-() } ELSE 0 END AS totalCount
