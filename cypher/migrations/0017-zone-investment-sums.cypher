// Zone.stats.totalProjectInvestment is read from the zone: the exact sum of its projects'
// investments is kept on it (`projectInvestmentSum`) by the write path, in the write's own
// transaction (src/ingest/derived.ts), so a page of zones ranked by investment no longer sums
// every project of its zones per request (issue 8). This version has no schema statement: the
// sums of zones written before it are made by the code's backfill of this version
// (src/db/migrations.ts).
