import type { Executor, Row } from '../db/executor';
import { ENTITY_KINDS, type EntityKindName, type RelationTypeName } from '../domain/vocabulary';
import { toEntityRecord, toRelationRecord, type EntityRecord, type RelationRecord } from '../entities/records';
import { NOT_SUGGESTED_BY_DEFAULT } from './link-types';
import {
  REASON_WEIGHTS,
  roleParameters,
  SUGGESTION_DRAW_CAP,
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

/** The parameters of analytics/suggestion-links.cypher (also used by the cost tests, which PROFILE it). */
export function suggestionParameters(
  id: string,
  kinds: readonly EntityKindName[] | null,
  first: number,
): Record<string, unknown> {
  return {
    id,
    // Always a list, so the statement has one plan: without `kinds`, every kind but the default exclusions.
    kinds: kinds ?? ENTITY_KINDS.filter((kind) => !NOT_SUGGESTED_BY_DEFAULT.includes(kind)),
    first,
    cap: SUGGESTION_DRAW_CAP,
    weights: Object.fromEntries(Object.entries(REASON_WEIGHTS).map(([kind, weight]) => [kind, weightUnits(weight)])),
    roles: roleParameters(),
  };
}

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

  /**
   * The first `first` partner candidates of `id`, ranked by the statement with their links, or
   * null when no entity has that id.
   */
  async suggestions(
    id: string,
    kinds: readonly EntityKindName[] | null,
    first: number,
  ): Promise<SuggestionRanking | null> {
    const [row] = await this.executor.read('analytics/suggestion-links', suggestionParameters(id, kinds, first));
    if (row === undefined) return null;
    const entity = toEntityRecord(row.entity as Row);
    const entities = new Map(rows(row.entities).map((item) => [String(item.id), toEntityRecord(item)]));
    const lookup = (id: unknown): EntityRecord => {
      const found = entities.get(String(id));
      if (found === undefined) throw new Error(`suggestion-links returned no entity ${String(id)}`);
      return found;
    };
    const toSide = (side: Row): AnchorSide => ({
      nodes: (side.nodeIds as unknown[]).map(lookup),
      relations: rows(side.rels).map(toRelationRecord),
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
}
