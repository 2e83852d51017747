// NameClaim.entityId is looked up on every entity write (names an entity no longer carries are
// released) and on every merge (claims move to the kept entity). Without this index each of
// those lookups scans every claim, which made a bulk ingest quadratic in the graph's size.
CREATE INDEX name_claim_entity IF NOT EXISTS FOR (c:NameClaim) ON (c.entityId);
