/**
 * From a validated subscription document to its stream: the same @auth pruning as queries,
 * then the plan, then the federated subscription, keyed so that subscribers whose answers
 * cannot differ (same document, variables, role and pruning, no owner-dependent field) share
 * each event's resolution.
 */
import { createHash } from 'node:crypto';
import { GraphQLError, print, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../../lib/auth';
import type { AuthorizingGateway } from '../authorizingGateway';
import type { FederatedSubscriptions, LiveResults } from './federated';
import type { SubscriptionPlanner } from './planner';

export interface SubscriptionRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string;
  variables: Record<string, unknown>;
  context: RequestContext;
}

export type OpenSubscription = (request: SubscriptionRequest) => LiveResults | ExecutionResult;

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');

export function subscriptionOpener(gateway: AuthorizingGateway, planner: SubscriptionPlanner, federated: FederatedSubscriptions): OpenSubscription {
  return (request) => {
    const { context, variables } = request;
    const authorized = gateway.authorize(request.document, request.operation, variables, context);
    const documentKey = `${hash(print(authorized.document))}${authorized.prunedKey}`;
    const plan = planner.plan(authorized.document, request.operationName, documentKey);
    if (plan instanceof GraphQLError) return { errors: [plan] };
    const who = authorized.ownerDependent ? `user:${context.user?.id}` : `role:${context.user?.role}`;
    return federated.subscribe({
      document: authorized.document,
      operation: authorized.operation,
      operationName: request.operationName,
      variables,
      context,
      plan,
      shareKey: `${documentKey}|${request.operationName ?? ''}|${hash(JSON.stringify(variables))}|${who}`,
      restore: (result) => authorized.restore(result),
    });
  };
}
