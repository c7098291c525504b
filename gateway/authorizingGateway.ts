/**
 * Wraps @apollo/gateway so that the `@auth` policy read from the supergraph is applied to each
 * operation before the query planner sees it (see authorization.ts).
 */
import type { ApolloGateway } from '@apollo/gateway';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../lib/auth';
import { authPolicyFromSdl, type AuthPolicy } from '../lib/authDirective';
import type { Asker, ResponseCache } from './responseCache';
import { findDenials, pruneDocument, restoreDeniedFields, rootFields, selectsOwnerRule } from './authorization';
import { linksSpec } from './supergraph';

/** The spec our subgraphs link for `@auth` (`@link(url: "https://campus-hub.example/auth/v1.0")`). */
export const AUTH_SPEC = 'https://campus-hub.example/auth/';

/** A result as an executor returns it (data and GraphQL errors). */
export interface AuthorizableResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
}

export interface AuthorizedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Empty when nothing was denied; else tells this pruning of the document apart from others. */
  prunedKey: string;
  /** Whether a selected field's rule depends on who the caller is (not only their role). */
  ownerDependent: boolean;
  restore<R extends AuthorizableResult>(result: R): R;
}

function operationNotFound(name: string | undefined): GraphQLError {
  if (!name) return new GraphQLError('The document must hold exactly one operation, or name the one to run');
  const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
  return new GraphQLError(`The document has no operation named ${JSON.stringify(shown)}`);
}

/**
 * The caller's role as a cache key sees it: a caller without a user is told apart by why their
 * token was not taken (none, expired, revoked, invalid), since rules may answer each differently.
 */
function roleOf(context: RequestContext): string | null {
  if (context.user) return context.user.role;
  return context.tokenProblem ? `token ${context.tokenProblem}` : null;
}

export class AuthorizingGateway implements GatewayInterface {
  private schema?: GraphQLSchema;
  private policy?: AuthPolicy;

  /** `cache`: whole answers to queries, looked up once the policy has judged the operation. */
  constructor(
    private readonly inner: ApolloGateway,
    private readonly cache?: ResponseCache,
  ) {
    inner.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      const sdl = parse(coreSupergraphSdl);
      this.schema = apiSchema;
      // Only our spec's `@auth` is a policy: another supergraph's directive of that name (kept by
      // @composeDirective) is its subgraphs' business, as it is for stock @apollo/gateway.
      this.policy = linksSpec(sdl, AUTH_SPEC) ? authPolicyFromSdl(sdl) : undefined;
    });
  }

  /** The API schema clients see (for validating operations served outside Apollo Server). */
  get apiSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('The gateway has not loaded its supergraph yet');
    return this.schema;
  }

  /** Errors for the root fields of `operation` that the policy refuses this caller. */
  rootDenials(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    context: RequestContext,
  ): GraphQLError[] {
    if (!this.schema || !this.policy) return [];
    const { denied } = findDenials(this.schema, this.policy, document, operation, variables, context);
    return rootFields(document, operation).flatMap((selection) => {
      const error = denied.get(selection);
      return error
        ? [
            new GraphQLError(error.message, {
              nodes: [selection],
              path: [selection.alias?.value ?? selection.name.value],
              extensions: error.extensions,
            }),
          ]
        : [];
    });
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop() {
    return this.inner.stop();
  }

  /**
   * The operation as the planner may see it for this caller: denied fields taken out, a key
   * that tells its pruning apart, and how to put the denied fields back into a result.
   */
  authorize(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    context: RequestContext,
  ): AuthorizedOperation {
    if (!this.schema || !this.policy) return { document, operation, prunedKey: '', ownerDependent: false, restore: (result) => result };
    const schema = this.schema;
    const denials = findDenials(schema, this.policy, document, operation, variables, context);
    const ownerDependent = selectsOwnerRule(schema, this.policy, document);
    if (denials.denied.size === 0) return { document, operation, prunedKey: '', ownerDependent, restore: (result) => result };
    const pruned = pruneDocument(document, denials.denied);
    const prunedOperation = pruned.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operation.name?.value,
    );
    return {
      document: pruned,
      operation: prunedOperation ?? operation,
      // The source positions of the removed fields tell the prunings of one document apart.
      prunedKey: `:pruned:${[...denials.denied.keys()].map((node) => node.loc?.start ?? '?').join('.')}`,
      ownerDependent,
      restore: (result) => {
        const restored = restoreDeniedFields(schema, operation, denials, result.data, variables);
        return { ...result, data: restored.data, errors: [...restored.errors, ...(result.errors ?? [])] };
      },
    };
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const { executor } = await this.inner.load(options);
    if (!executor) return { executor };
    const authorize: GatewayExecutor = async (requestContext) => {
      const { document, operation } = requestContext;
      // Apollo Server reports OPERATION_RESOLUTION_FAILURE from the errors execution returns.
      if (!operation) return { errors: [operationNotFound(requestContext.request.operationName)] };
      const context = requestContext.context as unknown as RequestContext;
      const authorized = this.authorize(document, operation, requestContext.request.variables ?? {}, context);
      const asker = { role: roleOf(context), userId: context.user?.id ?? null, ownerDependent: authorized.ownerDependent };
      if (!authorized.prunedKey) return this.throughCache(requestContext, asker, () => executor(requestContext));
      // Denied fields make the answer the caller's alone, with errors: never served from or kept
      // in the cache (a mutation still empties it).
      return this.throughCache(requestContext, null, async () => {
        // The planner caches plans by query hash: a pruned document must not share the original's.
        const result = await executor({
          ...requestContext,
          document: authorized.document,
          operation: authorized.operation,
          queryHash: `${requestContext.queryHash}${authorized.prunedKey}`,
        });
        return authorized.restore(result);
      });
    };
    return { executor: authorize };
  }

  private throughCache(requestContext: GatewayGraphQLRequestContext, asker: Asker | null, run: () => Promise<GatewayExecutionResult>) {
    return this.cache ? this.cache.execute(requestContext, asker, run) : run();
  }
}
