import type { Executor, Row } from '../db/executor';
import type { EntityKindName, RelationTypeName } from '../domain/vocabulary';
import { toEntityRecord, toRelationRecord, type EntityRecord, type RelationRecord } from '../entities/records';
import {
  FINANCING_LINKS,
  DEFAULT_FOLLOWED_TYPES,
  MEMBER_TO_ZONE,
  NOT_SUGGESTED_BY_DEFAULT,
  REGION_LINKS,
  ZONE_TO_MEMBER,
} from './link-types';
import type { SuggestionLink } from './suggestions';

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

export interface SuggestionGraph {
  readonly entities: Map<string, EntityRecord>;
  readonly financed: Set<string>;
  readonly links: SuggestionLink[];
}

const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

/**
 * The analytics statements, one per field, each returning everything the field needs in one
 * row so that the number of statements never depends on the size of the graph. Rows are
 * converted here, at the boundary, into the records the rest of the code reads.
 */
export class AnalyticsRepository {
  constructor(private readonly executor: Executor) {}

  /** The neighbourhood of `id`, or null when no entity has that id. */
  async neighborhood(
    id: string,
    depth: number,
    limit: number,
    types: readonly RelationTypeName[],
  ): Promise<NeighborhoodRecord | null> {
    const [row] = await this.executor.read('analytics/neighborhood', { id, depth, limit, types });
    if (row === undefined) return null;
    const edges = rows(row.edges).map(toRelationRecord);
    // Shown: the node's relations in the subgraph (a relation from a node to itself counts once).
    const shown = new Map<string, number>();
    for (const edge of edges) {
      for (const end of new Set([edge.fromId, edge.toId])) shown.set(end, (shown.get(end) ?? 0) + 1);
    }
    return {
      nodes: rows(row.nodes).map((node) => {
        const entity = toEntityRecord(node.entity as Row);
        const degree = Number(node.degree);
        return { entity, depth: Number(node.depth), degree, omittedNeighbours: degree - (shown.get(entity.id) ?? 0) };
      }),
      edges,
    };
  }

  /**
   * Shortest paths between two entities. Runs with its own transaction timeout; a timeout
   * surfaces as QueryTimeoutError from the executor.
   */
  async shortestPaths(
    from: string,
    to: string,
    maxHops: number,
    first: number,
    types: readonly RelationTypeName[],
    timeoutMs: number,
  ): Promise<PathRecord[]> {
    const result = await this.executor.read('analytics/paths', { from, to, maxHops, first, types }, { timeoutMs });
    return result.map((row) => {
      const relations = rows(row.relations).map(toRelationRecord);
      return { nodes: rows(row.nodes).map(toEntityRecord), relations, length: relations.length };
    });
  }

  /** The structural links from `id` to its candidate partners, or null when no entity has that id. */
  async suggestionGraph(id: string, kinds: readonly EntityKindName[] | null): Promise<SuggestionGraph | null> {
    const [row] = await this.executor.read('analytics/suggestion-links', {
      id,
      kinds,
      defaultExcludedKinds: NOT_SUGGESTED_BY_DEFAULT,
      linkTypes: DEFAULT_FOLLOWED_TYPES,
      zoneToMember: ZONE_TO_MEMBER,
      memberToZone: MEMBER_TO_ZONE,
      regionLinks: REGION_LINKS,
      financingLinks: FINANCING_LINKS,
    });
    if (row === undefined) return null;
    const entities = new Map<string, EntityRecord>();
    const financed = new Set<string>();
    for (const item of rows(row.entities)) {
      const entity = toEntityRecord(item.entity as Row);
      entities.set(entity.id, entity);
      if (item.financed === true) financed.add(entity.id);
    }
    const links = rows(row.links).map((link): SuggestionLink => ({
      via: String(link.via) as SuggestionLink['via'],
      anchorId: String(link.anchorId),
      candidateId: String(link.candidateId),
      nodeIds: (link.nodeIds as unknown[]).map(String),
      relations: rows(link.relations).map(toRelationRecord),
    }));
    return { entities, financed, links };
  }
}
