/**
 * graphql-ws on a subgraph's own /graphql, for the gateway only. One gateway connection carries
 * many subscriptions, so trust and identity travel with each `subscribe`, not the connection:
 * `extensions["hmac-signature"]` signs `{ query, variables }` exactly as on HTTP, and
 * `extensions.authorization` holds the client's own bearer token, verified here again. An
 * unsigned subscribe is refused with no data.
 */
import type http from 'node:http';
import { createSourceEventStream, execute, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { mapIterator } from './eventStream';
import { buildRequestContext, type AccessTokenService, type RequestContext } from './auth';
import { HMAC_EXTENSION, verifyOperationSignature } from './hmac';
import type { Logger } from './logger';

/** Where the gateway puts the client's token and request id in a subscribe's extensions. */
export const AUTHORIZATION_EXTENSION = 'authorization';
export const REQUEST_ID_EXTENSION = 'requestId';
/**
 * Once a subscription is listening, the subgraph says so in an unsolicited `pong` (which the
 * protocol allows, payload and all): `{ subscribed: <operation id> }`. graphql-ws has no
 * acknowledgement of its own, and without one a gateway cannot tell when an event would reach it.
 */
export const SUBSCRIBED_PONG = 'subscribed';

export interface SubgraphSubscriptionOptions {
  schema: GraphQLSchema;
  secret: string;
  tokens: AccessTokenService;
  createContext(base: RequestContext): RequestContext;
  logger: Logger;
}

export interface SubgraphSubscriptionServer {
  close(): Promise<void>;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A source event that names its outbox event (`eventId`, `topic`) sends them as extensions. */
function eventExtensionsOf(payload: unknown): { eventId: string; topic?: string } | undefined {
  if (payload === null || typeof payload !== 'object' || !('eventId' in payload) || typeof payload.eventId !== 'string') return undefined;
  return 'eventTopic' in payload && typeof payload.eventTopic === 'string'
    ? { eventId: payload.eventId, topic: payload.eventTopic }
    : { eventId: payload.eventId };
}

/** graphql's `subscribe`, plus each source event's id in the result's extensions. */
export async function subscribeWithEventIds(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  return mapIterator(source[Symbol.asyncIterator](), async (payload) => {
    const result = await execute({ ...args, rootValue: payload });
    const extensions = eventExtensionsOf(payload);
    return extensions === undefined ? result : { ...result, extensions: { ...result.extensions, ...extensions } };
  });
}

function isSigned(secret: string, payload: SubscribePayload): boolean {
  return verifyOperationSignature(secret, { query: payload.query, variables: payload.variables }, payload.extensions?.[HMAC_EXTENSION]);
}

export function serveSubgraphSubscriptions(httpServer: http.Server, options: SubgraphSubscriptionOptions): SubgraphSubscriptionServer {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const server = useServer(
    {
      schema: options.schema,
      onSubscribe: (_ctx, _id, payload) => {
        if (isSigned(options.secret, payload)) return;
        options.logger.warn(
          { signed: Boolean(payload.extensions?.[HMAC_EXTENSION]) },
          'refused a subgraph subscription without a valid gateway signature',
        );
        return [new GraphQLError('Subgraphs answer only the gateway', { extensions: { code: 'UNAUTHENTICATED' } })];
      },
      context: (_ctx, _id, payload) =>
        options.createContext(
          buildRequestContext(
            { authorization: text(payload.extensions?.[AUTHORIZATION_EXTENSION]), requestId: text(payload.extensions?.[REQUEST_ID_EXTENSION]) },
            options.tokens,
          ),
        ),
      subscribe: subscribeWithEventIds,
      onOperation: (ctx, id, _payload, _args, result) => {
        if (Symbol.asyncIterator in result) ctx.extra.socket.send(JSON.stringify({ type: 'pong', payload: { [SUBSCRIBED_PONG]: id } }));
      },
    },
    wss,
  );
  return {
    async close() {
      await server.dispose();
    },
  };
}
