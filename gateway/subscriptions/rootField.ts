import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The one root field of a subscription (validation allows exactly one), found through inline
 * fragments and fragment spreads at the root as well as directly.
 */
export function subscriptionRootField(document: DocumentNode, operation: OperationDefinitionNode): FieldNode | undefined {
  const seen = new Set<string>();
  const find = (selectionSet: SelectionSetNode): FieldNode | undefined => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) return selection;
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const found = find(selection.selectionSet);
        if (found) return found;
        continue;
      }
      if (seen.has(selection.name.value)) continue;
      seen.add(selection.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      const found = fragment?.kind === Kind.FRAGMENT_DEFINITION ? find(fragment.selectionSet) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return find(operation.selectionSet);
}
