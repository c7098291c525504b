/**
 * Start-up shared by every subgraph: the federated schema with the `@auth` policy enforced,
 * the gateway-signature check, the request context, error masking, `/health` and `/live`.
 * A subgraph module only supplies its schema, resolvers, context additions and health check.
 */
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type RequestHandler } from 'express';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { buildRequestContext, type AccessTokenService, type RequestContext } from './auth';
import { authPolicyFromSdl, enforceAuthPolicy } from './authDirective';
import type { Config } from './config';
import { createErrorFormatter } from './errors';
import { HMAC_EXTENSION, verifyOperationSignature, type SignedParams } from './hmac';
import { addHealthRoutes, firstHeader, jsonBody, jsonErrorHandler } from './http';
import { addMetricsRoute, createMetrics, observabilityPlugin } from './observability';
import { traceRequests } from './tracing';
import type { Registry } from 'prom-client';
import type { Logger } from './logger';
import { serveSubgraphSubscriptions, type SubgraphSubscriptionServer } from './subgraphSubscriptions';

/** What every service is handed at start-up. */
export interface ServiceDeps {
  config: Config;
  logger: Logger;
  tokens: AccessTokenService;
  /** The clock for business rules (booking windows); tests move it. Defaults to the real one. */
  now?: () => Date;
}

export interface SubgraphModule<TContext extends RequestContext> {
  /** The subgraph's name (ours are SubgraphName; tests compose small ones of their own). */
  name: string;
  typeDefs: DocumentNode;
  /** Typed by codegen (`Resolvers` of the subgraph's generated module). */
  resolvers: object;
  /** Adds the subgraph's per-request stores (DataLoaders) to the verified request context. */
  createContext(base: RequestContext): TContext;
  /** Throws when a dependency (the database, its event feed) does not answer. */
  checkHealth(): Promise<void>;
  /** Background work (outbox consumers), started once the subgraph listens. */
  workers?: BackgroundWorker[];
  /** Registers the subgraph's own metrics (outbox lag, …) next to the common ones. */
  metrics?: Array<(registry: Registry) => void>;
  /** HTTP routes besides `/graphql` (users' revocation feed, booking's calendar feeds); each checks its own caller. */
  routes?: RequestHandler[];
}

export interface BackgroundWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SubgraphApp {
  app: Express;
  schema: GraphQLSchema;
  apollo: ApolloServer<RequestContext>;
  /** Serves the schema's subscriptions over graphql-ws on the server's /graphql; call once it listens. */
  attachWebSockets(server: http.Server): void;
  stop(): Promise<void>;
}

export function buildEnforcedSchema<TContext extends RequestContext>(
  module: Pick<SubgraphModule<TContext>, 'typeDefs' | 'resolvers'>,
): GraphQLSchema {
  const schema = buildSubgraphSchema({ typeDefs: module.typeDefs, resolvers: module.resolvers as GraphQLResolverMap<unknown> });
  return enforceAuthPolicy(schema, authPolicyFromSdl(module.typeDefs));
}

/** Refuses any GraphQL request that does not carry the gateway's signature (401, no data). */
function requireGatewaySignature(secret: string, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const params: unknown = req.method === 'GET' ? parseGetParams(req.query) : (req.body ?? {});
    const signature = member(member(params, 'extensions'), HMAC_EXTENSION);
    // The signature covers the values as sent, whatever their type; Apollo validates them after.
    const signed = { query: member(params, 'query'), variables: member(params, 'variables') } as SignedParams;
    if (verifyOperationSignature(secret, signed, signature)) return next();
    logger.warn({ ip: req.ip, signed: Boolean(signature) }, 'refused a subgraph call without a valid gateway signature');
    res.status(401).json({
      errors: [{ message: 'Subgraphs answer only the gateway', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  };
}

/** `value[key]` when value is an object (a parsed body may be anything JSON allows). */
function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function parseGetParams(query: Record<string, unknown>) {
  const json = (value: unknown): unknown => {
    if (typeof value !== 'string') return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  };
  return { query: query.query as string | undefined, variables: json(query.variables), extensions: json(query.extensions) };
}

export async function createSubgraphApp<TContext extends RequestContext>(module: SubgraphModule<TContext>, deps: ServiceDeps): Promise<SubgraphApp> {
  const logger = deps.logger.child({ subgraph: module.name });
  const metrics = createMetrics(module.name, deps.config.metrics);
  for (const addMetrics of module.metrics ?? []) addMetrics(metrics.registry);
  const schema = buildEnforcedSchema(module);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !deps.config.production,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (lib/process.ts): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger),
    // In production, validation errors do not suggest field names ("Did you mean …?").
    hideSchemaDetailsFromClientErrors: deps.config.production,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), observabilityPlugin(metrics, logger)],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  addHealthRoutes(app, async () => {
    await module.checkHealth();
    return { subgraph: module.name };
  });
  if (deps.config.metrics.enabled) addMetricsRoute(app, metrics);
  for (const route of module.routes ?? []) app.use(route);
  app.use(
    '/graphql',
    traceRequests(module.name),
    jsonBody(),
    requireGatewaySignature(deps.config.subgraphHmacSecret, logger),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        module.createContext(
          buildRequestContext(
            {
              authorization: firstHeader(req.headers.authorization),
              requestId: firstHeader(req.headers['x-request-id']),
              // Set by the gateway, whose signature this request carries.
              clientAddress: firstHeader(req.headers['x-forwarded-for'])?.split(',')[0]?.trim() ?? req.ip ?? null,
              userAgent: firstHeader(req.headers['user-agent']),
            },
            deps.tokens,
          ),
        ),
    }),
  );
  app.use(jsonErrorHandler);
  let subscriptions: SubgraphSubscriptionServer | undefined;
  return {
    app,
    schema,
    apollo,
    attachWebSockets(server) {
      if (!schema.getSubscriptionType()) return;
      subscriptions = serveSubgraphSubscriptions(server, {
        schema,
        secret: deps.config.subgraphHmacSecret,
        tokens: deps.tokens,
        createContext: (base) => module.createContext(base),
        logger,
      });
    },
    async stop() {
      await subscriptions?.close();
      await apollo.stop();
    },
  };
}
