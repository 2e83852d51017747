import { zoneMemberLinks } from '../domain/membership';
import type { Executor, Row } from '../db/executor';
import {
  RELATION_TYPES,
  SYMMETRIC_RELATION_TYPES,
  type EntityKindName,
  type QualityFlagName,
  type RelationStatusName,
  type RelationTypeName,
} from '../domain/vocabulary';
import {
  toEntityRecord,
  toEvidenceRecord,
  toFactRecord,
  toRelationRecord,
  type EntityRecord,
  type EvidenceRecord,
  type FactRecord,
  type RelationRecord,
} from './records';

export type DirectionName = 'OUT' | 'IN' | 'BOTH';
const SYMMETRIC = [...SYMMETRIC_RELATION_TYPES];

export interface RelationPage {
  readonly totalCount: number;
  readonly offset: number;
  readonly relations: RelationRecord[];
}

export interface RelationQuery {
  readonly types: readonly RelationTypeName[] | null;
  readonly direction: DirectionName;
  readonly first: number;
  readonly offset: number;
}

export interface EntityListFilter {
  readonly nameContains?: string | null;
  readonly region?: string | null;
  readonly zone?: string | null;
  readonly industry?: string | null;
  readonly status?: RelationStatusName | null;
  readonly hasQualityFlag?: QualityFlagName | null;
  /** Bounds on total investment in yuan (a project's own, a zone's projects' sum). */
  readonly amountMin?: string | null;
  readonly amountMax?: string | null;
}

export interface EntityListPage {
  readonly totalCount: number;
  readonly entities: EntityRecord[];
}

/** The type a relation id names (`rel:<type>:<hash>`), or null for anything else. */
export function relationTypeOfId(id: string): RelationTypeName | null {
  const [prefix, type] = id.split(':');
  if (prefix !== 'rel' || type === undefined) return null;
  const upper = type.toUpperCase();
  return (RELATION_TYPES as readonly string[]).includes(upper) ? (upper as RelationTypeName) : null;
}

function groupRows<T>(rows: Row[], field: string, map: (row: Row) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(String(row.id), ((row[field] as Row[] | null) ?? []).map(map));
  return out;
}

/**
 * Typed read queries over the graph, shared by every entity kind. Each function takes many
 * ids at once so DataLoaders can batch a whole level of a GraphQL query into one statement.
 */
export class EntityRepository {
  constructor(private readonly executor: Executor) {}

  async entitiesByIds(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    const rows = await this.executor.read('read/entities-by-ids', { ids });
    return new Map(rows.map((row) => toEntityRecord(row.entity as Row)).map((entity) => [entity.id, entity]));
  }

  async relationsByIds(ids: readonly string[]): Promise<Map<string, RelationRecord>> {
    const rows = ids.flatMap((id) => {
      const type = relationTypeOfId(id);
      return type === null ? [] : [{ id, type }];
    });
    if (rows.length === 0) return new Map();
    const result = await this.executor.read('read/relations-by-ids', { rows });
    return new Map(result.map(toRelationRecord).map((relation) => [relation.id, relation]));
  }

  async relationPages(ids: readonly string[], query: RelationQuery): Promise<Map<string, RelationPage>> {
    const rows = await this.executor.read('read/entity-relations', {
      ids,
      types: query.types,
      direction: query.direction,
      symmetric: SYMMETRIC,
      offset: query.offset,
      first: query.first,
    });
    return new Map(
      rows.map((row) => [
        String(row.id),
        {
          totalCount: Number(row.totalCount),
          offset: query.offset,
          relations: ((row.page as Row[] | null) ?? []).map(toRelationRecord),
        },
      ]),
    );
  }

  async neighbours(
    ids: readonly string[],
    types: readonly RelationTypeName[],
    kinds: readonly EntityKindName[] | null,
    direction: DirectionName,
  ): Promise<Map<string, EntityRecord[]>> {
    const rows = await this.executor.read('read/entity-neighbours', {
      ids,
      types,
      kinds,
      direction,
      symmetric: SYMMETRIC,
    });
    return groupRows(rows, 'neighbours', toEntityRecord);
  }

  async zoneMembers(
    ids: readonly string[],
    kinds: readonly EntityKindName[],
    types: readonly RelationTypeName[],
  ): Promise<Map<string, EntityRecord[]>> {
    return groupRows(await this.executor.read('read/zone-members', { ids, kinds, types }), 'members', toEntityRecord);
  }

  async memberZones(ids: readonly string[], types: readonly RelationTypeName[]): Promise<Map<string, EntityRecord[]>> {
    return groupRows(await this.executor.read('read/member-zones', { ids, types }), 'zones', toEntityRecord);
  }

  async regionZones(ids: readonly string[]): Promise<Map<string, EntityRecord[]>> {
    return groupRows(await this.executor.read('read/region-zones', { ids }), 'zones', toEntityRecord);
  }

  async zoneFinancings(ids: readonly string[]): Promise<Map<string, RelationRecord[]>> {
    return groupRows(await this.executor.read('read/zone-financings', { ids }), 'relations', toRelationRecord);
  }

  async entityEvidence(ids: readonly string[]): Promise<Map<string, EvidenceRecord[]>> {
    return groupRows(await this.executor.read('read/entity-evidence', { ids }), 'evidence', toEvidenceRecord);
  }

  async evidenceByIds(ids: readonly string[]): Promise<Map<string, EvidenceRecord>> {
    const rows = await this.executor.read('read/evidence-by-ids', { ids });
    return new Map(rows.map((row) => toEvidenceRecord(row.evidence as Row)).map((e) => [e.id, e]));
  }

  async factsByEntity(ids: readonly string[]): Promise<Map<string, FactRecord[]>> {
    return groupRows(await this.executor.read('read/facts-by-entity', { ids }), 'facts', toFactRecord);
  }

  async factsByIds(ids: readonly string[]): Promise<Map<string, FactRecord>> {
    const rows = await this.executor.read('read/facts-by-ids', { ids });
    return new Map(rows.map((row) => toFactRecord(row.fact as Row)).map((fact) => [fact.id, fact]));
  }

  async list(
    kind: EntityKindName,
    filter: EntityListFilter,
    orderBy: string,
    first: number,
    offset: number,
  ): Promise<EntityListPage> {
    const [row] = await this.executor.read('read/list-entities', {
      kind,
      nameContains: filter.nameContains ?? null,
      region: filter.region ?? null,
      zone: filter.zone ?? null,
      industry: filter.industry ?? null,
      status: filter.status ?? null,
      flag: filter.hasQualityFlag ?? null,
      amountMin: filter.amountMin === null || filter.amountMin === undefined ? null : Number(filter.amountMin),
      amountMax: filter.amountMax === null || filter.amountMax === undefined ? null : Number(filter.amountMax),
      // Membership, for the zone and region filters and a zone's investment (src/domain/membership.ts).
      memberTypes: zoneMemberLinks(kind),
      anyLink: zoneMemberLinks(kind).length === 0,
      projectLinks: zoneMemberLinks('PROJECT'),
      orderBy,
      first,
      offset,
    });
    return {
      totalCount: Number(row?.totalCount ?? 0),
      entities: ((row?.page as Row[] | null) ?? []).map(toEntityRecord),
    };
  }
}
