/** Named Cypher statements of the export tool (cypher/queries/export/*.cypher). */
export const EXPORT_QUERY_NAMES = [
  'export/sources-page',
  'export/entities-page',
  'export/relations-page',
  'export/evidence-by-ids',
  'export/entities-by-ids',
] as const;
