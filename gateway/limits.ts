/**
 * Operation limits, checked after validation and before planning: how deep fields nest, how
 * many aliases an operation uses, how many root fields it asks for. A refused operation gets
 * an error whose code names the limit (MAX_DEPTH_EXCEEDED, …) and HTTP 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationLimits {
  /** Deepest nesting of fields (introspection fields excluded). @default 12 */
  maxDepth: number;
  /** Aliased fields in one operation. @default 30 */
  maxAliases: number;
  /** Fields at the root of one operation. @default 20 */
  maxRootFields: number;
}

export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
}

export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  const depthOf = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        if (selection.alias) aliases++;
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, seen) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, fragment.name.value])));
      }
    }
    return deepest;
  };
  const depth = depthOf(operation.selectionSet, new Set());
  const rootFields = operation.selectionSet.selections.filter((s) => s.kind !== Kind.FIELD || !s.name.value.startsWith('__')).length;
  return { depth, aliases, rootFields };
}

function refuse(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation) return;
          const shape = measureOperation(document, operation);
          if (shape.depth > limits.maxDepth) {
            throw refuse('MAX_DEPTH_EXCEEDED', `The operation nests ${shape.depth} levels deep; the limit is ${limits.maxDepth}`);
          }
          if (shape.aliases > limits.maxAliases) {
            throw refuse('MAX_ALIASES_EXCEEDED', `The operation uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}`);
          }
          if (shape.rootFields > limits.maxRootFields) {
            throw refuse('MAX_ROOT_FIELDS_EXCEEDED', `The operation asks for ${shape.rootFields} root fields; the limit is ${limits.maxRootFields}`);
          }
        },
      };
    },
  };
}
