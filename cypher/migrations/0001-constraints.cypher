// Stable ids are the merge keys of the whole write path: a node or relation is found by id,
// never created twice. Every constraint is IF NOT EXISTS so the file can run any number of times.
CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (n:Fact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ingest_ledger_key IF NOT EXISTS FOR (n:IngestLedger) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT name_claim_text IF NOT EXISTS FOR (n:NameClaim) REQUIRE n.text IS UNIQUE;
