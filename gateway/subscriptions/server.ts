/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's own URL. @apollo/gateway executes no
 * subscriptions, so this does: a connection authenticates once with
 * `connectionParams.authorization`; queries and mutations sent over the socket run through
 * Apollo Server like HTTP ones; `ticketUpdated` streams ticket events from the outbox, each
 * answered by a federated query run as the subscriber (ticketQuery.ts).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  getArgumentValues,
  getOperationAST,
  OperationTypeNode,
  parse,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { CloseCode, type ExecutionResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildRequestContext, type AccessTokenService, type RequestContext } from '../../lib/auth';
import type { Logger } from '../../lib/logger';
import { isUuid } from '../../lib/validation';
import type { OperationRequest } from '../limits';
import type { AdmissionVerdict } from '../trustedDocuments';
import type { RevocationCache } from '../../lib/revocations';
import { ConnectionsPerUser } from './connectionsPerUser';
import { subscriptionRootField } from './rootField';
import { EventStream } from './eventStream';
import { SESSION_REVOKED_CLOSE_CODE, SessionSockets } from './sessionSockets';
import { ticketQueryFor, TICKET_ID_VARIABLE, type TicketQuery } from './ticketQuery';
import type { TicketEvent, TicketEventHub } from './ticketEvents';

export interface SubscriptionLimits {
  /** Active subscriptions one connection may hold; one more closes it (4400). @default 20 */
  maxSubscriptionsPerConnection: number;
  /** Largest message a client may send, in bytes; a larger one closes the socket (1009). @default 65536 */
  maxMessageBytes: number;
  /** How long a new socket may wait before `connection_init`; then it is closed (4408). @default 5000 */
  connectionInitTimeoutMs: number;
  /** Connections one user may hold on this instance; one more is closed with 4429. @default 10 */
  maxConnectionsPerUser: number;
}

/** Close code for a user's connection beyond MAX_WS_CONNECTIONS_PER_USER. */
export const TOO_MANY_CONNECTIONS = 4429;

export interface SubscriptionServerOptions {
  apollo: ApolloServer<RequestContext>;
  schema: () => GraphQLSchema;
  tokens: AccessTokenService;
  /** Connections of a session revoked meanwhile are closed (4403). */
  revocations: RevocationCache;
  /** Absent when the gateway has no database to listen to (the standalone gateway without DATABASE_URL). */
  hub?: TicketEventHub;
  limits: SubscriptionLimits;
  /** The gateway's trusted documents and operation limits, the same as for HTTP. */
  guard: { check(request: OperationRequest & { extensions?: unknown }): AdmissionVerdict };
  logger: Logger;
  /** Whether the root field of this operation is allowed for this caller (the @auth policy). */
  authorizeRoot(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, context: RequestContext): readonly GraphQLError[];
}

interface ConnectionExtra {
  socket: WebSocket;
  request: http.IncomingMessage;
  context?: RequestContext;
  /** Set once the connection counts against its user's cap. */
  admittedUser?: string;
  expiryTimer?: NodeJS.Timeout;
  untrackSession?: () => void;
  streams?: Set<EventStream<ExecutionResult>>;
}

export interface SubscriptionServer {
  connections(): number;
  /** Completes every open subscription, then closes every socket with 1001. */
  close(): Promise<void>;
}

const badRequest = (message: string, code = 'BAD_USER_INPUT') => new GraphQLError(message, { extensions: { code } });

/** `afterEventId`: the id of the last event the client saw (a non-negative integer). */
function eventIdArgument(value: unknown): number | null | GraphQLError {
  if (value === undefined || value === null) return null;
  const text = String(value);
  return /^\d{1,15}$/.test(text) ? Number(text) : badRequest('afterEventId: must be the id of an event, a whole number');
}

export function attachSubscriptionServer(httpServer: http.Server, options: SubscriptionServerOptions): SubscriptionServer {
  const { apollo, hub, limits, logger } = options;
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: limits.maxMessageBytes });
  const allStreams = new Set<EventStream<ExecutionResult>>();
  const perUser = new ConnectionsPerUser(limits.maxConnectionsPerUser);
  const sessionSockets = new SessionSockets(options.revocations);
  /** One federated query per event, selection and user, however many of their subscriptions want it. */
  const resolutions = new Map<string, Promise<ExecutionResult>>();

  const runOperation = async (query: string, variables: Record<string, unknown>, operationName: string | undefined, context: RequestContext): Promise<ExecutionResult> => {
    const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue: context });
    if (response.body.kind !== 'single') return { errors: [new GraphQLError('Incremental delivery is not supported over WebSocket')] };
    const { data, errors } = response.body.singleResult;
    // graphql-ws serialises GraphQLError instances; Apollo has already formatted (and masked) these.
    const revived = errors?.map((e: GraphQLFormattedError) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions }));
    return { data: data ?? null, ...(revived ? { errors: revived } : {}) } as ExecutionResult;
  };

  const resolveEvent = (event: TicketEvent, ticketQuery: TicketQuery, args: ExecutionArgs, context: RequestContext): Promise<ExecutionResult> => {
    const variables = { ...(args.variableValues ?? {}), [TICKET_ID_VARIABLE]: event.ticketId };
    const key = `${event.id}|${context.user!.id}|${ticketQuery.query}|${JSON.stringify(variables)}`;
    let resolution = resolutions.get(key);
    if (!resolution) {
      resolution = runOperation(ticketQuery.query, variables, args.operationName ?? undefined, context).then((result) => ({
        ...result,
        extensions: { eventId: String(event.id), topic: event.topic },
      }));
      resolutions.set(key, resolution);
      setTimeout(() => resolutions.delete(key), 5000).unref();
    }
    return resolution;
  };

  const ticketUpdates = (args: ExecutionArgs, root: FieldNode, extra: ConnectionExtra): AsyncIterableIterator<ExecutionResult> | ExecutionResult => {
    const context = extra.context!;
    const user = context.user!;
    const operation = getOperationAST(args.document, args.operationName)!;
    const fieldDef = args.schema.getSubscriptionType()!.getFields()[root.name.value];
    let rawArgs: Record<string, unknown>;
    try {
      rawArgs = getArgumentValues(fieldDef, root, args.variableValues ?? {});
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : badRequest(String(error))] };
    }
    const ticketId = rawArgs.ticketId == null ? null : String(rawArgs.ticketId);
    if (ticketId !== null && !isUuid(ticketId)) return { errors: [badRequest('ticketId: is not a valid id')] };
    const afterEventId = eventIdArgument(rawArgs.afterEventId);
    if (afterEventId instanceof GraphQLError) return { errors: [afterEventId] };
    if (!hub) return { errors: [badRequest('Live ticket updates need the database this gateway listens to (DATABASE_URL)', 'INTERNAL_SERVER_ERROR')] };

    const ticketQuery = ticketQueryFor(args.document, operation, root);
    // The check runs for every event, not only at subscribe time.
    const concerns = (event: TicketEvent) => (ticketId === null || event.ticketId === ticketId) && (user.role === 'ADMIN' || event.reporterId === user.id);
    const delivered = new Set<number>();
    let chain = Promise.resolve();
    const stream: EventStream<ExecutionResult> = new EventStream<ExecutionResult>(() => {
      unsubscribe();
      allStreams.delete(stream);
      extra.streams?.delete(stream);
    });
    // Events are answered one after another, in the order they came.
    const deliver = (event: TicketEvent) => {
      if (!concerns(event)) return;
      chain = chain.then(async () => {
        if (stream.isClosed || delivered.has(event.id)) return;
        delivered.add(event.id);
        const result = await resolveEvent(event, ticketQuery, args, context).catch((error) => {
          logger.error({ err: error }, 'could not resolve a ticket event');
          return null;
        });
        // A ticket the subscriber may not see (any more) is simply not sent.
        if (!result || result.data?.[ticketQuery.responseKey] == null) return;
        stream.push(result);
      });
    };
    // Listen first, then replay: an event committed meanwhile is in one or the other, and the
    // set of delivered ids drops the one seen twice.
    const unsubscribe = hub.subscribe(deliver);
    allStreams.add(stream);
    extra.streams ??= new Set();
    extra.streams.add(stream);
    if (afterEventId !== null) {
      const replayed = hub.replay(afterEventId, ticketId);
      chain = chain.then(async () => {
        for (const event of await replayed) deliver(event);
      });
    }
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
          { authorization: typeof authorization === 'string' ? authorization : null, requestId: randomUUID(), clientAddress: ctx.extra.request?.socket.remoteAddress ?? null },
          options.tokens,
        );
        // No, forged or expired token: 4403 before any subscription runs.
        if (!context.user || !context.expiresAt) return false;
        if (!perUser.admit(context.user.id)) {
          ctx.extra.socket?.close(TOO_MANY_CONNECTIONS, 'Too many connections for this user');
          return false;
        }
        ctx.extra.admittedUser = context.user.id;
        ctx.extra.context = context;
        extras.set(context, ctx.extra);
        // The token's end is the connection's end: the client reconnects with a fresh one.
        ctx.extra.expiryTimer = setTimeout(() => ctx.extra.socket?.close(CloseCode.Unauthorized, 'Access token expired'), Math.max(0, context.expiresAt - Date.now()));
        ctx.extra.expiryTimer.unref();
        ctx.extra.untrackSession = sessionSockets.track(context.sessionId, () => ctx.extra.socket?.close(SESSION_REVOKED_CLOSE_CODE, 'Session revoked'));
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
        return runOperation(print(args.document), (args.variableValues ?? {}) as Record<string, unknown>, args.operationName ?? undefined, context);
      },
      subscribe: (args) => {
        const context = args.contextValue as RequestContext;
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) return { errors: [badRequest('Not a subscription')] };
        const denied = options.authorizeRoot(args.document, operation, (args.variableValues ?? {}) as Record<string, unknown>, context);
        if (denied.length > 0) return { errors: [...denied] };
        const root = subscriptionRootField(args.document, operation);
        if (root?.name.value !== 'ticketUpdated') return { errors: [badRequest(`No stream is served for ${root?.name.value ?? 'this operation'}`, 'BAD_REQUEST')] };
        const extra = extras.get(context);
        if (!extra) return { errors: [badRequest('The connection is closing', 'BAD_REQUEST')] };
        return ticketUpdates(args, root, extra as ConnectionExtra);
      },
      onClose: (ctx) => {
        if (ctx.extra.admittedUser) perUser.release(ctx.extra.admittedUser);
        if (ctx.extra.expiryTimer) clearTimeout(ctx.extra.expiryTimer);
        ctx.extra.untrackSession?.();
        // Closing a connection frees everything it held.
        for (const stream of [...(ctx.extra.streams ?? [])]) stream.close();
      },
    },
    wss,
  );

  return {
    connections: () => wss.clients.size,
    async close() {
      for (const stream of [...allStreams]) stream.close();
      // Let graphql-ws send `complete` for the ended streams before the sockets go.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await server.dispose();
    },
  };
}
