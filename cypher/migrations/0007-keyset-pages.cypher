// Keyset pages (API v2). Every list is ordered by a maintained string key that ends with the
// entity's listKey (pinyin sort name, then id), so a page is one index seek after the cursor:
// its cost follows the page, not the graph. The node keys are indexed with `kind`, so one
// index serves every kind's list in one order (src/domain/list-orders.ts).
CREATE INDEX entity_kind_list_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.listKey);
CREATE INDEX entity_kind_invest_asc_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.investAscKey);
CREATE INDEX entity_kind_invest_desc_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.investDescKey);
CREATE INDEX entity_kind_rel_count_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.relCountKey);
// A relation carries the ids of its ends and, for each end, a key that orders the relations of
// the OTHER end: fromKey = the start's kind, listKey and the relation id; toKey the same for its
// end. Indexed per type with the id of the end they are read from, a hub's relations (a bank's
// 5,000 clients) are read a page at a time, in name order, without touching the rest.
CREATE INDEX rel_located_in_from_page IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_located_in_to_page IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_part_of_from_page IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_part_of_to_page IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_financed_by_from_page IF NOT EXISTS FOR ()-[r:FINANCED_BY]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_financed_by_to_page IF NOT EXISTS FOR ()-[r:FINANCED_BY]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_partnered_with_from_page IF NOT EXISTS FOR ()-[r:PARTNERED_WITH]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_partnered_with_to_page IF NOT EXISTS FOR ()-[r:PARTNERED_WITH]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_hosts_from_page IF NOT EXISTS FOR ()-[r:HOSTS]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_hosts_to_page IF NOT EXISTS FOR ()-[r:HOSTS]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_develops_from_page IF NOT EXISTS FOR ()-[r:DEVELOPS]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_develops_to_page IF NOT EXISTS FOR ()-[r:DEVELOPS]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_operates_from_page IF NOT EXISTS FOR ()-[r:OPERATES]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_operates_to_page IF NOT EXISTS FOR ()-[r:OPERATES]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_subsidized_under_from_page IF NOT EXISTS FOR ()-[r:SUBSIDIZED_UNDER]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_subsidized_under_to_page IF NOT EXISTS FOR ()-[r:SUBSIDIZED_UNDER]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_issued_from_page IF NOT EXISTS FOR ()-[r:ISSUED]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_issued_to_page IF NOT EXISTS FOR ()-[r:ISSUED]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_courts_from_page IF NOT EXISTS FOR ()-[r:COURTS]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_courts_to_page IF NOT EXISTS FOR ()-[r:COURTS]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_invests_in_from_page IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_invests_in_to_page IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_supports_from_page IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_supports_to_page IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_applied_for_from_page IF NOT EXISTS FOR ()-[r:APPLIED_FOR]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_applied_for_to_page IF NOT EXISTS FOR ()-[r:APPLIED_FOR]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_awarded_from_page IF NOT EXISTS FOR ()-[r:AWARDED]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_awarded_to_page IF NOT EXISTS FOR ()-[r:AWARDED]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_advises_from_page IF NOT EXISTS FOR ()-[r:ADVISES]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_advises_to_page IF NOT EXISTS FOR ()-[r:ADVISES]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_authored_from_page IF NOT EXISTS FOR ()-[r:AUTHORED]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_authored_to_page IF NOT EXISTS FOR ()-[r:AUTHORED]-() ON (r.toId, r.fromKey);
CREATE INDEX rel_mentioned_in_from_page IF NOT EXISTS FOR ()-[r:MENTIONED_IN]-() ON (r.fromId, r.toKey);
CREATE INDEX rel_mentioned_in_to_page IF NOT EXISTS FOR ()-[r:MENTIONED_IN]-() ON (r.toId, r.fromKey);
// Backfill what graphs written before this migration lack. The other derived keys (relation
// counts, investments) are recomputed by the code's backfill of this version (src/db/migrations.ts).
MATCH (n:Entity) WHERE n.sortName IS NOT NULL SET n.listKey = n.sortName + '\u0000' + n.id;
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL
SET r.fromId = a.id, r.toId = b.id,
    r.fromKey = a.kind + '\u0001' + a.listKey + '\u0001' + r.id,
    r.toKey = b.kind + '\u0001' + b.listKey + '\u0001' + r.id;
