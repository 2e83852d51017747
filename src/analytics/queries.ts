/**
 * Named Cypher statements of the analytics area (cypher/queries/analytics/*.cypher); analytics/paths
 * (and analytics/paths-followed, the same file) and analytics/hub-draw are templates (src/db/queries.ts).
 */
export const ANALYTICS_QUERY_NAMES = [
  'analytics/neighborhood',
  'analytics/suggestion-hubs',
  'analytics/suggestion-links',
] as const;
