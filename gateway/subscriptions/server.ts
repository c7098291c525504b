/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's own URL. A connection authenticates once
 * with `connectionParams.authorization`; queries and mutations sent over the socket run through
 * Apollo Server like HTTP ones; subscriptions, whatever their root field, are planned and
 * forwarded to the subgraph that owns it (openSubscription.ts, federated.ts).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  getOperationAST,
  OperationTypeNode,
  print,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { CloseCode, type ExecutionResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildRequestContext, type AccessTokenService, type RequestContext } from '../../lib/auth';
import { EventStream } from '../../lib/eventStream';
import type { Logger } from '../../lib/logger';
import type { RevocationCache } from '../../lib/revocations';
import type { OperationRequest } from '../limits';
import type { AdmissionVerdict } from '../trustedDocuments';
import type { LiveResults } from './federated';
import type { OpenSubscription } from './openSubscription';
import { SESSION_REVOKED_CLOSE_CODE, SessionSockets } from './sessionSockets';

export interface SubscriptionLimits {
  /** Active subscriptions one connection may hold; one more closes it (4400). @default 20 */
  maxSubscriptionsPerConnection: number;
  /** Open connections one user may hold; one more is closed (4429). @default 10 */
  maxConnectionsPerUser: number;
  /** Largest message a client may send, in bytes; a larger one closes the socket (1009). @default 65536 */
  maxMessageBytes: number;
  /** How long a new socket may wait before `connection_init`; then it is closed (4408). @default 5000 */
  connectionInitTimeoutMs: number;
}

/** Close code for a user's connection beyond MAX_WS_CONNECTIONS_PER_USER. */
export const TOO_MANY_CONNECTIONS = 4429;

export interface SubscriptionServerOptions {
  apollo: ApolloServer<RequestContext>;
  schema: () => GraphQLSchema;
  tokens: AccessTokenService;
  /** Opens the stream of a validated subscription (planned and forwarded to its subgraph). */
  openSubscription: OpenSubscription;
  /** Connections of a session revoked meanwhile are closed (4403). */
  revocations: RevocationCache;
  limits: SubscriptionLimits;
  /** The gateway's trusted documents and operation limits, the same as for HTTP. */
  guard: { check(request: OperationRequest & { extensions?: unknown }): AdmissionVerdict };
  logger: Logger;
  /** Whether the root field of this operation is allowed for this caller (the @auth policy). */
  authorizeRoot(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    context: RequestContext,
  ): readonly GraphQLError[];
}

interface ConnectionExtra {
  socket: WebSocket;
  request: http.IncomingMessage;
  context?: RequestContext;
  expiryTimer?: NodeJS.Timeout;
  untrackSession?: () => void;
  streams?: Set<EventStream<ExecutionResult>>;
  /** Whose connection this is, once accepted (the per-user count). */
  userId?: string;
}

export interface SubscriptionServer {
  connections(): number;
  /** Open subscriptions over every connection. */
  subscriptions(): number;
  /** Completes every open subscription, then closes every socket with 1001. */
  close(): Promise<void>;
}

const badRequest = (message: string, code = 'BAD_USER_INPUT') => new GraphQLError(message, { extensions: { code } });

/**
 * Feeds a subscription's results into a stream the server can end: the client unsubscribing,
 * its connection closing and shutdown all close the stream, which ends the source at once.
 */
function pump(source: AsyncIterableIterator<ExecutionResult>, onClose: () => void, logger: Logger): EventStream<ExecutionResult> {
  const stream = new EventStream<ExecutionResult>(() => {
    onClose();
    void source.return?.();
  });
  void (async () => {
    try {
      for (;;) {
        const next = await source.next();
        if (next.done || stream.isClosed) break;
        stream.push(next.value);
      }
    } catch (error) {
      logger.error({ err: error }, 'a subscription failed');
    } finally {
      stream.close();
    }
  })();
  return stream;
}

export function attachSubscriptionServer(httpServer: http.Server, options: SubscriptionServerOptions): SubscriptionServer {
  const { apollo, limits, logger } = options;
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: limits.maxMessageBytes });
  const allStreams = new Set<EventStream<ExecutionResult>>();
  /** The streams whose subgraph has confirmed it listens: their events will arrive. */
  const liveStreams = new WeakSet<EventStream<ExecutionResult>>();
  let live = 0;
  const connectionsByUser = new Map<string, number>();
  const sessionSockets = new SessionSockets(options.revocations);

  const runOperation = async (
    query: string,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    context: RequestContext,
  ): Promise<ExecutionResult> => {
    const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue: context });
    if (response.body.kind !== 'single') return { errors: [new GraphQLError('Incremental delivery is not supported over WebSocket')] };
    const { data, errors } = response.body.singleResult;
    // graphql-ws serialises GraphQLError instances; Apollo has already formatted (and masked) these.
    const revived = errors?.map((e: GraphQLFormattedError) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions }));
    return { data: data ?? null, ...(revived ? { errors: revived } : {}) };
  };

  /** Counts the user's connection; false when they already hold as many as allowed. */
  const admitUser = (userId: string): boolean => {
    const open = connectionsByUser.get(userId) ?? 0;
    if (open >= limits.maxConnectionsPerUser) return false;
    connectionsByUser.set(userId, open + 1);
    return true;
  };
  const releaseUser = (userId: string) => {
    const open = (connectionsByUser.get(userId) ?? 1) - 1;
    if (open > 0) connectionsByUser.set(userId, open);
    else connectionsByUser.delete(userId);
  };

  const track = (opened: LiveResults, extra: Partial<ConnectionExtra>): EventStream<ExecutionResult> => {
    const stream: EventStream<ExecutionResult> = pump(
      opened.results,
      () => {
        allStreams.delete(stream);
        extra.streams?.delete(stream);
        if (liveStreams.delete(stream)) live--;
      },
      logger,
    );
    allStreams.add(stream);
    extra.streams ??= new Set();
    extra.streams.add(stream);
    void opened.ready.then(() => {
      if (stream.isClosed) return;
      liveStreams.add(stream);
      live++;
    });
    return stream;
  };

  /** Each connection's extra, found from the context that `subscribe` receives. */
  const extras = new WeakMap<RequestContext, Partial<ConnectionExtra>>();

  /** Operation limits, the gateway's own (gateway/limits.ts), checked before anything runs. */
  const limitErrors = (payload: { query: string; variables?: unknown; operationName?: unknown; extensions?: unknown }): GraphQLError[] => {
    const verdict = options.guard.check(payload);
    if (!verdict.ok) return [badRequest(verdict.error.message, String(verdict.error.extensions.code))];
    // A trusted document named by its hash runs as its own text, whatever text came with it.
    if (typeof verdict.query === 'string') payload.query = verdict.query;
    return [];
  };

  const server = useServer<Record<string, unknown>, Partial<ConnectionExtra>>(
    {
      schema: () => options.schema(),
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const headers = (params.headers ?? {}) as Record<string, unknown>;
        const authorization = params.authorization ?? params.Authorization ?? headers.authorization ?? headers.Authorization;
        const context = buildRequestContext(
          {
            authorization: typeof authorization === 'string' ? authorization : null,
            requestId: randomUUID(),
            clientAddress: ctx.extra.request?.socket.remoteAddress ?? null,
          },
          options.tokens,
        );
        // No, forged or expired token: 4403 before any subscription runs.
        if (!context.user || !context.expiresAt) return false;
        if (!admitUser(context.user.id)) {
          ctx.extra.socket?.close(TOO_MANY_CONNECTIONS, 'Too many connections');
          return false;
        }
        ctx.extra.userId = context.user.id;
        ctx.extra.context = context;
        extras.set(context, ctx.extra);
        // The token's end is the connection's end: the client reconnects with a fresh one.
        ctx.extra.expiryTimer = setTimeout(
          () => ctx.extra.socket?.close(CloseCode.Unauthorized, 'Access token expired'),
          Math.max(0, context.expiresAt - Date.now()),
        );
        ctx.extra.expiryTimer.unref();
        ctx.extra.untrackSession = sessionSockets.track(context.sessionId, () =>
          ctx.extra.socket?.close(SESSION_REVOKED_CLOSE_CODE, 'Session revoked'),
        );
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already registered this subscription when it asks.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          ctx.extra.socket?.close(CloseCode.BadRequest, 'Too many subscriptions');
          return [badRequest(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`)];
        }
        const refused = limitErrors(payload);
        if (refused.length > 0) return refused;
      },
      context: (ctx) => ctx.extra.context,
      execute: (args) => {
        const context = args.contextValue as RequestContext;
        return runOperation(print(args.document), args.variableValues ?? {}, args.operationName ?? undefined, context);
      },
      subscribe: (args) => {
        const context = args.contextValue as RequestContext;
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) return { errors: [badRequest('Not a subscription')] };
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const denied = options.authorizeRoot(args.document, operation, variables, context);
        if (denied.length > 0) return { errors: [...denied] };
        const extra = extras.get(context);
        if (!extra) return { errors: [badRequest('The connection is closing', 'BAD_REQUEST')] };
        try {
          const opened = options.openSubscription({
            document: args.document,
            operation,
            operationName: args.operationName ?? undefined,
            variables,
            context,
          });
          return 'results' in opened ? track(opened, extra) : opened;
        } catch (error) {
          logger.error({ err: error }, 'could not open a subscription');
          return { errors: [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
        }
      },
      onClose: (ctx) => {
        if (ctx.extra.expiryTimer) clearTimeout(ctx.extra.expiryTimer);
        ctx.extra.untrackSession?.();
        if (ctx.extra.userId) releaseUser(ctx.extra.userId);
        // Closing a connection frees everything it held.
        for (const stream of [...(ctx.extra.streams ?? [])]) stream.close();
      },
    },
    wss,
  );

  return {
    connections: () => wss.clients.size,
    subscriptions: () => live,
    async close() {
      for (const stream of [...allStreams]) stream.close();
      // Let graphql-ws send `complete` for the ended streams before the sockets go.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await server.dispose();
    },
  };
}
