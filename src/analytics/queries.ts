/** Named Cypher statements of the analytics area (cypher/queries/analytics/*.cypher). */
export const ANALYTICS_QUERY_NAMES = [] as const;
