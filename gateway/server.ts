/**
 * The gateway: @apollo/gateway on a static, committed supergraph, with the `@auth` policy
 * applied before planning, operation limits, signed subgraph calls, `/health` and `/live`.
 * `createGateway` binds no port; index.ts (npm run gateway) and scripts/start.ts listen.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request } from 'express';
import { buildRequestContext, type RequestContext } from '../lib/auth';
import { REVOCATION_FEED_SUBGRAPH, type Config } from '../lib/config';
import { createErrorFormatter } from '../lib/errors';
import { HMAC_EXTENSION, signOperation } from '../lib/hmac';
import { HealthError, addHealthRoutes, firstHeader, jsonBody, jsonErrorHandler } from '../lib/http';
import type { Logger } from '../lib/logger';
import { Gauge } from 'prom-client';
import { addMetricsRoute, createMetrics, observabilityPlugin } from '../lib/observability';
import { traceRequests } from '../lib/tracing';
import { gatewayTokens } from '../lib/revocationFeed';
import { argumentErrorsPlugin, asBadUserInput } from './argumentErrors';
import { AUTH_SPEC, AuthorizingGateway } from './authorizingGateway';
import { costModelFromSdl, linksCostSpec, type CostModel } from './cost';
import { OperationGuard } from './limits';
import { OperationAdmission, costReportPlugin, guardOperations, type GatewayContext } from './requestGuard';
import { TrustedDocuments } from './trustedDocuments';
import { ResponseCache } from './responseCache';
import { SignedDataSource } from './signedDataSource';
import { asSubgraphWorded, isSubgraphError } from './subgraphErrors';
import { webRoutes } from './web';
import { proxyRoutes } from './proxy';
import { FederatedSubscriptions } from './subscriptions/federated';
import { subscriptionOpener } from './subscriptions/openSubscription';
import { SubscriptionPlanner } from './subscriptions/planner';
import { attachSubscriptionServer, type SubscriptionServer } from './subscriptions/server';
import { UpstreamConnections } from './subscriptions/upstream';
import { linksSpec, subgraphEndpoints, type SubgraphEndpoint } from './supergraph';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** The composed supergraph; read from `config.supergraphPath` when absent. */
  supergraphSdl?: string;
  /** Subgraph URLs by name, overriding the supergraph's and the config's (tests, start script). */
  subgraphUrls?: Record<string, string>;
}

export interface Gateway {
  app: Express;
  /** `/metrics` alone, to serve on METRICS_PORT; null when metrics are off or on `app`. */
  metricsApp: Express | null;
  /** Trusted documents and operation limits, for operations that arrive over graphql-ws. */
  admission: OperationAdmission;
  subgraphs: SubgraphEndpoint[];
  /** Serves graphql-ws on the server's /graphql; call once the HTTP server exists. */
  attachWebSockets(server: http.Server): void;
  /** Open client WebSocket connections, subscriptions and upstream subgraph connections of this instance. */
  liveStats(): { connections: number; subscribers: number; upstreamConnections: number };
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2000;

/** Asks one subgraph `{ __typename }`, signed like any other call. */
async function subgraphAnswers(url: string, secret: string): Promise<boolean> {
  const query = '{ __typename }';
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { [HMAC_EXTENSION]: signOperation(secret, { query }) } }),
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { data?: { __typename?: string } };
    return typeof body.data?.__typename === 'string';
  } catch {
    return false;
  }
}

function clientAddress(req: Request, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? firstHeader(req.headers['x-forwarded-for'])?.split(',')[0]?.trim() : undefined;
  const address = forwarded || req.socket.remoteAddress || null;
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const logger = options.logger.child({ component: 'gateway' });
  const supergraphSdl = options.supergraphSdl ?? fs.readFileSync(config.supergraphPath, 'utf8');
  const supergraphDocument = parse(supergraphSdl);
  const subgraphs = subgraphEndpoints(supergraphDocument, { ...config.subgraphUrls, ...options.subgraphUrls });
  const urlByName = new Map(subgraphs.map((s) => [s.name, s.url]));
  // Only our own users subgraph serves the feed: another supergraph's `users` is not asked for it.
  const feedSubgraphUrl = linksSpec(supergraphDocument, AUTH_SPEC) ? urlByName.get(REVOCATION_FEED_SUBGRAPH) : undefined;
  const { tokens, revocations, follower: revocationFeed } = gatewayTokens(config, feedSubgraphUrl, logger);
  await revocationFeed?.start();

  const metrics = createMetrics('gateway', config.metrics);
  const responseCache = new ResponseCache(config.responseCache, { registry: metrics.registry });
  const writes = () => responseCache.writes;
  // One data source per subgraph, shared by queries and by the completion of subscription events.
  const signedDataSource = (name: string, url: string) =>
    new SignedDataSource(name, url, config.subgraphHmacSecret, config.timeouts.subgraphMs, writes);
  const dataSources = Object.fromEntries(subgraphs.map((s) => [s.name, signedDataSource(s.name, s.url)]));
  const gateway = new AuthorizingGateway(
    new ApolloGateway({
      supergraphSdl,
      buildService: ({ name, url }) => dataSources[name] ?? signedDataSource(name, urlByName.get(name) ?? url ?? ''),
    }),
    responseCache,
  );
  let costModel: CostModel | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    const sdl = parse(coreSupergraphSdl);
    costModel = linksCostSpec(sdl) ? costModelFromSdl(sdl, apiSchema, config.limits.defaultListSize) : undefined;
  });
  const guard = new OperationGuard(config.limits, () => costModel);
  const trusted = TrustedDocuments.load(config.trustedDocuments.paths, config.trustedDocuments.only);
  const admission = new OperationAdmission(trusted, guard);
  const formatError = createErrorFormatter(logger);
  const upstream = new UpstreamConnections(config.subgraphHmacSecret, logger);
  const planner = new SubscriptionPlanner(supergraphSdl);
  const federated = new FederatedSubscriptions({
    planner,
    upstream,
    serviceMap: dataSources,
    urlOf: (name) => urlByName.get(name),
    formatError: (error) => formatError(asBadUserInput(error.toJSON()), error),
    logger,
  });
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    introspection: !config.production,
    // In production, validation errors do not suggest field names ("Did you mean …?").
    hideSchemaDetailsFromClientErrors: config.production,
    // Every document is judged by the operation limits as text (guardOperations); a stored
    // query sent by hash alone would skip that, with whatever variables came along.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (lib/process.ts): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    // Identity travels only in the Authorization header, never in cookies, so a cross-site
    // "simple" request carries no credentials; GET queries must work without extra headers.
    csrfPrevention: false,
    formatError: (formatted, error) => (isSubgraphError(error) ? asSubgraphWorded(formatted) : formatError(asBadUserInput(formatted), error)),
    plugins: [
      argumentErrorsPlugin(),
      costReportPlugin(() => costModel, config.limits.maxCost),
      observabilityPlugin(metrics, logger),
      // Our own offline playground (gateway/web.ts) replaces Apollo's CDN-loaded landing page.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  let subscriptions: SubscriptionServer | undefined;
  const liveStats = () => ({
    connections: subscriptions?.connections() ?? 0,
    subscribers: subscriptions?.subscriptions() ?? 0,
    upstreamConnections: upstream.size,
  });
  new Gauge({
    name: 'graphql_ws_connections',
    help: 'Open graphql-ws connections',
    registers: [metrics.registry],
    collect() {
      this.set(liveStats().connections);
    },
  });
  new Gauge({
    name: 'graphql_subscriptions',
    help: 'Open subscriptions, every root field',
    registers: [metrics.registry],
    collect() {
      this.set(liveStats().subscribers);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  addHealthRoutes(app, async () => {
    const results = await Promise.all(
      subgraphs.map(async (s) => [s.name, (await subgraphAnswers(s.url, config.subgraphHmacSecret)) ? 'up' : 'down'] as const),
    );
    const details = { subgraphs: Object.fromEntries(results), subscriptions: liveStats() };
    if (results.some(([, state]) => state !== 'up')) throw new HealthError(details);
    return details;
  });
  const metricsApp = config.metrics.enabled && config.metrics.port !== null ? express() : null;
  if (config.metrics.enabled) addMetricsRoute(metricsApp ?? app, metrics);
  // The offline playground (GET /graphql from a browser, development only) and /dashboard.
  app.use(webRoutes({ production: config.production }));
  // Plain GET routes served by a subgraph on this origin (calendar feeds).
  app.use(proxyRoutes({ routes: config.proxyRoutes, urlOf: (name) => urlByName.get(name), secret: config.subgraphHmacSecret, logger }));
  app.use(
    '/graphql',
    traceRequests('gateway'),
    jsonBody(),
    guardOperations(trusted, guard, (code) => metrics.errors.inc({ code })),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GatewayContext> => ({
        ...buildRequestContext(
          {
            authorization: firstHeader(req.headers.authorization),
            requestId: firstHeader(req.headers['x-request-id']),
            clientAddress: clientAddress(req, config.trustProxy),
            userAgent: firstHeader(req.headers['user-agent']),
          },
          tokens,
        ),
        deadline: Date.now() + config.timeouts.gatewayRequestMs,
      }),
    }),
  );
  app.use(jsonErrorHandler);
  return {
    app,
    metricsApp,
    admission,
    subgraphs,
    liveStats,
    attachWebSockets(server) {
      subscriptions = attachSubscriptionServer(server, {
        apollo,
        schema: () => gateway.apiSchema,
        tokens,
        revocations,
        openSubscription: subscriptionOpener(gateway, planner, federated),
        limits: config.subscriptions,
        guard: admission,
        logger,
        authorizeRoot: (document, operation, variables, context) => gateway.rootDenials(document, operation, variables, context),
      });
    },
    async stop() {
      // Subscriptions complete and sockets close (1001) before anything they use goes away.
      await subscriptions?.close();
      await upstream.close();
      await apollo.stop();
      await revocationFeed?.stop();
    },
  };
}
