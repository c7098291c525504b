/**
 * One federated subscription: the plan's primary fetch runs on the owning subgraph over
 * graphql-ws; each event it sends is completed by the rest of the plan (entity fetches to
 * other subgraphs) through @apollo/gateway's own executeQueryPlan, the subgraph calls and
 * result shaping of queries, with the event's data standing in for the primary fetch's answer.
 */
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { QueryPlan } from '@apollo/query-planner';
import { GraphQLError, print, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import type { FormattedExecutionResult } from 'graphql-ws';
import type { RequestContext } from '../../lib/auth';
import { mapIterator } from '../../lib/eventStream';
import type { Logger } from '../../lib/logger';
import type { SubscriptionPlan, SubscriptionPlanner } from './planner';
import type { UpstreamConnections } from './upstream';

export interface FederatedDeps {
  planner: SubscriptionPlanner;
  upstream: UpstreamConnections;
  /** The data sources queries use, by subgraph name. */
  serviceMap: Record<string, GraphQLDataSource<RequestContext>>;
  urlOf(serviceName: string): string | undefined;
  /** The gateway's error formatting (masking included), as for queries. */
  formatError(error: GraphQLError): GraphQLFormattedError;
  logger: Logger;
}

export interface FederatedRequest {
  /** The subscription after the @auth pruning. */
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string;
  variables: Record<string, unknown>;
  context: RequestContext;
  plan: SubscriptionPlan;
  /** Subscribers with equal keys get equal answers to one event, so they share one resolution. */
  shareKey: string;
  /** Puts the fields the policy denied back as null with their errors. */
  restore(result: ExecutionResult): ExecutionResult;
}

/** A subscription's results, and when it is listening (its events will reach it from then on). */
export interface LiveResults {
  results: AsyncIterableIterator<ExecutionResult>;
  ready: Promise<void>;
}

/** How long a shared resolution is kept for the other subscribers of its event. */
const SHARED_RESOLUTION_MS = 5000;

const revive = (errors: readonly GraphQLFormattedError[]) =>
  errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions }));

export class FederatedSubscriptions {
  private readonly resolutions = new Map<string, Promise<ExecutionResult>>();

  constructor(private readonly deps: FederatedDeps) {}

  /** Opens the primary part upstream; every event it yields comes back completed. */
  subscribe(request: FederatedRequest): LiveResults {
    const { primary } = request.plan.node;
    const url = this.deps.urlOf(primary.serviceName);
    if (!url) throw new GraphQLError(`No URL for subgraph ${primary.serviceName}`);
    const variables = Object.fromEntries(
      (primary.variableUsages ?? []).filter((name) => name in request.variables).map((name) => [name, request.variables[name]]),
    );
    const upstream = this.deps.upstream.subscribe(
      url,
      { query: primary.operation, variables, operationName: primary.operationName },
      request.context,
    );
    return { results: mapIterator(upstream.results, (message) => this.resolve(message, request)), ready: upstream.ready };
  }

  /** One event's answer, shared by the subscribers whose answer cannot differ. */
  private resolve(message: FormattedExecutionResult, request: FederatedRequest): Promise<ExecutionResult> {
    const key = `${request.shareKey}|${JSON.stringify(message)}`;
    let resolution = this.resolutions.get(key);
    if (!resolution) {
      resolution = this.complete(message, request).catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'could not complete a subscription event');
        return { data: null, errors: [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
      });
      this.resolutions.set(key, resolution);
      setTimeout(() => this.resolutions.delete(key), SHARED_RESOLUTION_MS).unref();
    }
    return resolution;
  }

  private async complete(message: FormattedExecutionResult, request: FederatedRequest): Promise<ExecutionResult> {
    // A refusal or failure upstream: nothing to complete, only errors to pass on.
    if (message.data == null) return { data: null, errors: revive((message.errors ?? []).map((e) => this.deps.formatError(revive([e])[0]))) };
    const { primary, rest } = request.plan.node;
    const real = this.deps.serviceMap[primary.serviceName];
    // The primary fetch is answered by the event; the rest may still call the same subgraph.
    const eventSource: GraphQLDataSource<RequestContext> = {
      process: (options) =>
        options.request.query === primary.operation
          ? Promise.resolve({
              data: message.data ? structuredClone(message.data) : message.data,
              errors: message.errors ? [...message.errors] : undefined,
            })
          : real.process(options),
    };
    const serviceMap: ServiceMap = { ...this.deps.serviceMap, [primary.serviceName]: eventSource };
    const queryPlan: QueryPlan = { kind: 'QueryPlan', node: rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary };
    const executed = await executeQueryPlan(
      queryPlan,
      serviceMap,
      this.requestContext(request),
      request.plan.operationContext,
      this.deps.planner.supergraphSchema,
      this.deps.planner.apiSchema,
    );
    const restored = request.restore({ data: executed.data ?? null, errors: executed.errors ? [...executed.errors] : undefined });
    const errors = restored.errors?.map((error) => this.deps.formatError(error));
    return {
      data: restored.data,
      ...(errors && errors.length > 0 ? { errors: revive(errors) } : {}),
      ...(message.extensions ? { extensions: message.extensions } : {}),
    };
  }

  private requestContext(request: FederatedRequest): GatewayGraphQLRequestContext<RequestContext> {
    const query = print(request.document);
    // executeQueryPlan reads the request, the context, the logger and the metrics; the rest of
    // Apollo Server's request context has no meaning for one event.
    return {
      request: { query, variables: request.variables, operationName: request.operationName },
      context: request.context,
      logger: this.deps.logger,
      metrics: {},
      document: request.document,
      operation: request.operation,
      operationName: request.operationName ?? null,
      source: query,
    } as unknown as GatewayGraphQLRequestContext<RequestContext>;
  }
}
