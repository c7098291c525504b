/**
 * A literal argument of the wrong type (`weight: 1.5` for an Int) fails GraphQL validation,
 * which Apollo Server reports as GRAPHQL_VALIDATION_FAILED. For the client it is bad input
 * like any other, so it becomes BAD_USER_INPUT with a message naming the argument, the same
 * answer the same value gets when sent in a variable.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type GraphQLError, type DocumentNode, type GraphQLFormattedError, type ValueNode } from 'graphql';

const ARGUMENT_EXTENSION = 'argument';

/** `classes[0].weight` for the argument value (or input field) that starts at `offset`. */
export function argumentPathAt(document: DocumentNode, offset: number): string | undefined {
  const search = (value: ValueNode, path: string): string | undefined => {
    if (value.loc?.start === offset) return value.kind === Kind.VARIABLE ? undefined : path;
    if (value.kind === Kind.LIST) {
      for (const [index, item] of value.values.entries()) {
        const found = search(item, `${path}[${index}]`);
        if (found) return found;
      }
    }
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        if (field.loc?.start === offset) return `${path}.${field.name.value}`;
        const found = search(field.value, `${path}.${field.name.value}`);
        if (found) return found;
      }
    }
    return undefined;
  };
  let found: string | undefined;
  visit(document, {
    Argument(node) {
      found ??= search(node.value, node.name.value);
    },
  });
  return found;
}

export function argumentErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ document }) {
          return async (errors) => {
            for (const error of (errors ?? []) as GraphQLError[]) {
              const start = error.nodes?.[0]?.loc?.start;
              if (start === undefined) continue;
              const argument = argumentPathAt(document, start);
              if (argument) (error.extensions as Record<string, unknown>)[ARGUMENT_EXTENSION] = argument;
            }
          };
        },
      };
    },
  };
}

/** Rewrites a marked validation error as BAD_USER_INPUT; leaves every other error alone. */
export function asBadUserInput(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const argument = formatted.extensions?.[ARGUMENT_EXTENSION];
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || typeof argument !== 'string') return formatted;
  return { ...formatted, message: `${argument}: ${formatted.message}`, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
}
