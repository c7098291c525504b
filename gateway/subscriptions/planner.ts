/**
 * Plans subscriptions with the same query planner @apollo/gateway uses for queries. The planner
 * already knows subscriptions: its plan is a `Subscription` node holding `primary` (the fetch
 * to the subgraph that owns the root field) and `rest` (what other subgraphs add to each event).
 */
import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type SubscriptionNode } from '@apollo/query-planner';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';

export type OperationContext = ReturnType<typeof buildOperationContext>;

export interface SubscriptionPlan {
  node: SubscriptionNode;
  operationContext: OperationContext;
}

/** Plans kept, by document and operation name; the oldest goes first. */
const PLAN_CACHE_SIZE = 500;

export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  /** The supergraph as graphql-js sees it (executeQueryPlan reads join directives from it). */
  readonly supergraphSchema: GraphQLSchema;
  private readonly schema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, SubscriptionPlan>();

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** The plan of a validated subscription document; `key` names the document (its pruning included). */
  plan(document: DocumentNode, operationName: string | undefined, key: string): SubscriptionPlan | GraphQLError {
    const cacheKey = `${key}|${operationName ?? ''}`;
    const cached = this.plans.get(cacheKey);
    if (cached) return cached;
    const operationContext = buildOperationContext({ schema: this.schema, operationDocument: document, operationName });
    const plan = this.planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
    if (plan.node?.kind !== 'Subscription') return new GraphQLError('Not a subscription', { extensions: { code: 'BAD_REQUEST' } });
    const planned = { node: plan.node, operationContext };
    this.plans.set(cacheKey, planned);
    if (this.plans.size > PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    return planned;
  }
}
