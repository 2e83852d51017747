import { zoneMemberLinks } from '../domain/membership';
import type { Executor, Params, QueryRunner, Row } from '../db/executor';
import type { QueryName } from '../db/queries';
import { firstPageAfter, LIST_ORDERS, zoneKeyRange, zoneClasses, type ListOrderName } from '../domain/list-orders';
import { keyedPage, type KeyedPage } from '../graphql/pagination';
import {
  KIND_LABEL,
  RELATION_TYPES,
  SYMMETRIC_RELATION_TYPES,
  type EntityKindName,
  type QualityFlagName,
  type RelationStatusName,
  type RelationTypeName,
} from '../domain/vocabulary';
import {
  propsFromValues,
  RELATION_RECORD_PROPS,
  toEntityRecord,
  toEvidenceRecord,
  toPageEntity,
  toFactRecord,
  toQuantityRecord,
  toRelationRecord,
  type EntityRecord,
  type EvidenceRecord,
  type FactRecord,
  type QuantityRecord,
  type RelationRecord,
} from './records';

export type DirectionName = 'OUT' | 'IN' | 'BOTH';
const SYMMETRIC = [...SYMMETRIC_RELATION_TYPES];

/** Which relations of an entity: types (all when null) and the side they are read from. */
export interface RelationQuery {
  readonly types: readonly RelationTypeName[] | null;
  readonly direction: DirectionName;
}

/** A page request: its size and the key it starts after (null: the first page). */
export interface PageQuery {
  readonly first: number;
  readonly after: string | null;
  /**
   * When the page's entities may be light records (src/graphql/selection.ts, lightNodes), the
   * properties they need: the statement then reads only those. Whole records when not given.
   */
  readonly light?: readonly string[] | null;
}

/** What a relation page reads besides the page (see EntityRepository.relationPages). */
export interface RelationPageExtras {
  /** The relations' other ends, as read/entities-by-ids reads them. */
  readonly ends?: boolean;
  /**
   * The ends as light records with these properties (src/graphql/selection.ts, lightProps): the
   * ends' selections read only light fields. Whole records when not given.
   */
  readonly endProps?: readonly string[] | null;
  /**
   * The properties of each relation its selection reads (src/graphql/selection.ts,
   * relationProps); all of RELATION_RECORD_PROPS when not given.
   */
  readonly relationProps?: readonly string[];
  /** The relations' evidence, as read/evidence-by-ids reads it. */
  readonly evidence?: boolean;
  /** How many relations of the query there are over all pages, in the same transaction. */
  readonly count?: boolean;
}

/** A page of a zone's members, with the zone itself when it was read with it (`root`). */
export interface MemberPageResult extends KeyedPage<EntityRecord> {
  readonly root?: EntityRecord | null;
}

/**
 * What a relation page reads of the entity whose relations it pages (RelationPageKey.root):
 * node(id) reads the entity with its one relation page in one statement.
 */
export interface RelationPageRoot {
  /** The entity itself, as read/entities-by-ids reads it. */
  readonly entity: boolean;
  /** Its own evidence, as read/entity-evidence reads it. */
  readonly evidence: boolean;
  /**
   * The properties of a light record of the entity, when the selection of node(id) reads only
   * those (src/graphql/selection.ts, rootLightProps); the whole record when not given.
   */
  readonly props?: readonly string[] | null;
}

/** A page of relations with what was read along with it (empty, or null, when not asked for). */
export interface RelationPageResult extends KeyedPage<RelationRecord> {
  /** The entity, when the page read it (RelationPageRoot.entity): null when it does not exist. */
  readonly root?: EntityRecord | null;
  /** Its evidence, when the page read it (RelationPageRoot.evidence). */
  readonly rootEvidence?: readonly EvidenceRecord[];
  readonly ends: readonly EntityRecord[];
  readonly evidence: readonly EvidenceRecord[];
  readonly totalCount: number | null;
}

/** Neighbours through one relation type, on one side or both, of one kind or of any (`kind` null). */
export interface NeighbourQuery {
  readonly type: RelationTypeName;
  readonly direction: DirectionName;
  readonly kind: EntityKindName | null;
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
  /** Zone filters (EntityFilter, zones only): a zone subtype and approval level, approval years, approved area in m². */
  readonly subtype?: string | null;
  readonly approvalLevel?: string | null;
  readonly yearFrom?: number | null;
  readonly yearTo?: number | null;
  readonly areaMin?: string | null;
  readonly areaMax?: string | null;
}

/** How many zones of one approval level and subtype (null: not stated) a region holds. */
export interface ZoneClassCountRecord {
  readonly approvalLevel: string | null;
  readonly subtype: string | null;
  readonly count: number;
}

/**
 * The sides of an entity its relations of one type are read from. A symmetric type
 * (PARTNERED_WITH) is stored once and matches from either end, whatever the direction asked.
 */
export function typeSides(type: RelationTypeName, direction: DirectionName): { out: boolean; in: boolean } {
  const symmetric = SYMMETRIC_RELATION_TYPES.has(type);
  return { out: symmetric || direction !== 'IN', in: symmetric || direction !== 'OUT' };
}

/**
 * The page key range of one kind (or of all kinds) after a cursor: relation page keys are
 * `<kind>\u0001<listKey>\u0001<relation id>`, and an entity's cursor is `<kind>\u0001<listKey>`
 * (or, for a one-kind list, its listKey), so "\u0002" after it passes every relation of the
 * entity the cursor names.
 */
export function keyRange(kind: EntityKindName | null, after: string | null): { lower: string; upper: string } {
  if (kind === null) return { lower: after === null ? '' : `${after}\u0002`, upper: '\uffff' };
  return { lower: `${kind}\u0001${after === null ? '' : `${after}\u0002`}`, upper: `${kind}\u0002` };
}

/** The parameters of read/zone-project-amounts: the projects of each zone in `ids` (Zone.projects' members). */
export function zoneProjectAmountParams(ids: readonly string[]): Record<string, unknown> {
  const on = Object.fromEntries(zoneMemberLinks('PROJECT').map((type) => [type, true]));
  return { ids, on, ...keyRange('PROJECT', null) };
}

function entityPage(row: Row | undefined, first: number, light: PageQuery['light']): KeyedPage<EntityRecord> {
  const rows = ((row?.page as Row[] | null) ?? []).map((item) => ({
    node: toPageEntity(item.entity, light),
    key: String(item.key),
  }));
  return keyedPage(rows, first);
}

function byId<T>(rows: Row[], map: (row: Row) => T): Map<string, T> {
  return new Map(rows.map((row) => [String(row.id), map(row)]));
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

/** True when the filter sets anything: an unfiltered list is counted from the count store. */
function isFiltered(filter: EntityListFilter): boolean {
  return Object.values(filter).some((value) => value !== null && value !== undefined);
}

/** True when the filter bounds a zone's approval year or approved area. */
function hasZoneRange(filter: EntityListFilter): boolean {
  return [filter.yearFrom, filter.yearTo, filter.areaMin, filter.areaMax].some((v) => v !== null && v !== undefined);
}

/**
 * The parameters of the list statements for one kind and filter (`{}`: every filter null, as
 * the tests that profile a list statement and the write-scaling bench send them).
 */
export function listParams(kind: EntityKindName, filter: EntityListFilter): Record<string, unknown> {
  return {
    kind,
    nameContains: filter.nameContains ? filter.nameContains.toLowerCase() : null,
    region: filter.region ?? null,
    zone: filter.zone ?? null,
    industry: filter.industry ?? null,
    status: filter.status ?? null,
    flag: filter.hasQualityFlag ?? null,
    amountMin: filter.amountMin === null || filter.amountMin === undefined ? null : Number(filter.amountMin),
    amountMax: filter.amountMax === null || filter.amountMax === undefined ? null : Number(filter.amountMax),
    subtype: filter.subtype ?? null,
    level: filter.approvalLevel ?? null,
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
    areaMin: filter.areaMin === null || filter.areaMin === undefined ? null : Number(filter.areaMin),
    areaMax: filter.areaMax === null || filter.areaMax === undefined ? null : Number(filter.areaMax),
    // Membership, for the zone and region anchors (src/domain/membership.ts).
    memberTypes: zoneMemberLinks(kind),
    anyLink: zoneMemberLinks(kind).length === 0,
  };
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

  /**
   * A page of each entity's relations, in type, other end (kind, name) and id order. One type is
   * read from the page index (read/relation-type-page: proportional to the page); several are
   * read from the entity's relations of those types (read/relation-page). What the selection
   * reads next comes with it (`with`): the relations' other ends and evidence in the same
   * statement, and the count in the same transaction, instead of a round trip each afterwards.
   */
  async relationPages(
    ids: readonly string[],
    query: RelationQuery & PageQuery & { readonly with?: RelationPageExtras; readonly root?: RelationPageRoot },
  ): Promise<Map<string, RelationPageResult>> {
    const [single] = query.types ?? [];
    const flags = {
      withEnds: query.with?.ends === true,
      endProps: query.with?.endProps ?? null,
      relProps: query.with?.relationProps ?? RELATION_RECORD_PROPS,
      withEvidence: query.with?.evidence === true,
      withRoot: query.root?.entity === true,
      withRootEvidence: query.root?.evidence === true,
      rootProps: query.root?.props ?? null,
    };
    const oneType = query.types?.length === 1 && single !== undefined;
    const page = (tx: QueryRunner): Promise<Row[]> =>
      oneType
        ? tx.query(`read/relation-type-page#${single}`, {
            ids,
            ...typeSides(single, query.direction),
            after: query.after ?? '',
            first: query.first,
            ...flags,
            // One type counts from the degree store, in the page's own statement.
            withCount: query.with?.count === true,
          })
        : tx.query('read/relation-page', {
            ids,
            types: query.types ?? RELATION_TYPES,
            direction: query.direction,
            symmetric: SYMMETRIC,
            after: query.after ?? '',
            first: query.first,
            ...flags,
          });
    // Several types: the page and its count side by side, each an auto-commit read (Executor.readEach).
    const [rows, counts] = await this.executor.readEach((tx) =>
      Promise.all([page(tx), query.with?.count && !oneType ? this.relationCountRows(tx, ids, query) : null]),
    );
    const totals =
      counts !== null
        ? byId(counts, (row) => Number(row.totalCount))
        : oneType && query.with?.count === true
          ? byId(rows, (row) => Number(row.totalCount))
          : null;
    const relationProps = flags.relProps;
    return byId(rows, (row) => {
      const items = (row.page as Row[] | null) ?? [];
      return {
        ...keyedPage(
          items.map((item) => ({
            // The relation's properties come as the list of the values of relationProps.
            node: toRelationRecord({
              id: item.id,
              type: item.type,
              fromId: item.fromId,
              toId: item.toId,
              props: propsFromValues(relationProps, item.values as unknown[]),
            }),
            key: String(item.key),
          })),
          query.first,
        ),
        // Only the page's relations (the statement reads one row more than the page).
        ends: items
          .slice(0, query.first)
          .flatMap((item) => ((item.ends as unknown[] | null) ?? []).map((end) => toPageEntity(end, flags.endProps))),
        evidence: items
          .slice(0, query.first)
          .flatMap((item) => ((item.evidence as Row[] | null) ?? []).map((e) => toEvidenceRecord(e))),
        totalCount: totals === null ? null : (totals.get(String(row.id)) ?? 0),
        ...(query.root?.entity === true ? { root: row.root ? toPageEntity(row.root, query.root.props) : null } : {}),
        ...(query.root?.evidence === true
          ? { rootEvidence: ((row.rootEvidence as Row[] | null) ?? []).map((e) => toEvidenceRecord(e)) }
          : {}),
      };
    });
  }

  private relationCountRows(tx: QueryRunner, ids: readonly string[], query: RelationQuery): Promise<Row[]> {
    const [single] = query.types ?? [];
    return query.types?.length === 1 && single !== undefined
      ? tx.query(`read/relation-type-count#${single}`, { ids, ...typeSides(single, query.direction) })
      : tx.query('read/relation-count', {
          ids,
          types: query.types ?? RELATION_TYPES,
          direction: query.direction,
          symmetric: SYMMETRIC,
        });
  }

  /** How many relations of the asked types and sides each entity has (one type: from the degree store). */
  async relationCounts(ids: readonly string[], query: RelationQuery): Promise<Map<string, number>> {
    const rows = await this.executor.readEach((tx) => this.relationCountRows(tx, ids, query));
    return byId(rows, (row) => Number(row.totalCount));
  }

  /** A page of each entity's distinct neighbours through one relation type, in kind then name order. */
  async neighbourPages(
    ids: readonly string[],
    query: NeighbourQuery & PageQuery,
  ): Promise<Map<string, KeyedPage<EntityRecord>>> {
    const rows = await this.executor.read(`read/neighbour-page#${query.type}`, {
      ids,
      ...typeSides(query.type, query.direction),
      ...keyRange(query.kind, query.after),
      first: query.first,
      light: query.light ?? null,
    });
    return byId(rows, (row) => entityPage(row, query.first, query.light));
  }

  async neighbourCounts(ids: readonly string[], query: NeighbourQuery): Promise<Map<string, number>> {
    const sides = typeSides(query.type, query.direction);
    const rows = await this.executor.read('read/neighbour-count', {
      ids,
      types: [query.type],
      out: { [query.type]: sides.out },
      in: { [query.type]: sides.in },
      kinds: query.kind === null ? null : [query.kind],
    });
    return byId(rows, (row) => Number(row.totalCount));
  }

  /**
   * A page of each zone's members of one kind (src/domain/membership.ts), in name order; with
   * `root`, each zone's own record too (node(id) reads it with the page).
   */
  async memberPages(
    ids: readonly string[],
    query: { kind: EntityKindName; root?: boolean; rootProps?: readonly string[] | null } & PageQuery,
    tx?: QueryRunner,
  ): Promise<Map<string, MemberPageResult>> {
    const on = Object.fromEntries(zoneMemberLinks(query.kind).map((type) => [type, true]));
    const params = {
      ids,
      on,
      ...keyRange(query.kind, query.after),
      first: query.first,
      light: query.light ?? null,
      withRoot: query.root === true,
      rootProps: query.rootProps ?? null,
    };
    const rows =
      tx === undefined
        ? await this.executor.read('read/member-page', params)
        : await tx.query('read/member-page', params);
    return byId(rows, (row) => ({
      ...entityPage(row, query.first, query.light),
      ...(query.root === true ? { root: row.root ? toPageEntity(row.root, query.rootProps) : null } : {}),
    }));
  }

  /** A page of the zones in each region, in name order. */
  async regionZonePages(ids: readonly string[], query: PageQuery): Promise<Map<string, KeyedPage<EntityRecord>>> {
    const rows = await this.executor.read('read/region-zone-page', {
      ids,
      after: query.after ?? '',
      first: query.first,
      light: query.light ?? null,
    });
    return byId(rows, (row) => entityPage(row, query.first, query.light));
  }

  async regionZoneCounts(ids: readonly string[]): Promise<Map<string, number>> {
    return byId(await this.executor.read('read/region-zone-count', { ids }), (row) => Number(row.totalCount));
  }

  /** The zones in each region (as regionZonePages lists them) counted by approval level and subtype. */
  async regionZoneStats(ids: readonly string[]): Promise<Map<string, ZoneClassCountRecord[]>> {
    return groupRows(await this.executor.read('read/region-zone-stats', { ids }), 'counts', (row) => ({
      approvalLevel: row.level === null || row.level === undefined ? null : String(row.level),
      subtype: row.subtype === null || row.subtype === undefined ? null : String(row.subtype),
      count: Number(row.count),
    }));
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

  async memberZones(ids: readonly string[], types: readonly RelationTypeName[]): Promise<Map<string, EntityRecord[]>> {
    return groupRows(await this.executor.read('read/member-zones', { ids, types }), 'zones', toEntityRecord);
  }

  /** The total investment of every project of each zone (the members Zone.projects lists), each once. */
  async zoneProjectInvestments(ids: readonly string[]): Promise<Map<string, (QuantityRecord | null)[]>> {
    const rows = await this.executor.read('read/zone-project-amounts', zoneProjectAmountParams(ids));
    return groupRows(rows, 'amounts', (props) => toQuantityRecord(props, 'totalInvestment'));
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

  /**
   * One page of a list of entities of one kind, in one order, after a keyset cursor. A zone or
   * region filter anchors the list there (read/list-zone, read/list-region: the filter traverses
   * outward from it). Otherwise the index of the order serves the page: for zones filtered by
   * subtype or level, the index of each class the filter covers (read/zone-class-page); for
   * zones filtered by approval year or area, the order's index between the range's bounds when
   * the order is that range's (read/zone-page); else read/list-page.
   */
  async listPage(
    kind: EntityKindName,
    filter: EntityListFilter,
    order: ListOrderName,
    page: PageQuery,
    tx?: QueryRunner,
  ): Promise<KeyedPage<EntityRecord>> {
    return (await this.readListPage(kind, filter, order, page, false, tx)).page;
  }

  /**
   * listPage, and with `withCount` the count of an unfiltered list in the same statement
   * (read/list-page reads it from the count store); `count` is null otherwise.
   */
  private async readListPage(
    kind: EntityKindName,
    filter: EntityListFilter,
    order: ListOrderName,
    page: PageQuery,
    withCount: boolean,
    tx?: QueryRunner,
  ): Promise<{ page: KeyedPage<EntityRecord>; count: number | null }> {
    const read = (name: QueryName, params: Params = {}): Promise<Row[]> =>
      tx === undefined ? this.executor.read(name, params) : tx.query(name, params);
    const after = page.after ?? firstPageAfter(order);
    const onlyZone = Object.entries(filter).every(
      ([name, value]) => name === 'zone' || value === null || value === undefined,
    );
    if (filter.zone && onlyZone && order === 'NAME_ASC' && zoneMemberLinks(kind).length > 0) {
      // Exactly Zone.enterprises / Zone.projects: served from the page index.
      const members = (await this.memberPages([filter.zone], { kind, ...page }, tx)).get(filter.zone);
      return { page: members ?? keyedPage([], page.first), count: null };
    }
    const params = {
      ...listParams(kind, filter),
      key: LIST_ORDERS[order].key,
      desc: LIST_ORDERS[order].dir === 'DESC',
      after,
      first: page.first,
      light: page.light ?? null,
    };
    let rows: Row[];
    let count: number | null = null;
    if (filter.zone || filter.region) {
      rows = await read(filter.zone ? 'read/list-zone' : 'read/list-region', params);
    } else if (kind === 'ZONE' && (filter.subtype || filter.approvalLevel || hasZoneRange(filter))) {
      const range = zoneKeyRange(order, filter);
      const bounds =
        LIST_ORDERS[order].dir === 'ASC'
          ? { lower: after > range.after ? after : range.after, upper: range.before }
          : { lower: range.after, upper: after < range.before ? after : range.before };
      const classes = zoneClasses(filter.subtype ?? null, filter.approvalLevel ?? null);
      rows =
        classes === null
          ? await read(`read/zone-page#${order}`, { ...params, ...bounds })
          : await read(`read/zone-class-page#${order}`, { ...params, ...bounds, classes });
    } else {
      // An unfiltered list's page runs without the filters' tests (read/list-filtered has them).
      const statement: QueryName = isFiltered(filter) ? `read/list-filtered#${order}` : `read/list-page#${order}`;
      const [row] = await read(statement, { ...params, withCount, label: KIND_LABEL[kind] });
      rows = (row?.page as Row[] | undefined) ?? [];
      if (withCount) count = Number(row?.totalCount ?? 0);
    }
    return {
      page: keyedPage(
        rows.map((row) => ({ node: toPageEntity(row.entity, page.light), key: String(row.key) })),
        page.first,
      ),
      count,
    };
  }

  /** How many entities a list holds: from the count store when unfiltered. */
  async listCount(kind: EntityKindName, filter: EntityListFilter, tx?: QueryRunner): Promise<number> {
    const read = (name: QueryName, params: Params = {}): Promise<Row[]> =>
      tx === undefined ? this.executor.read(name, params) : tx.query(name, params);
    if (!isFiltered(filter)) {
      const [row] = await read(`read/kind-count#${kind}`);
      return Number(row?.count ?? 0);
    }
    const classes = kind === 'ZONE' ? zoneClasses(filter.subtype ?? null, filter.approvalLevel ?? null) : null;
    const statement = filter.zone
      ? 'read/list-zone-count'
      : filter.region
        ? 'read/list-region-count'
        : classes !== null
          ? 'read/zone-class-count'
          : 'read/list-count';
    const [row] = await read(statement, { ...listParams(kind, filter), classes });
    return Number(row?.count ?? 0);
  }

  /**
   * A list's page and its count (when the selection asks for totalCount): one statement when the
   * list is unfiltered (read/list-page counts from the count store), else side by side, each an
   * auto-commit read (Executor.readEach): two round trips at once, no begin or commit.
   */
  async listPageAndCount(
    kind: EntityKindName,
    filter: EntityListFilter,
    order: ListOrderName,
    page: PageQuery,
  ): Promise<{ page: KeyedPage<EntityRecord>; count: number }> {
    if (!isFiltered(filter)) {
      const listed = await this.readListPage(kind, filter, order, page, true);
      return { page: listed.page, count: listed.count ?? 0 };
    }
    const [listed, count] = await this.executor.readEach((tx) =>
      Promise.all([this.listPage(kind, filter, order, page, tx), this.listCount(kind, filter, tx)]),
    );
    return { page: listed, count };
  }
}
