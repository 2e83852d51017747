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
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];
