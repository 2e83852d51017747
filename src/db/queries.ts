/**
 * Every named Cypher statement the code runs, one file each under `cypher/queries/`.
 * The registry checks at boot that each has a file, so a missing or misnamed file stops
 * the server before it accepts a request.
 */
import { ANALYTICS_QUERY_NAMES } from '../analytics/queries';
import { CATALOGUE_QUERY_NAMES } from '../catalogue/queries';
import { KIND_NAMES, ZONE_ORDER_NAMES, kindVars, orderVars, type ListOrderName } from '../domain/list-orders';
import { RELATION_TYPES, type EntityKindName, type RelationTypeName } from '../domain/vocabulary';
import { EXPORT_QUERY_NAMES } from '../ingest/export-queries';

export const QUERY_NAMES = [
  'migrations/applied',
  'migrations/record',
  'migrations/await-indexes',
  'migrations/entity-ids-page',
  'migrations/zone-ids-page',
  'migrations/search-cells-page',
  'boot/lock-constraint',
  'boot/lock-acquire',
  'boot/lock-release',
  'system/constraints',
  'system/indexes',
  'system/analyzers',
  'system/replan',
  'ingest/lock-entities',
  'ingest/merge-sources',
  'ingest/merge-entities',
  'ingest/claim-names',
  'ingest/merge-evidence',
  'ingest/replace-facts',
  'ingest/zone-investment',
  'ingest/ledger-find',
  'ingest/ledger-record',
  'ingest/ledger-touch',
  'ingest/lookup-sources',
  'ingest/lookup-ids',
  'ingest/lookup-names',
  'ingest/lookup-merged',
  'ingest/merge-records',
  'ingest/count-entities',
  'ingest/refresh-derived',
  'ingest/relation-keys',
  'seed/summary-nodes',
  'seed/summary-relations',
  'seed/summary-other',
  'read/entities-by-ids',
  'read/relations-by-ids',
  'read/relation-page',
  'read/relation-count',
  'read/entity-neighbours',
  'read/neighbour-count',
  'read/member-page',
  'read/member-zones',
  'read/region-zone-page',
  'read/region-zone-count',
  'read/zone-financings',
  'read/zone-project-amounts',
  'read/entity-evidence',
  'read/evidence-by-ids',
  'read/facts-by-entity',
  'read/facts-by-ids',
  'read/list-count',
  'read/list-zone',
  'read/list-zone-count',
  'read/list-region',
  'read/list-region-count',
  'read/zone-class-count',
  'read/region-zone-stats',
  'read/search',
  'read/search-han',
  'read/search-cells',
  'audit/record',
  'audit/page',
  'audit/restore',
  'audit/export-page',
  'mutations/relation-delete',
  'mutations/record-deletion',
  'mutations/merge-read',
  'mutations/merge-move-relations',
  'mutations/merge-apply',
  'mutations/entity-exists',
  'graph/version',
  'graph/bump-version',
  ...ANALYTICS_QUERY_NAMES,
  ...EXPORT_QUERY_NAMES,
  ...CATALOGUE_QUERY_NAMES,
] as const;

/**
 * Statements written once as a template and instantiated per list order (src/domain/list-orders.ts).
 * read/list-filtered is read/list-page with the typed filters (cypher/fragments/list-filters):
 * an unfiltered list's page runs without them, a smaller plan with nothing to test per entity.
 */
export const ORDER_TEMPLATES = [
  'read/list-page',
  'read/list-filtered',
  'read/zone-page',
  'read/zone-class-page',
] as const;

/** The file and the filter fragment of each list page template (the others have their own file). */
const ORDER_TEMPLATE_FILES: Readonly<Record<string, { file: string; filters: string }>> = {
  'read/list-page': { file: 'read/list-page', filters: 'no_list_filters' },
  'read/list-filtered': { file: 'read/list-page', filters: 'list_filters' },
};
/** Statements written once as a template and instantiated per entity kind (its label). */
export const KIND_TEMPLATES = ['read/kind-count'] as const;
/** Statements written once as a template and instantiated per relationship type. */
export const TYPE_TEMPLATES = [
  'read/relation-type-page',
  'read/relation-type-count',
  'read/neighbour-page',
  'ingest/merge-relations',
  'analytics/hub-draw',
] as const;

/**
 * The bounds a path search may be instantiated with: an instance holds one stage per length up
 * to its bound and none past it (cypher/queries/analytics/paths.cypher), so a search bounded by
 * the hops asked for never plans or runs a longer one. They are Query.paths' maxHops
 * (ARGUMENT_BOUNDS in src/graphql/pagination.ts; a unit test keeps the two in step).
 */
export const PATH_HOPS = ['1', '2', '3', '4', '5', '6'] as const;
export type PathHops = (typeof PATH_HOPS)[number];
/**
 * Statements written once as a template and instantiated per bound of their path search: the
 * search through any list of types ($types), and the one through the followed types, which
 * names them (both cypher/queries/analytics/paths.cypher).
 */
export const HOPS_TEMPLATES = ['analytics/paths', 'analytics/paths-followed'] as const;

export type OrderQueryName = `${(typeof ORDER_TEMPLATES)[number]}#${ListOrderName}`;
export type KindQueryName = `${(typeof KIND_TEMPLATES)[number]}#${EntityKindName}`;
export type TypeQueryName = `${(typeof TYPE_TEMPLATES)[number]}#${RelationTypeName}`;
export type HopsQueryName = `${(typeof HOPS_TEMPLATES)[number]}#${PathHops}`;
export type QueryName = (typeof QUERY_NAMES)[number] | OrderQueryName | KindQueryName | TypeQueryName | HopsQueryName;

/** Every statement the registry loads at boot: the plain ones and each template's instances. */
export const ALL_QUERY_NAMES: readonly QueryName[] = [
  ...QUERY_NAMES,
  ...ORDER_TEMPLATES.flatMap((base) => ZONE_ORDER_NAMES.map((order): OrderQueryName => `${base}#${order}`)),
  ...KIND_TEMPLATES.flatMap((base) => KIND_NAMES.map((kind): KindQueryName => `${base}#${kind}`)),
  ...TYPE_TEMPLATES.flatMap((base) => RELATION_TYPES.map((type): TypeQueryName => `${base}#${type}`)),
  ...HOPS_TEMPLATES.flatMap((base) => PATH_HOPS.map((hops): HopsQueryName => `${base}#${hops}`)),
];

/**
 * The variables of a path search bounded by `maxHops`: its bound, its types, and for each length
 * past the first the fragment of its stage, up to the bound (`paths_stage_K`), or none past it.
 */
function hopsVars(maxHops: PathHops, followed: boolean): Record<string, string> {
  // The followed types named, and nothing else tested; or every type named, each relation tested.
  const vars: Record<string, string> = followed
    ? { maxHops, types: 'followedType', anyType: 'true' }
    : { maxHops, types: 'relationType', anyType: 'false' };
  for (const hops of PATH_HOPS.slice(1)) {
    vars[`stage${hops}`] = Number(hops) <= Number(maxHops) ? `paths_stage_${hops}` : 'paths_past_bound';
  }
  return vars;
}

/** The file of a statement and the template variables of its instance (none for a plain statement). */
export function templateOf(name: QueryName): { file: string; vars: Record<string, string> } {
  const [file = name, variant] = name.split('#');
  if (variant === undefined) return { file, vars: {} };
  if ((ORDER_TEMPLATES as readonly string[]).includes(file)) {
    const page = ORDER_TEMPLATE_FILES[file];
    return page === undefined
      ? { file, vars: orderVars(variant as ListOrderName) }
      : { file: page.file, vars: { ...orderVars(variant as ListOrderName), filters: page.filters } };
  }
  if ((TYPE_TEMPLATES as readonly string[]).includes(file))
    return { file, vars: { type: variant as RelationTypeName } };
  if ((HOPS_TEMPLATES as readonly string[]).includes(file)) {
    return { file: 'analytics/paths', vars: hopsVars(variant as PathHops, file === 'analytics/paths-followed') };
  }
  return { file, vars: kindVars(variant as EntityKindName) };
}
