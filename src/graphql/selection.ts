import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects the path of field names below it, through inline
 * fragments and fragment spreads: `selects(info, 'totalCount')`, `selects(info, 'edges', 'node',
 * 'from')`. Resolvers use it to read in one statement what the selection will ask for next (a
 * page's count, its relations' ends and evidence) instead of one more round trip per level.
 * Directives are not evaluated: a field under `@skip` counts as selected, which can only make a
 * statement read something unused, never change an answer.
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const [depth, name] of path.entries()) {
    const next: SelectionSetNode[] = [];
    let found = false;
    const visit = (set: SelectionSetNode, spread: ReadonlySet<string>): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value !== name) continue;
          found = true;
          if (selection.selectionSet) next.push(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet, spread);
        } else {
          const fragment = info.fragments[selection.name.value];
          if (fragment !== undefined && !spread.has(selection.name.value)) {
            visit(fragment.selectionSet, new Set([...spread, selection.name.value]));
          }
        }
      }
    };
    for (const set of sets) visit(set, new Set());
    if (!found) return false;
    if (depth === path.length - 1) return true;
    sets = next;
  }
  return true;
}

/**
 * What a relation connection's selection reads after the page: the relations' ends (`from`,
 * `to`), their evidence, the count. The page statement reads them with it (loaders.ts).
 */
export function relationPageExtras(info: GraphQLResolveInfo): { ends: boolean; evidence: boolean; count: boolean } {
  return {
    ends: selects(info, 'edges', 'node', 'from') || selects(info, 'edges', 'node', 'to'),
    evidence: selects(info, 'edges', 'node', 'evidence'),
    count: selects(info, 'totalCount'),
  };
}

/**
 * The fields of an entity a light record holds: what the page statements read when `$light` is
 * true (`n {.id, .kind, .name, .subtype, .englishName, .aliases, .industries, .qualityFlags}`),
 * and __typename, which the kind decides. Every other field (name variants, a zone's catalogue
 * fields and stats, any relation or connection) needs the whole record.
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
]);

/**
 * Whether every field selected at the path below the field being resolved (through inline
 * fragments and fragment spreads) is one of `allowed`; true when nothing is selected there.
 * A field with a selection of its own is never a light field, so nothing nested passes.
 */
export function selectsOnly(info: GraphQLResolveInfo, path: readonly string[], allowed: ReadonlySet<string>): boolean {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const fieldsOf = (set: SelectionSetNode, spread: ReadonlySet<string>, out: FieldNode[]): FieldNode[] => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, spread, out);
      else {
        const fragment = info.fragments[selection.name.value];
        if (fragment !== undefined && !spread.has(selection.name.value)) {
          fieldsOf(fragment.selectionSet, new Set([...spread, selection.name.value]), out);
        }
      }
    }
    return out;
  };
  for (const name of path) {
    sets = sets.flatMap((set) =>
      fieldsOf(set, new Set(), []).flatMap((field) =>
        field.name.value === name && field.selectionSet ? [field.selectionSet] : [],
      ),
    );
  }
  return sets.every((set) => fieldsOf(set, new Set(), []).every((field) => allowed.has(field.name.value)));
}

/**
 * Whether a connection's nodes may be light records (`edges { node { … } }` selects only
 * LIGHT_ENTITY_FIELDS): the page statement then reads eight properties of each entity instead of
 * all of them (its name forms, keys and a zone's catalogue fields), which is most of what a page
 * costs to send and decode. The records go only to that connection's nodes, never to a loader
 * another field reads.
 */
export function lightNodes(info: GraphQLResolveInfo): boolean {
  return selectsOnly(info, ['edges', 'node'], LIGHT_ENTITY_FIELDS);
}
