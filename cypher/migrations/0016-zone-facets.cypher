// Zone lists of the national catalogue (issue 10): the zone-only orders (by approval date and
// by approved area) are keyset keys kept by the write path like the others (listKey,
// investAscKey: ingest/refresh-derived), each indexed with `kind` so a page is one index seek.
// A zone's class (`zoneClass`: subtype/approvalLevel, e.g. HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE/
// PROVINCIAL) is indexed with each order's key: a list filtered by subtype or level reads each
// class it covers from the cursor on, in order, a page at most (read/zone-class-page), never
// passing over the zones of other classes. The keys of zones written before this migration are
// computed by the code's backfill of this version (src/db/migrations.ts).
CREATE INDEX entity_kind_date_asc_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.dateAscKey);
CREATE INDEX entity_kind_date_desc_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.dateDescKey);
CREATE INDEX entity_kind_area_asc_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.areaAscKey);
CREATE INDEX entity_kind_area_desc_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.areaDescKey);
CREATE INDEX zone_class_list_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.listKey);
CREATE INDEX zone_class_invest_asc_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.investAscKey);
CREATE INDEX zone_class_invest_desc_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.investDescKey);
CREATE INDEX zone_class_rel_count_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.relCountKey);
CREATE INDEX zone_class_date_asc_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.dateAscKey);
CREATE INDEX zone_class_date_desc_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.dateDescKey);
CREATE INDEX zone_class_area_asc_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.areaAscKey);
CREATE INDEX zone_class_area_desc_key IF NOT EXISTS FOR (n:Zone) ON (n.zoneClass, n.areaDescKey);
