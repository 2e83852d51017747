import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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
