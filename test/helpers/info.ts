import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo } from 'graphql';

/**
 * The info of the first root field of `text` (its field node, with the document's fragments), as
 * graphql-js gives it to a resolver: what the selection helpers (src/graphql/selection.ts) read.
 */
export function infoOf(text: string): GraphQLResolveInfo {
  const document = parse(text);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let field: FieldNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    else if (definition.kind === Kind.OPERATION_DEFINITION && field === undefined) {
      field = definition.selectionSet.selections.find(
        (selection): selection is FieldNode => selection.kind === Kind.FIELD,
      );
    }
  }
  return { fieldNodes: [field as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}
