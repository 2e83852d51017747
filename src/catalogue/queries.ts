/** Named Cypher statements of the catalogue import (cypher/queries/catalogue/*.cypher). */
export const CATALOGUE_QUERY_NAMES = ['catalogue/graph-zones', 'catalogue/relations-by-ids'] as const;
