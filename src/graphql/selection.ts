import {
  getArgumentValues,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether the field being resolved selects the path of field names below it, through inline
 * fragments and fragment spreads: `selects(info, 'totalCount')`, `selects(info, 'edges', 'node',
 * 'from')`. Resolvers use it to read in one statement what the selection will ask for next (a
 * page's count, its relations' ends and evidence) instead of one more round trip per level.
 * Directives are not evaluated: a field under `@skip` counts as selected, which can only make a
 * statement read something unused, never change an answer.
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
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
 * `to`), whether as light records (both ends select only LIGHT_ENTITY_FIELDS), their evidence,
 * the count. The page statement reads them with it (loaders.ts).
 */
export function relationPageExtras(info: GraphQLResolveInfo): {
  ends: boolean;
  lightEnds: boolean;
  evidence: boolean;
  count: boolean;
} {
  const ends = selects(info, 'edges', 'node', 'from') || selects(info, 'edges', 'node', 'to');
  return {
    ends,
    lightEnds:
      ends &&
      selectsOnly(info, ['edges', 'node', 'from'], LIGHT_ENTITY_FIELDS) &&
      selectsOnly(info, ['edges', 'node', 'to'], LIGHT_ENTITY_FIELDS),
    evidence: selects(info, 'edges', 'node', 'evidence'),
    count: selects(info, 'totalCount'),
  };
}

/**
 * The fields of an entity a light record holds: what the page statements read when `$light` is
 * true (`n {.id, .kind, .name, .subtype, .englishName, .aliases, .industries, .qualityFlags,
 * .enterpriseCount, .projectCount, .projectInvestmentSum}`), __typename, which the kind decides,
 * and a zone's `stats`, which reads the three figures the write path keeps on the zone (and
 * loads the rest by the zone's id). Every other field (name variants, a zone's catalogue fields,
 * any relation or connection) needs the whole record.
 */
export const LIGHT_ENTITY_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'kind',
  'name',
  'subtype',
  'englishName',
  'aliases',
  'industries',
  'qualityFlags',
  'stats',
]);

/**
 * Whether every field selected at the path below the field being resolved (through inline
 * fragments and fragment spreads) is one of `allowed`; true when nothing is selected there.
 * Only `stats` of LIGHT_ENTITY_FIELDS has a selection of its own, whatever it selects; a field
 * with a selection that is not in `allowed` fails the test as any other.
 */
export function selectsOnly(info: GraphQLResolveInfo, path: readonly string[], allowed: ReadonlySet<string>): boolean {
  let sets = rootSets(info);
  for (const name of path) {
    sets = sets.flatMap((set) =>
      fieldsOf(info, set).flatMap((field) =>
        field.name.value === name && field.selectionSet ? [field.selectionSet] : [],
      ),
    );
  }
  return sets.every((set) => fieldsOf(info, set).every((field) => allowed.has(field.name.value)));
}

/**
 * Whether a connection's nodes may be light records (`edges { node { … } }` selects only
 * LIGHT_ENTITY_FIELDS): the page statement then reads eleven properties of each entity instead of
 * all of them (its name forms, keys and a zone's catalogue fields), which is most of what a page
 * costs to send and decode. The records go only to that connection's nodes, never to a loader
 * another field reads.
 */
export function lightNodes(info: GraphQLResolveInfo): boolean {
  return selectsOnly(info, ['edges', 'node'], LIGHT_ENTITY_FIELDS);
}

/**
 * Whether the entity field being resolved (a relation's `from` or `to`) selects only
 * LIGHT_ENTITY_FIELDS, so that a light record serves it (Loaders.lightEntity).
 */
export function lightEntity(info: GraphQLResolveInfo): boolean {
  // Asked once per edge of a page: graphql-js hands every item of a list the same fieldNodes
  // array, so the answer is kept per array (and per document: the nodes belong to it).
  let light = LIGHT_BY_FIELD_NODES.get(info.fieldNodes);
  if (light === undefined) {
    light = selectsOnly(info, [], LIGHT_ENTITY_FIELDS);
    LIGHT_BY_FIELD_NODES.set(info.fieldNodes, light);
  }
  return light;
}

const LIGHT_BY_FIELD_NODES = new WeakMap<readonly FieldNode[], boolean>();
