import {
  getArgumentValues,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { quantityProps, RELATION_RECORD_PROPS } from '../entities/records';

/**
 * Whether the field being resolved selects the path of field names below it, through inline
 * fragments and fragment spreads: `selects(info, 'totalCount')`, `selects(info, 'edges', 'node',
 * 'from')`. Resolvers use it to read in one statement what the selection will ask for next (a
 * page's count, its relations' ends and evidence) instead of one more round trip per level.
 * Directives are not evaluated: a field under `@skip` counts as selected, which can only make a
 * statement read something unused, never change an answer.
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  // Asked per item of a list (a zone's stats on every edge of a page): kept per field node and
  // path.
  return keptPerFieldNode(SELECTS_BY_FIELD_NODE, info, path.join('.'), () => selectsPath(info, path));
}

const SELECTS_BY_FIELD_NODE = new WeakMap<FieldNode, Map<string, boolean>>();

/**
 * `read()`, kept per field node and `key` (what else the answer depends on), as perFieldNode
 * keeps one answer per node; not kept when the field is merged from several nodes.
 */
function keptPerFieldNode<K, T>(
  cache: WeakMap<FieldNode, Map<K, T>>,
  info: GraphQLResolveInfo,
  key: K,
  read: () => T,
): T {
  // One map of answers per node (a fresh one, so nothing kept, for merged nodes).
  const byKey = perFieldNode(cache, info, () => new Map<K, T>());
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = read();
  byKey.set(key, value);
  return value;
}

function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let sets = rootSets(info);
  for (const name of path) {
    const fields = sets.flatMap((set) => fieldsOf(info, set)).filter((field) => field.name.value === name);
    if (fields.length === 0) return false;
    sets = fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return true;
}

/**
 * The fields named `name` directly in the selection of the field being resolved, through inline
 * fragments and fragment spreads (several when aliased or repeated).
 */
export function fieldsAt(info: GraphQLResolveInfo, name: string): FieldNode[] {
  return rootSets(info)
    .flatMap((set) => fieldsOf(info, set))
    .filter((field) => field.name.value === name);
}

/**
 * The one field `fieldName` of `typeName` in the selection of the field being resolved, with its
 * argument values and an info for it (what its resolver would get for `fieldNodes`), so that a
 * parent can read ahead what that field will load. Null when the selection holds it not exactly
 * once (an alias of it, a repeat merged from fragments), when a directive is on it, or when its
 * arguments are not valid (the field then reports them itself).
 */
export function soleField(
  info: GraphQLResolveInfo,
  typeName: string,
  fieldName: string,
): { args: Record<string, unknown>; info: GraphQLResolveInfo } | null {
  const fields = fieldsAt(info, fieldName);
  const [field] = fields;
  if (fields.length !== 1 || field === undefined || (field.directives?.length ?? 0) > 0) return null;
  const type = info.schema.getType(typeName);
  const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName] : undefined;
  if (definition === undefined) return null;
  try {
    return { args: getArgumentValues(definition, field, info.variableValues), info: { ...info, fieldNodes: [field] } };
  } catch {
    return null;
  }
}

/** The selection sets of the field being resolved. */
function rootSets(info: GraphQLResolveInfo): SelectionSetNode[] {
  return info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The fields of a selection set, with those of its inline fragments and fragment spreads (each spread once). */
function fieldsOf(
  info: GraphQLResolveInfo,
  set: SelectionSetNode,
  spread: ReadonlySet<string> = new Set(),
): FieldNode[] {
  return set.selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(info, selection.selectionSet, spread);
    const fragment = info.fragments[selection.name.value];
    return fragment === undefined || spread.has(selection.name.value)
      ? []
      : fieldsOf(info, fragment.selectionSet, new Set([...spread, selection.name.value]));
  });
}

/**
 * What a relation connection's selection reads after the page: the relations' ends (`from`,
 * `to`), as light records with the properties both ends' selections need (`endProps`; null
 * when either selects a field no light record holds: whole records), the properties of the
 * relations their selection reads (`relationProps`), their evidence, the count. The page
 * statement reads them with it (loaders.ts).
 */
export function relationPageExtras(info: GraphQLResolveInfo): RelationPageReads {
  return perFieldNode(EXTRAS_BY_FIELD_NODE, info, readRelationPageExtras);
}

/** What relationPageExtras answers. */
export interface RelationPageReads {
  readonly ends: boolean;
  readonly endProps: readonly string[] | null;
  readonly relationProps: readonly string[];
  readonly evidence: boolean;
  readonly count: boolean;
}

const EXTRAS_BY_FIELD_NODE = new WeakMap<FieldNode, RelationPageReads>();

/**
 * `read(info)`, kept per field node: what a field's selection reads depends only on its node and
 * the fragments of its document, which the node belongs to (graphql-js and Apollo hand every
 * request of the same query text the same parsed document). Not kept when the field is merged
 * from several nodes.
 */
function perFieldNode<T>(
  cache: WeakMap<FieldNode, T>,
  info: GraphQLResolveInfo,
  read: (info: GraphQLResolveInfo) => T,
): T {
  const [node] = info.fieldNodes;
  if (info.fieldNodes.length !== 1 || node === undefined) return read(info);
  let value = cache.get(node);
  if (value === undefined) {
    value = read(info);
    cache.set(node, value);
  }
  return value;
}

function readRelationPageExtras(info: GraphQLResolveInfo): RelationPageReads {
  const ends = selects(info, 'edges', 'node', 'from') || selects(info, 'edges', 'node', 'to');
  const from = ends ? lightProps(info, ['edges', 'node', 'from']) : null;
  const to = ends ? lightProps(info, ['edges', 'node', 'to']) : null;
  return {
    ends,
    endProps: unionLightProps(from, to),
    relationProps: relationProps(info, ['edges', 'node']),
    evidence: selects(info, 'edges', 'node', 'evidence'),
    count: selects(info, 'totalCount'),
  };
}

/**
 * The stored properties behind each field a light record serves: __typename, which the kind
 * decides, the id and name, five more, and a zone's `stats`, which reads the three figures the
 * write path keeps on the zone (and loads the rest by the zone's id). Every other field (name
 * variants, a zone's catalogue fields, any relation or connection) needs the whole record.
 */
const LIGHT_FIELD_PROPS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['__typename', []],
  ['id', []],
  ['kind', []],
  ['name', []],
  ['subtype', ['subtype']],
  ['englishName', ['englishName']],
  ['aliases', ['aliases']],
  ['industries', ['industries']],
  ['qualityFlags', ['qualityFlags']],
  ['stats', ['enterpriseCount', 'projectCount', 'projectInvestmentSum']],
]);

/** The fields of an entity a light record can serve (LIGHT_FIELD_PROPS). */
export const LIGHT_ENTITY_FIELDS: ReadonlySet<string> = new Set(LIGHT_FIELD_PROPS.keys());

/** What every light record holds: the id, the kind (which decides __typename) and the name. */
export const LIGHT_BASE_PROPS: readonly string[] = ['id', 'kind', 'name'];

/** Every property a light record may hold, in the order a page statement reads them. */
export const LIGHT_ENTITY_PROPS: readonly string[] = [
  ...LIGHT_BASE_PROPS,
  ...new Set([...LIGHT_FIELD_PROPS.values()].flat()),
];

/**
 * The properties a light record needs for every field selected at the path below the field
 * being resolved (through inline fragments and fragment spreads), in LIGHT_ENTITY_PROPS order;
 * null when a field there needs the whole record. The base (id, kind, name) when nothing is
 * selected there. Only `stats` of the light fields has a selection of its own, whatever it
 * selects; a field with a selection that no light record serves needs the whole record as any
 * other.
 */
export function lightProps(info: GraphQLResolveInfo, path: readonly string[]): readonly string[] | null {
  const needed = new Set(LIGHT_BASE_PROPS);
  for (const field of fieldsBelow(info, path)) {
    const props = LIGHT_FIELD_PROPS.get(field.name.value);
    if (props === undefined) return null;
    for (const prop of props) needed.add(prop);
  }
  return LIGHT_ENTITY_PROPS.filter((prop) => needed.has(prop));
}

/**
 * The properties a light record of the entity node(id) answers with needs, when node(id) reads
 * the entity with a page its selection asks for: every field of the selection is a light field
 * or one of `byId`, the fields that read the entity by its id (and perhaps some of its light
 * properties: a zone's member connection its count). Null when another field needs the whole
 * record. In LIGHT_ENTITY_PROPS order.
 */
export function rootLightProps(
  info: GraphQLResolveInfo,
  byId: ReadonlyMap<string, readonly string[]>,
): readonly string[] | null {
  const needed = new Set(LIGHT_BASE_PROPS);
  for (const field of fieldsBelow(info, [])) {
    const props = byId.get(field.name.value) ?? LIGHT_FIELD_PROPS.get(field.name.value);
    if (props === undefined) return null;
    for (const prop of props) needed.add(prop);
  }
  return LIGHT_ENTITY_PROPS.filter((prop) => needed.has(prop));
}

/** The light properties either of two light records needs; null (the whole record) when either is. */
export function unionLightProps(a: readonly string[] | null, b: readonly string[] | null): readonly string[] | null {
  return a === null || b === null ? null : LIGHT_ENTITY_PROPS.filter((prop) => a.includes(prop) || b.includes(prop));
}

/**
 * The properties behind each field of a relation that reads its stored properties (the rest:
 * id, type, the ends, come with every relation row). A field not named here (one added later)
 * reads them all.
 */
const RELATION_FIELD_PROPS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['__typename', []],
  ['id', []],
  ['type', []],
  ['from', []],
  ['to', []],
  ['key', ['key']],
  ['amount', quantityProps('amount')],
  ['date', ['date']],
  ['period', ['periodStart', 'periodEnd']],
  ['status', ['status']],
  ['role', ['role']],
  ['properties', ['properties']],
  ['qualityFlags', ['qualityFlags']],
  ['evidence', ['evidenceIds']],
]);

/**
 * The stored properties of a relation (of RELATION_RECORD_PROPS, in its order) that the fields
 * selected at the path below the field being resolved read: a relation page reads only those
 * (the record's other fields are then empty, and nothing reads them).
 */
export function relationProps(info: GraphQLResolveInfo, path: readonly string[]): readonly string[] {
  const needed = new Set<string>();
  for (const field of fieldsBelow(info, path)) {
    const props = RELATION_FIELD_PROPS.get(field.name.value);
    if (props === undefined) return RELATION_RECORD_PROPS;
    for (const prop of props) needed.add(prop);
  }
  return RELATION_RECORD_PROPS.filter((prop) => needed.has(prop));
}

/**
 * Whether every field selected at the path below the field being resolved (through inline
 * fragments and fragment spreads) is one of `allowed`; true when nothing is selected there.
 */
export function selectsOnly(info: GraphQLResolveInfo, path: readonly string[], allowed: ReadonlySet<string>): boolean {
  // Asked per item (each quote's source): kept per field node, path and set of fields allowed.
  let byAllowed = SELECTS_ONLY_BY_SET.get(allowed);
  if (byAllowed === undefined) {
    byAllowed = new WeakMap();
    SELECTS_ONLY_BY_SET.set(allowed, byAllowed);
  }
  return keptPerFieldNode(byAllowed, info, path.join('.'), () =>
    fieldsBelow(info, path).every((field) => allowed.has(field.name.value)),
  );
}

const SELECTS_ONLY_BY_SET = new WeakMap<ReadonlySet<string>, WeakMap<FieldNode, Map<string, boolean>>>();

/** The fields selected at the path below the field being resolved. */
function fieldsBelow(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  let sets = rootSets(info);
  for (const name of path) {
    sets = sets.flatMap((set) =>
      fieldsOf(info, set).flatMap((field) =>
        field.name.value === name && field.selectionSet ? [field.selectionSet] : [],
      ),
    );
  }
  return sets.flatMap((set) => fieldsOf(info, set));
}

/**
 * The properties a connection's nodes need when they may be light records (`edges { node { … } }`
 * selects only LIGHT_ENTITY_FIELDS; null otherwise): the page statement then reads those of
 * each entity instead of all of them (its name forms, keys and a zone's catalogue fields), which
 * is most of what a page costs to send and decode. The records go only to that connection's
 * nodes, never to a loader another field reads.
 */
export function lightNodes(info: GraphQLResolveInfo): readonly string[] | null {
  return perFieldNode(LIGHT_NODES_BY_FIELD_NODE, info, (field) => ({ props: lightProps(field, ['edges', 'node']) }))
    .props;
}

const LIGHT_NODES_BY_FIELD_NODE = new WeakMap<FieldNode, { props: readonly string[] | null }>();

/**
 * The properties the entity field being resolved (a relation's `from` or `to`) needs of a light
 * record (null: it selects a field no light record holds), so that a light record holding them
 * serves it (Loaders.lightEntity).
 */
export function lightEntity(info: GraphQLResolveInfo): readonly string[] | null {
  // Asked once per edge of a page: graphql-js hands every item of a list the same fieldNodes
  // array, so the answer is kept per array (and per document: the nodes belong to it).
  let light = LIGHT_BY_FIELD_NODES.get(info.fieldNodes);
  if (light === undefined) {
    light = { props: lightProps(info, []) };
    LIGHT_BY_FIELD_NODES.set(info.fieldNodes, light);
  }
  return light.props;
}

const LIGHT_BY_FIELD_NODES = new WeakMap<readonly FieldNode[], { props: readonly string[] | null }>();

/**
 * What a subgraph or a list of paths reads of its entities and relations, as a relation page
 * does (relationPageExtras): `entityProps`, the properties of a light record that serves the
 * entities where they are listed and as the relations' ends (null: one of them selects a field
 * no light record holds, and the statement reads whole records), and `relationProps`, the
 * stored properties the relations' selection reads.
 */
export interface GraphReads {
  readonly entityProps: readonly string[] | null;
  readonly relationProps: readonly string[];
}

/** Where a field that returns a graph lists its entities and its relations, below the field. */
export interface GraphShape {
  readonly entities: readonly string[];
  readonly relations: readonly string[];
}

/** Neighborhood's Subgraph: `nodes { entity }` and `edges`. */
export const SUBGRAPH_SHAPE: GraphShape = { entities: ['nodes', 'entity'], relations: ['edges'] };

/** A path: `nodes` and `relations`. */
export const PATH_SHAPE: GraphShape = { entities: ['nodes'], relations: ['relations'] };

/** What the field being resolved reads of the graph it returns (GraphReads), kept per field node. */
export function graphReads(info: GraphQLResolveInfo, shape: GraphShape): GraphReads {
  return perFieldNode(GRAPH_READS_BY_FIELD_NODE, info, (field) => ({
    entityProps: [shape.entities, [...shape.relations, 'from'], [...shape.relations, 'to']]
      .map((path) => lightProps(field, path))
      .reduce(unionLightProps),
    relationProps: relationProps(field, shape.relations),
  }));
}

const GRAPH_READS_BY_FIELD_NODE = new WeakMap<FieldNode, GraphReads>();

/**
 * What partner suggestions read of their entities (the entity asked about, the candidates, the
 * entities on the reasons' paths) and of the relations on those paths (GraphReads), kept per
 * field node. The reasons are written and ordered from each entity's name and sort name
 * (src/analytics/suggestions.ts), so a light record holds `sortName` too; a reason's `evidence`
 * reads its relations' evidence ids.
 */
export function suggestionReads(info: GraphQLResolveInfo): GraphReads {
  return perFieldNode(SUGGESTION_READS_BY_FIELD_NODE, info, (field) => {
    const path = ['reasons', 'path'];
    const entityProps = [
      ['candidate'],
      [...path, 'nodes'],
      [...path, 'relations', 'from'],
      [...path, 'relations', 'to'],
    ]
      .map((at) => lightProps(field, at))
      .reduce(unionLightProps);
    const onPath = relationProps(field, [...path, 'relations']);
    const evidence = selects(field, 'reasons', 'evidence');
    return {
      entityProps: entityProps === null ? null : [...entityProps, 'sortName'],
      relationProps: RELATION_RECORD_PROPS.filter(
        (prop) => onPath.includes(prop) || (evidence && prop === 'evidenceIds'),
      ),
    };
  });
}

const SUGGESTION_READS_BY_FIELD_NODE = new WeakMap<FieldNode, GraphReads>();
