/**
 * Every named Cypher statement the code runs, one file each under `cypher/queries/`.
 * The registry checks at boot that each has a file, so a missing or misnamed file stops
 * the server before it accepts a request.
 */
import { ANALYTICS_QUERY_NAMES } from '../analytics/queries';
import { CATALOGUE_QUERY_NAMES } from '../catalogue/queries';
import { EXPORT_QUERY_NAMES } from '../ingest/export-queries';

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
  'ingest/lookup-merged',
  'ingest/merge-records',
  'ingest/count-entities',
  'seed/summary-nodes',
  'seed/summary-relations',
  'seed/summary-other',
  'read/entities-by-ids',
  'read/relations-by-ids',
  'read/entity-relations',
  'read/entity-neighbours',
  'read/zone-members',
  'read/member-zones',
  'read/region-zones',
  'read/zone-financings',
  'read/entity-evidence',
  'read/evidence-by-ids',
  'read/facts-by-entity',
  'read/facts-by-ids',
  'read/list-entities',
  'read/search',
  'mutations/relation-delete',
  'mutations/record-deletion',
  'mutations/merge-read',
  'mutations/merge-move-relations',
  'mutations/merge-apply',
  'mutations/entity-exists',
  ...ANALYTICS_QUERY_NAMES,
  ...EXPORT_QUERY_NAMES,
  ...CATALOGUE_QUERY_NAMES,
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];
