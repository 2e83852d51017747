// The audit log of writes (src/audit/audit.ts): one entry per applied chunk, deletion or merge,
// found by id, and read newest first by its sort key (the time, then the id).
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE;
CREATE INDEX audit_entry_sort IF NOT EXISTS FOR (a:AuditEntry) ON (a.sortKey);
