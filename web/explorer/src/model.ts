/**
 * What the view holds, independent of how it is drawn: the entities and relations on screen,
 * what was expanded and how far, what the user hid, pinned or removed, and the filters. The
 * canvas (graph-view.ts) is synchronised from it, the URL (url-state.ts) is written from it, and
 * undo restores an earlier copy of it.
 */
import type { EntityRef, Relation } from './types.js';
import { RELATION_TYPES, TYPES_OFF_BY_DEFAULT, type EntityKind, type RelationType } from './vocabulary.js';

export interface NodeData extends EntityRef {
  /** Relations of `countTypes` the API reports for this entity, when known. */
  total: number | null;
  countTypes: readonly RelationType[] | null;
}

/** One expanded entity: how many of its relations (of `types`) are loaded, and where to go on. */
export interface Expansion {
  readonly types: readonly RelationType[];
  loaded: number;
  total: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A path search the user ran (kept so a link can run it again). */
export interface PathQuery {
  readonly from: string;
  readonly to: string;
  readonly maxHops: number;
}

export interface Model {
  nodes: Map<string, NodeData>;
  edges: Map<string, Relation>;
  /** Entities opened directly (search, link), in order. */
  opened: string[];
  expansions: Map<string, Expansion>;
  paths: PathQuery[];
  /** Relations added one by one (a suggestion's reason path), by id. */
  extraRelations: string[];
  hidden: Set<string>;
  pinned: Set<string>;
  removed: Set<string>;
  typesOff: Set<RelationType>;
  kindsOff: Set<EntityKind>;
  /** Highlighted elements (the last path or reason shown). */
  highlighted: Set<string>;
  selected: string | null;
}

export function emptyModel(): Model {
  return {
    nodes: new Map(),
    edges: new Map(),
    opened: [],
    expansions: new Map(),
    paths: [],
    extraRelations: [],
    hidden: new Set(),
    pinned: new Set(),
    removed: new Set(),
    typesOff: new Set(TYPES_OFF_BY_DEFAULT),
    kindsOff: new Set(),
    highlighted: new Set(),
    selected: null,
  };
}

/** A copy that later changes to `model` do not affect (relations are never mutated, so shared). */
export function cloneModel(model: Model): Model {
  return {
    nodes: new Map([...model.nodes].map(([id, node]) => [id, { ...node }])),
    edges: new Map(model.edges),
    opened: [...model.opened],
    expansions: new Map([...model.expansions].map(([id, expansion]) => [id, { ...expansion }])),
    paths: [...model.paths],
    extraRelations: [...model.extraRelations],
    hidden: new Set(model.hidden),
    pinned: new Set(model.pinned),
    removed: new Set(model.removed),
    typesOff: new Set(model.typesOff),
    kindsOff: new Set(model.kindsOff),
    highlighted: new Set(model.highlighted),
    selected: model.selected,
  };
}

/** The relation types expansions fetch now: those the filter shows. */
export function typesOn(model: Model): RelationType[] {
  return RELATION_TYPES.filter((type) => !model.typesOff.has(type));
}

/** Puts an entity in the view (again, if it was removed). */
export function addEntity(model: Model, entity: EntityRef, count?: { total: number; types: readonly RelationType[] }) {
  const known = model.nodes.get(entity.id);
  const node: NodeData = known ?? { ...entity, total: null, countTypes: null };
  if (count !== undefined) {
    node.total = count.total;
    node.countTypes = count.types;
  }
  model.nodes.set(entity.id, node);
  model.removed.delete(entity.id);
}

/** Adds relations and their ends; `types` is what the ends' relation counts were counted over. */
export function addRelations(model: Model, relations: readonly Relation[], types?: readonly RelationType[]): void {
  for (const relation of relations) {
    for (const end of [relation.from, relation.to]) {
      const count =
        types !== undefined && end.relations !== undefined ? { total: end.relations.totalCount, types } : undefined;
      addEntity(model, { id: end.id, kind: end.kind, subtype: end.subtype, name: end.name }, count);
    }
    model.edges.set(relation.id, relation);
  }
}

/** Takes an entity and its relations out of the view; a link keeps it out. */
export function removeEntity(model: Model, id: string): void {
  model.nodes.delete(id);
  for (const [edgeId, relation] of model.edges) {
    if (relation.from.id === id || relation.to.id === id) model.edges.delete(edgeId);
  }
  model.hidden.delete(id);
  model.pinned.delete(id);
  model.highlighted.delete(id);
  model.removed.add(id);
  if (model.selected === id) model.selected = null;
}

/** Relations in the view that touch `id` and are of one of `types`. */
export function loadedRelations(model: Model, id: string, types: readonly RelationType[] | null): Relation[] {
  return [...model.edges.values()].filter(
    (relation) =>
      (relation.from.id === id || relation.to.id === id) && (types === null || types.includes(relation.type)),
  );
}

/**
 * How many of an entity's relations are not in the view yet (the "+N" on a node), or null when
 * unknown: counted over the types of its expansion, or of the query that last counted them.
 */
export function moreCount(model: Model, id: string): number | null {
  const node = model.nodes.get(id);
  const expansion = model.expansions.get(id);
  const total = expansion?.total ?? node?.total ?? null;
  const types = expansion?.types ?? node?.countTypes ?? null;
  if (node === undefined || total === null) return null;
  return Math.max(0, total - loadedRelations(model, id, types).length);
}

/** Whether an element is drawn: not hidden, its kind and type not filtered, both ends drawn. */
export function nodeVisible(model: Model, id: string): boolean {
  const node = model.nodes.get(id);
  return node !== undefined && !model.hidden.has(id) && !model.kindsOff.has(node.kind);
}

export function edgeVisible(model: Model, relation: Relation): boolean {
  return (
    !model.typesOff.has(relation.type) && nodeVisible(model, relation.from.id) && nodeVisible(model, relation.to.id)
  );
}

/** The entities and relations drawn now, in a stable order (for exports, tests, the status line). */
export function visibleElements(model: Model): { nodes: NodeData[]; edges: Relation[] } {
  const nodes = [...model.nodes.values()].filter((node) => nodeVisible(model, node.id));
  const edges = [...model.edges.values()].filter((relation) => edgeVisible(model, relation));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: nodes.sort(byId), edges: edges.sort(byId) };
}

/** Distinct entities in the view linked to `id` by a drawn relation. */
export function visibleNeighbours(model: Model, id: string): string[] {
  const neighbours = new Set<string>();
  for (const relation of model.edges.values()) {
    if (!edgeVisible(model, relation)) continue;
    if (relation.from.id === id) neighbours.add(relation.to.id);
    else if (relation.to.id === id) neighbours.add(relation.from.id);
  }
  return [...neighbours].sort();
}
