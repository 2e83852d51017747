/**
 * Every named Cypher statement the code runs, one file each under `cypher/queries/`.
 * The registry checks at boot that each has a file, so a missing or misnamed file stops
 * the server before it accepts a request.
 */
export const QUERY_NAMES = [
  'migrations/applied',
  'migrations/record',
  'migrations/await-indexes',
  'system/constraints',
  'system/indexes',
  'system/analyzers',
  'ingest/merge-sources',
  'ingest/merge-entities',
  'ingest/claim-names',
  'ingest/merge-evidence',
  'ingest/replace-facts',
  'ingest/merge-relations',
  'ingest/ledger-find',
  'ingest/ledger-record',
  'ingest/ledger-touch',
  'ingest/lookup-sources',
  'ingest/lookup-ids',
  'ingest/lookup-names',
  'ingest/count-entities',
  'seed/summary-nodes',
  'seed/summary-relations',
  'seed/summary-other',
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];
