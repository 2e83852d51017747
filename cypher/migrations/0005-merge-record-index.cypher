// Ids merged away are never reused: every write looks its ids up among the MergeRecords.
CREATE INDEX merge_record_merged IF NOT EXISTS FOR (m:MergeRecord) ON (m.merged);
