/**
 * The dashboard's two ways to the gateway, both typed by the generated documents: one POST per
 * operation (sign-in, refresh, sign-out) and a graphql-ws client for the live board.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { documentParams, socketPayload } from '../../client/request';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';

import type { GatewayEndpoint } from '../endpoint';

export { endpointOf, type GatewayEndpoint } from '../endpoint';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

/** The operation failed: the first error's message, and every error's code. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }

  static from(errors: readonly GraphQLErrorBody[]): GraphQLRequestError {
    return new GraphQLRequestError(
      errors[0]?.message ?? 'The request failed',
      errors.map((e) => e.extensions?.code ?? 'UNKNOWN'),
    );
  }
}

export { socketPayload };

/** POSTs one operation and returns its data, or throws GraphQLRequestError. */
export async function request<TData, TVariables>(
  endpoint: GatewayEndpoint,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  accessToken?: string,
): Promise<TData> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify({ ...documentParams(document), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: TData | null; errors?: GraphQLErrorBody[] };
  if (body.errors?.length) throw GraphQLRequestError.from(body.errors);
  if (!body.data) throw new GraphQLRequestError(`The gateway answered ${response.status} without data`, []);
  return body.data;
}

export type LiveClientOptions = Omit<ClientOptions, 'url'>;

export function liveClient(endpoint: GatewayEndpoint, options: LiveClientOptions): Client {
  return createClient({ url: endpoint.webSocketUrl, ...options });
}

/** Runs one operation over the socket and resolves with its data (for a query or mutation). */
export function requestOverSocket<TData, TVariables>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  return new Promise((resolve, reject) => {
    let data: TData | undefined;
    client.subscribe<TData>(
      { ...socketPayload(document), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors?.length) reject(GraphQLRequestError.from(result.errors));
          else if (result.data) data = result.data;
        },
        error: (error) => reject(Array.isArray(error) ? GraphQLRequestError.from(error) : new Error(describeSocketError(error))),
        complete: () => (data ? resolve(data) : reject(new GraphQLRequestError('The gateway sent no data', []))),
      },
    );
  });
}

/** graphql-ws reports a closed socket as its CloseEvent, and a refused operation as its errors. */
export function describeSocketError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return GraphQLRequestError.from(error as GraphQLErrorBody[]).message;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code, reason } = error as { code: number; reason?: string };
    return `connection closed (${code}${reason ? `: ${reason}` : ''})`;
  }
  return String(error);
}

/** The close code of a socket error, when it is one. */
export function closeCodeOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? (error as { code: number }).code
    : undefined;
}
