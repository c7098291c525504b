/**
 * The dashboard's two ways to the gateway, both typed by the generated documents and both from
 * the repository's one GraphQL client (client/request.ts): one POST per operation (sign-in,
 * refresh, sign-out, the ticket panel's actions) and a graphql-ws client for the live board.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import { request as post } from '../../client/request';
import type { GatewayEndpoint } from '../endpoint';

export { closeCodeOf, describeSocketError, GraphQLRequestError, requestOverSocket, socketPayload } from '../../client/request';
export { endpointOf, type GatewayEndpoint } from '../endpoint';

/** POSTs one operation to the gateway and returns its data, or throws GraphQLRequestError. */
export function request<TData, TVariables>(
  endpoint: GatewayEndpoint,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  accessToken?: string,
): Promise<TData> {
  return post(endpoint.url, document, variables, accessToken);
}

export type LiveClientOptions = Omit<ClientOptions, 'url'>;

export function liveClient(endpoint: GatewayEndpoint, options: LiveClientOptions): Client {
  return createClient({ url: endpoint.webSocketUrl, ...options });
}
