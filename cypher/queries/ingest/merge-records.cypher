// Entities restored with `mergedIds` (from an export) get their MergeRecords back, so the ids
// merged into them stay unusable (MERGED_ID) on the restored graph too.
UNWIND $rows AS row
UNWIND row.mergedIds AS merged
MERGE (m:MergeRecord {merged: merged})
ON CREATE SET m.keep = row.id, m.at = datetime(), m.reason = 'recorded by ingest (mergedIds)'
RETURN count(m) AS recorded
