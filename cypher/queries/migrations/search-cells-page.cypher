// The search cells of a page of entities (migration 0019's backfill, src/db/migrations.ts), as
// the write path keeps them (ingest/refresh-derived).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET
//@include search-cells
RETURN count(n) AS done
