/** Named Cypher statements of the analytics area (cypher/queries/analytics/*.cypher). */
export const ANALYTICS_QUERY_NAMES = [
  'analytics/neighborhood',
  'analytics/paths',
  'analytics/suggestion-hubs',
  'analytics/suggestion-links',
] as const;
