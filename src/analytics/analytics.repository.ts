import type { Executor, Row } from '../db/executor';
import { PATH_HOPS, type HopsQueryName } from '../db/queries';
import { ENTITY_KINDS, type EntityKindName, type RelationTypeName } from '../domain/vocabulary';
import {
  propsFromValues,
  RELATION_RECORD_PROPS,
  toPageEntity,
  toRelationRecord,
  type EntityRecord,
  type RelationRecord,
} from '../entities/records';
import type { GraphReads } from '../graphql/selection';
import { DEFAULT_FOLLOWED_TYPES, NOT_SUGGESTED_BY_DEFAULT } from './link-types';
import {
  REASON_WEIGHTS,
  roleParameters,
  SUGGESTION_DRAW_CAP,
  SUGGESTION_SCAN_DEGREE,
  weightUnits,
  type AnchorSide,
  type RankedCandidate,
  type SuggestionLink,
} from './suggestions';

export interface NeighborhoodNodeRecord {
  readonly entity: EntityRecord;
  readonly depth: number;
  readonly degree: number;
  readonly omittedNeighbours: number;
}

export interface NeighborhoodRecord {
  readonly nodes: NeighborhoodNodeRecord[];
  readonly edges: RelationRecord[];
}

export interface PathRecord {
  readonly nodes: EntityRecord[];
  readonly relations: RelationRecord[];
  readonly length: number;
}

export interface SuggestionRanking {
  readonly entity: EntityRecord;
  readonly ranked: RankedCandidate[];
}

const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

/**
 * The path statement bounded by `maxHops` (1 to 6: Query.paths checks it first) through
 * `types`: the one that names the followed types when `types` are exactly those (the default),
 * else the one that tests each relation against the list.
 */
export function pathsStatement(maxHops: number, types: readonly RelationTypeName[]): HopsQueryName {
  const hops = PATH_HOPS.find((bound) => bound === String(maxHops));
  if (hops === undefined) throw new RangeError(`no path statement for ${maxHops} hops`);
  const asked = new Set(types);
  const followed =
    asked.size === DEFAULT_FOLLOWED_TYPES.length && DEFAULT_FOLLOWED_TYPES.every((type) => asked.has(type));
  return followed ? `analytics/paths-followed#${hops}` : `analytics/paths#${hops}`;
}

/** Whole entities and every relation property: what a caller that knows no selection reads. */
export const WHOLE_GRAPH: GraphReads = { entityProps: null, relationProps: RELATION_RECORD_PROPS };

/** The parameters that say what a graph statement (neighborhood, paths) reads of its entities and relations. */
export function graphParameters(reads: GraphReads = WHOLE_GRAPH): {
  entityProps: readonly string[] | null;
  relProps: readonly string[];
} {
  return { entityProps: reads.entityProps, relProps: reads.relationProps };
}

/**
 * A relation as a graph statement returns it, `{id, type, fromId, toId, values}`: its
 * properties are the list of the values of `reads.relationProps`.
 */
function toGraphRelation(row: Row, reads: GraphReads): RelationRecord {
  return toRelationRecord({ ...row, props: propsFromValues(reads.relationProps, row.values as unknown[]) });
}

/**
 * How partner suggestions draw the hubs among an entity's anchors (src/analytics/SCORING.md):
 * each one's first SUGGESTION_DRAW_CAP + 1 neighbours by name, from the relation page indexes
 * (analytics/hub-draw), so that the statement never reads a hub whole.
 */
export interface SuggestionDraws {
  /** When the entity asked about is a hub: its neighbours of every kind but REGION, the first by name. */
  readonly entityDraw: string[] | null;
  /** For each hub among its anchors (and the parks of its zones): its neighbours of the kinds asked for. */
  readonly hubDraws: Readonly<Record<string, string[]>>;
}

/** No draws: the statement reads every anchor whole (same answer, cost growing with the hubs). */
export const READ_WHOLE: SuggestionDraws = { entityDraw: null, hubDraws: {} };

/** The kinds of an entity's shared-entity anchors: every kind but REGION (a region is an anchor of its own). */
const ANCHOR_KINDS: readonly EntityKindName[] = ENTITY_KINDS.filter((kind) => kind !== 'REGION');

/** The candidate kinds: those asked for, or every kind but the default exclusions. */
function candidateKinds(kinds: readonly EntityKindName[] | null): EntityKindName[] {
  return kinds === null ? ENTITY_KINDS.filter((kind) => !NOT_SUGGESTED_BY_DEFAULT.includes(kind)) : [...kinds];
}

/** The parameters of analytics/suggestion-links.cypher (also used by the cost tests, which PROFILE it). */
export function suggestionParameters(
  id: string,
  kinds: readonly EntityKindName[] | null,
  first: number,
  draws: SuggestionDraws = READ_WHOLE,
  reads: GraphReads = WHOLE_GRAPH,
): Record<string, unknown> {
  return {
    ...graphParameters(reads),
    id,
    // Always a list, so the statement has one plan: without `kinds`, every kind but the default exclusions.
    kinds: candidateKinds(kinds),
    first,
    cap: SUGGESTION_DRAW_CAP,
    // One map (see cypher/fragments/suggestion-anchors): one plan whatever was drawn.
    draws: { entity: draws.entityDraw, hubs: draws.hubDraws },
    weights: Object.fromEntries(Object.entries(REASON_WEIGHTS).map(([kind, weight]) => [kind, weightUnits(weight)])),
    roles: roleParameters(),
  };
}

/** The parameters of analytics/suggestion-hubs: E's draw, once E is drawn, in a map as for suggestion-links. */
export function suggestionHubParameters(
  id: string,
  scan: number,
  entityDraw: string[] | null,
): Record<string, unknown> {
  return { id, scan, cap: SUGGESTION_DRAW_CAP, draws: { entity: entityDraw } };
}

/** A hub as analytics/suggestion-hubs returns it: its id and the followed types it has relations of. */
interface Hub {
  readonly id: string;
  readonly types: RelationTypeName[];
}

function toHub(row: Row): Hub {
  return {
    id: String(row.id),
    types: rows(row.degrees)
      .filter((degree) => Number(degree.out) + Number(degree.in) > 0)
      .map((degree) => String(degree.type) as RelationTypeName),
  };
}

/**
 * The analytics statements, one per field, each returning everything the field needs in one
 * row so that the number of statements never depends on the size of the graph. Rows are
 * converted here, at the boundary, into the records the rest of the code reads.
 */
export class AnalyticsRepository {
  /**
   * `scanDegree`: above this many followed relations an entity is a hub, drawn from the indexes
   * (SUGGESTION_SCAN_DEGREE; tests lower it to draw every anchor that way and compare answers).
   */
  constructor(
    private readonly executor: Executor,
    private readonly scanDegree: number = SUGGESTION_SCAN_DEGREE,
  ) {}

  /** The neighbourhood of `id`, or null when no entity has that id. */
  async neighborhood(
    id: string,
    depth: number,
    limit: number,
    types: readonly RelationTypeName[],
    reads: GraphReads = WHOLE_GRAPH,
  ): Promise<NeighborhoodRecord | null> {
    const [row] = await this.executor.read('analytics/neighborhood', {
      id,
      depth,
      limit,
      types,
      ...graphParameters(reads),
    });
    if (row === undefined) return null;
    const edges = rows(row.edges).map((edge) => toGraphRelation(edge, reads));
    // Shown: the node's relations in the subgraph (a relation from a node to itself counts once).
    const shown = new Map<string, number>();
    for (const edge of edges) {
      for (const end of new Set([edge.fromId, edge.toId])) shown.set(end, (shown.get(end) ?? 0) + 1);
    }
    return {
      nodes: rows(row.nodes).map((node) => {
        const entity = toPageEntity(node.entity, reads.entityProps);
        const degree = Number(node.degree);
        return { entity, depth: Number(node.depth), degree, omittedNeighbours: degree - (shown.get(entity.id) ?? 0) };
      }),
      edges,
    };
  }

  /**
   * Shortest paths between two entities, and which of the two ids no entity has (`missing`: no
   * search runs then). Runs with its own transaction timeout; a timeout surfaces as
   * QueryTimeoutError from the executor.
   */
  async shortestPaths(
    from: string,
    to: string,
    maxHops: number,
    first: number,
    types: readonly RelationTypeName[],
    timeoutMs: number,
    reads: GraphReads = WHOLE_GRAPH,
  ): Promise<{ missing: string[]; paths: PathRecord[] }> {
    const [row] = await this.executor.read(
      pathsStatement(maxHops, types),
      { from, to, first, types, ...graphParameters(reads) },
      { timeoutMs },
    );
    const missing = [...(row?.fromFound === true ? [] : [from]), ...(row?.toFound === true ? [] : [to])];
    const paths = rows(row?.paths).map((path) => {
      const relations = rows(path.relations).map((relation) => toGraphRelation(relation, reads));
      const nodes = (path.nodes as unknown[]).map((node) => toPageEntity(node, reads.entityProps));
      return { nodes, relations, length: relations.length };
    });
    return { missing, paths };
  }

  /**
   * The first `first` partner candidates of `id`, ranked by the statement with their links, or
   * null when no entity has that id.
   */
  async suggestions(
    id: string,
    kinds: readonly EntityKindName[] | null,
    first: number,
    reads: GraphReads = WHOLE_GRAPH,
  ): Promise<SuggestionRanking | null> {
    const draws = await this.suggestionDraws(id, kinds);
    if (draws === null) return null;
    const [row] = await this.executor.read(
      'analytics/suggestion-links',
      suggestionParameters(id, kinds, first, draws, reads),
    );
    if (row === undefined) return null;
    const entity = toPageEntity(row.entity, reads.entityProps);
    const entities = new Map(
      (Array.isArray(row.entities) ? (row.entities as unknown[]) : []).map((item) => {
        const record = toPageEntity(item, reads.entityProps);
        return [record.id, record];
      }),
    );
    const lookup = (id: unknown): EntityRecord => {
      const found = entities.get(String(id));
      if (found === undefined) throw new Error(`suggestion-links returned no entity ${String(id)}`);
      return found;
    };
    const toSide = (side: Row): AnchorSide => ({
      nodes: (side.nodeIds as unknown[]).map(lookup),
      relations: rows(side.rels).map((relation) => toGraphRelation(relation, reads)),
    });
    const ranked = rows(row.suggestions).map((item): RankedCandidate => ({
      candidate: lookup(item.candidateId),
      scoreUnits: Number(item.score),
      industries: (item.industries as unknown[]).map(String),
      roles: (item.roles as unknown[]).map(String),
      links: rows(item.links).map((link): SuggestionLink => ({
        via: String(link.via) as SuggestionLink['via'],
        anchorId: String(link.anchorId),
        degree: Number(link.degree),
        weightUnits: Number(link.weight),
        entitySides: rows(link.entitySides).map(toSide),
        candidateSides: rows(link.candidateSides).map(toSide),
      })),
    }));
    return { entity, ranked };
  }

  /**
   * The draws of the hubs partner suggestions for `id` meet, or null when no entity has that id.
   * analytics/suggestion-hubs names them (E itself first, when E is one: its draw decides its
   * anchors); analytics/hub-draw draws them, one statement per relation type they have, side by
   * side. Nothing is drawn, and no statement but the first is sent, when there is no hub.
   */
  async suggestionDraws(id: string, kinds: readonly EntityKindName[] | null): Promise<SuggestionDraws | null> {
    const hubs = async (entityDraw: string[] | null): Promise<{ drawEntity: boolean; hubs: Hub[] } | null> => {
      const [row] = await this.executor.read(
        'analytics/suggestion-hubs',
        suggestionHubParameters(id, this.scanDegree, entityDraw),
      );
      return row === undefined ? null : { drawEntity: row.drawEntity === true, hubs: rows(row.hubs).map(toHub) };
    };
    let found = await hubs(null);
    if (found === null) return null;
    let entityDraw: string[] | null = null;
    if (found.drawEntity) {
      entityDraw = (await this.drawHubs(found.hubs, ANCHOR_KINDS)).get(id) ?? [];
      found = await hubs(entityDraw);
      if (found === null) return null;
    }
    return { entityDraw, hubDraws: Object.fromEntries(await this.drawHubs(found.hubs, candidateKinds(kinds))) };
  }

  /**
   * Plans the suggestion statements (the boot's warm-up), each run for an id no entity has, with
   * parameters of the types a request sends when the entity asked about is not a hub.
   */
  async planSuggestions(nobody: string): Promise<void> {
    await Promise.all([
      this.executor.read('analytics/suggestion-hubs', suggestionHubParameters(nobody, this.scanDegree, null)),
      this.executor.read('analytics/suggestion-links', suggestionParameters(nobody, null, 1)),
      ...DEFAULT_FOLLOWED_TYPES.map((type) =>
        this.executor.read(`analytics/hub-draw#${type}`, {
          ids: [nobody],
          kinds: ANCHOR_KINDS,
          cap: SUGGESTION_DRAW_CAP,
        }),
      ),
    ]);
  }

  /** Each hub's first SUGGESTION_DRAW_CAP + 1 neighbours of `kinds` by name, per type and side (ids, unordered). */
  private async drawHubs(hubs: readonly Hub[], kinds: readonly EntityKindName[]): Promise<Map<string, string[]>> {
    const draws = new Map(hubs.map((hub) => [hub.id, [] as string[]]));
    const byType = new Map<RelationTypeName, string[]>();
    for (const hub of hubs) for (const type of hub.types) byType.set(type, [...(byType.get(type) ?? []), hub.id]);
    const results = await Promise.all(
      [...byType].map(([type, ids]) =>
        this.executor.read(`analytics/hub-draw#${type}`, { ids, kinds, cap: SUGGESTION_DRAW_CAP }),
      ),
    );
    for (const row of results.flat()) draws.get(String(row.id))?.push(...(row.ends as unknown[]).map(String));
    return draws;
  }
}
