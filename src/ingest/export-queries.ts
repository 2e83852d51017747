/** Named Cypher statements of the export tool (cypher/queries/export/*.cypher). */
export const EXPORT_QUERY_NAMES = [] as const;
