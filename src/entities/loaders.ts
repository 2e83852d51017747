import DataLoader from 'dataloader';
import type { Executor } from '../db/executor';
import type { EntityKindName, RelationTypeName } from '../domain/vocabulary';
import type { KeyedPage } from '../graphql/pagination';
import {
  EntityRepository,
  type DirectionName,
  type MemberPageResult,
  type NeighbourQuery,
  type PageQuery,
  type RelationPageExtras,
  type RelationPageResult,
  type RelationPageRoot,
  type RelationQuery,
  type ZoneClassCountRecord,
} from './entity.repository';
import type { EntityRecord, EvidenceRecord, FactRecord, QuantityRecord, RelationRecord } from './records';

/** A loader whose keys share query options: one batch per distinct options value. */
function groupedLoader<K extends { id: string }, V>(
  optionsOf: (key: K) => string,
  load: (ids: string[], sample: K) => Promise<Map<string, V>>,
  missing: V,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const groups = new Map<string, K[]>();
      for (const key of keys) groups.set(optionsOf(key), [...(groups.get(optionsOf(key)) ?? []), key]);
      const results = new Map<string, V>();
      await Promise.all(
        [...groups.entries()].map(async ([options, group]) => {
          const loaded = await load([...new Set(group.map((key) => key.id))], group[0] as K);
          for (const key of group) results.set(`${options}|${key.id}`, loaded.get(key.id) ?? missing);
        }),
      );
      return keys.map((key) => results.get(`${optionsOf(key)}|${key.id}`) ?? missing);
    },
    { cacheKeyFn: (key) => `${optionsOf(key)}|${key.id}` },
  );
}

/** A loader of one record per id; a missing id resolves to null, never to another key's value. */
function byIdLoader<V>(load: (ids: string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (ids) => {
    const found = await load([...ids]);
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** A loader of a list per id; an id with nothing resolves to an empty list. */
function listLoader<V>(load: (ids: string[]) => Promise<Map<string, V[]>>): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(async (ids) => {
    const found = await load([...ids]);
    return ids.map((id) => found.get(id) ?? []);
  });
}

export interface RelationPageKey extends RelationQuery, PageQuery {
  readonly id: string;
  /** What to read along with the page (the selection asks for it next). */
  readonly with?: RelationPageExtras;
  /** The entity and its evidence, read with the page (node(id), EntityResolver.node). */
  readonly root?: RelationPageRoot;
}

export interface RelationCountKey extends RelationQuery {
  readonly id: string;
}

export interface NeighbourPageKey extends NeighbourQuery, PageQuery {
  readonly id: string;
}

export interface NeighbourCountKey extends NeighbourQuery {
  readonly id: string;
}

export interface MemberPageKey extends PageQuery {
  readonly id: string;
  readonly kind: EntityKindName;
  /** The zone itself, read with the page (node(id), EntityResolver.node). */
  readonly root?: boolean;
  /** The properties of a light record of the zone, when node(id) reads only those (rootLightProps). */
  readonly rootProps?: readonly string[] | null;
}

export interface RegionZonePageKey extends PageQuery {
  readonly id: string;
}

export interface NeighbourKey {
  readonly id: string;
  readonly types: readonly RelationTypeName[];
  readonly kinds: readonly EntityKindName[] | null;
  readonly direction: DirectionName;
}

export interface MemberZonesKey {
  readonly id: string;
  readonly types: readonly RelationTypeName[];
}

const EMPTY_PAGE: KeyedPage<never> = { items: [], hasNextPage: false };
const EMPTY_RELATION_PAGE: RelationPageResult = { ...EMPTY_PAGE, ends: [], evidence: [], totalCount: null };

/**
 * Builds the per-request DataLoaders (graphql/dataloader's advice: never share loaders, and so
 * their caches, between requests). Every relationship field of the schema goes through one of
 * these, so a level of a query costs one statement however many parents it has.
 */
export function createLoaders(executor: Executor) {
  const repo = new EntityRepository(executor);
  const entity = byIdLoader<EntityRecord>((ids) => repo.entitiesByIds(ids));
  // For a field that reads only light fields (selection.ts, lightEntity): a light record a page
  // read with its ends serves it when it holds every property the field needs; else the whole
  // record (loaders.entity: one a page primed, or read, batched with the others).
  const light = new Map<string, { props: ReadonlySet<string>; record: EntityRecord }>();
  // The whole records primed (as loaders.entity holds them: the first one primed stays).
  const whole = new Map<string, EntityRecord>();
  const lightEntity = {
    prime(record: EntityRecord, props: readonly string[]): void {
      const held = light.get(record.id);
      if (held === undefined || props.length > held.props.size) light.set(record.id, { props: new Set(props), record });
    },
    load(id: string, props: readonly string[]): Promise<EntityRecord | null> {
      const held = light.get(id);
      return held !== undefined && props.every((prop) => held.props.has(prop))
        ? Promise.resolve(held.record)
        : entity.load(id);
    },
  };
  // An entity a statement read with something else (node(id)'s entity with its page, a page's
  // ends, the entities of a neighbourhood, of paths, of suggestions), whole (`props` null) or
  // light: a whole record serves every field, a light one the fields whose properties it holds.
  const primeEntity = (record: EntityRecord, props: readonly string[] | null): void => {
    if (props === null) {
      entity.prime(record.id, record);
      if (!whole.has(record.id)) whole.set(record.id, record);
    } else lightEntity.prime(record, props);
  };
  /**
   * An entity a statement read with something else, now, without a promise: the whole record
   * primed, or for a field that reads only light properties (`props`) a light record that holds
   * them. Undefined when neither was primed: the field then loads it (a relation page's ends
   * are answered this way, and a page of 20 edges completes without 20 promises).
   */
  const primedEntity = (id: string, props: readonly string[] | null): EntityRecord | undefined => {
    const record = whole.get(id);
    if (record !== undefined) return record;
    if (props === null) return undefined;
    const held = light.get(id);
    return held !== undefined && props.every((prop) => held.props.has(prop)) ? held.record : undefined;
  };
  const evidence = byIdLoader<EvidenceRecord>((ids) => repo.evidenceByIds(ids));
  const entityEvidence = listLoader<EvidenceRecord>((ids) => repo.entityEvidence(ids));
  const relationCount = groupedLoader<RelationCountKey, number>(
    (key) => JSON.stringify([key.types, key.direction]),
    (ids, sample) => repo.relationCounts(ids, sample),
    0,
  );
  return {
    repository: repo,
    entity,
    lightEntity,
    primeEntity,
    primedEntity,
    relation: byIdLoader<RelationRecord>((ids) => repo.relationsByIds(ids)),
    evidence,
    entityEvidence,
    fact: byIdLoader<FactRecord>((ids) => repo.factsByIds(ids)),
    facts: listLoader<FactRecord>((ids) => repo.factsByEntity(ids)),
    zoneFinancings: listLoader<RelationRecord>((ids) => repo.zoneFinancings(ids)),
    zoneProjectInvestments: listLoader<QuantityRecord | null>((ids) => repo.zoneProjectInvestments(ids)),
    // A page read with its ends, evidence or count (RelationPageKey.with) hands them to the
    // loaders that serve them, so the fields that ask next find them there without a statement.
    relationPage: groupedLoader<RelationPageKey, RelationPageResult>(
      (key) => JSON.stringify([key.types, key.direction, key.first, key.after, key.with ?? {}, key.root ?? null]),
      async (ids, sample) => {
        const pages = await repo.relationPages(ids, sample);
        for (const [id, page] of pages) {
          if (page.root) primeEntity(page.root, sample.root?.props ?? null);
          if (page.rootEvidence) entityEvidence.prime(id, [...page.rootEvidence]);
          for (const end of page.ends) primeEntity(end, sample.with?.endProps ?? null);
          for (const item of page.evidence) evidence.prime(item.id, item);
          if (page.totalCount !== null) {
            relationCount.prime({ id, types: sample.types, direction: sample.direction }, page.totalCount);
          }
        }
        return pages;
      },
      EMPTY_RELATION_PAGE,
    ),
    relationCount,
    neighbourPage: groupedLoader<NeighbourPageKey, KeyedPage<EntityRecord>>(
      (key) => JSON.stringify([key.type, key.direction, key.kind, key.first, key.after, key.light ?? null]),
      (ids, sample) => repo.neighbourPages(ids, sample),
      EMPTY_PAGE,
    ),
    neighbourCount: groupedLoader<NeighbourCountKey, number>(
      (key) => JSON.stringify([key.type, key.direction, key.kind]),
      (ids, sample) => repo.neighbourCounts(ids, sample),
      0,
    ),
    memberPage: groupedLoader<MemberPageKey, MemberPageResult>(
      (key) =>
        JSON.stringify([key.kind, key.first, key.after, key.light ?? null, key.root === true, key.rootProps ?? null]),
      async (ids, sample) => {
        const pages = await repo.memberPages(ids, sample);
        for (const page of pages.values()) if (page.root) primeEntity(page.root, sample.rootProps ?? null);
        return pages;
      },
      EMPTY_PAGE,
    ),
    regionZonePage: groupedLoader<RegionZonePageKey, KeyedPage<EntityRecord>>(
      (key) => JSON.stringify([key.first, key.after, key.light ?? null]),
      (ids, sample) => repo.regionZonePages(ids, sample),
      EMPTY_PAGE,
    ),
    regionZoneCount: byIdLoader<number>((ids) => repo.regionZoneCounts(ids)),
    regionZoneStats: listLoader<ZoneClassCountRecord>((ids) => repo.regionZoneStats(ids)),
    neighbours: groupedLoader<NeighbourKey, EntityRecord[]>(
      (key) => JSON.stringify([key.types, key.kinds, key.direction]),
      (ids, sample) => repo.neighbours(ids, sample.types, sample.kinds, sample.direction),
      [],
    ),
    memberZones: groupedLoader<MemberZonesKey, EntityRecord[]>(
      (key) => JSON.stringify(key.types),
      (ids, sample) => repo.memberZones(ids, sample.types),
      [],
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
