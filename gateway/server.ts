/**
 * The gateway: @apollo/gateway on a static, committed supergraph, with the `@auth` policy
 * applied before planning, operation limits, signed subgraph calls, `/health` and `/live`.
 * `createGateway` binds no port; index.ts (npm run gateway) and scripts/start.ts listen.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request } from 'express';
import { buildRequestContext, createAccessTokenService, type RequestContext } from '../lib/auth';
import type { Config } from '../lib/config';
import { createErrorFormatter } from '../lib/errors';
import { HMAC_EXTENSION, signOperation } from '../lib/hmac';
import { HealthError, addHealthRoutes, firstHeader, jsonBody, jsonErrorHandler } from '../lib/http';
import type { Logger } from '../lib/logger';
import { Gauge } from 'prom-client';
import { addMetricsRoute, createMetrics, observabilityPlugin } from '../lib/observability';
import { argumentErrorsPlugin, asBadUserInput } from './argumentErrors';
import { AuthorizingGateway } from './authorizingGateway';
import { operationLimitsPlugin } from './limits';
import { SignedDataSource } from './signedDataSource';
import { webRoutes } from './web';
import { FederatedSubscriptions } from './subscriptions/federated';
import { subscriptionOpener } from './subscriptions/openSubscription';
import { SubscriptionPlanner } from './subscriptions/planner';
import { attachSubscriptionServer, type SubscriptionServer } from './subscriptions/server';
import { UpstreamConnections } from './subscriptions/upstream';
import { subgraphEndpoints, type SubgraphEndpoint } from './supergraph';

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
  const subgraphs = subgraphEndpoints(supergraphSdl, { ...config.subgraphUrls, ...options.subgraphUrls });
  const urlByName = new Map(subgraphs.map((s) => [s.name, s.url]));
  const tokens = createAccessTokenService(config.jwt);

  // One data source per subgraph, shared by queries and by the completion of subscription events.
  const dataSources = Object.fromEntries(subgraphs.map((s) => [s.name, new SignedDataSource(s.url, config.subgraphHmacSecret)]));
  const gateway = new AuthorizingGateway(
    new ApolloGateway({
      supergraphSdl,
      buildService: ({ name, url }) => dataSources[name] ?? new SignedDataSource(urlByName.get(name) ?? url ?? '', config.subgraphHmacSecret),
    }),
  );
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
  const metrics = createMetrics('gateway');
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (lib/process.ts): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    // Identity travels only in the Authorization header, never in cookies, so a cross-site
    // "simple" request carries no credentials; GET queries must work without extra headers.
    csrfPrevention: false,
    formatError: (formatted, error) => formatError(asBadUserInput(formatted), error),
    plugins: [
      argumentErrorsPlugin(),
      operationLimitsPlugin(config.limits),
      observabilityPlugin(metrics, logger),
      // Our own offline playground (gateway/web.ts) replaces Apollo's CDN-loaded landing page.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  let subscriptions: SubscriptionServer | undefined;
  const liveStats = () => ({ connections: subscriptions?.connections() ?? 0, subscribers: subscriptions?.subscriptions() ?? 0, upstreamConnections: upstream.size });
  new Gauge({ name: 'graphql_ws_connections', help: 'Open graphql-ws connections', registers: [metrics.registry], collect() { this.set(liveStats().connections); } });
  new Gauge({ name: 'graphql_subscriptions', help: 'Open subscriptions, every root field', registers: [metrics.registry], collect() { this.set(liveStats().subscribers); } });

  const app = express();
  app.disable('x-powered-by');
  addHealthRoutes(app, async () => {
    const results = await Promise.all(subgraphs.map(async (s) => [s.name, (await subgraphAnswers(s.url, config.subgraphHmacSecret)) ? 'up' : 'down'] as const));
    const details = { subgraphs: Object.fromEntries(results), subscriptions: liveStats() };
    if (results.some(([, state]) => state !== 'up')) throw new HealthError(details);
    return details;
  });
  addMetricsRoute(app, metrics);
  // The offline playground (GET /graphql from a browser, development only) and /dashboard.
  app.use(webRoutes({ production: config.production }));
  app.use(
    '/graphql',
    jsonBody(),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        buildRequestContext(
          {
            authorization: firstHeader(req.headers.authorization),
            requestId: firstHeader(req.headers['x-request-id']),
            clientAddress: clientAddress(req, config.trustProxy),
          },
          tokens,
        ),
    }),
  );
  app.use(jsonErrorHandler);
  return {
    app,
    subgraphs,
    liveStats,
    attachWebSockets(server) {
      subscriptions = attachSubscriptionServer(server, {
        apollo,
        schema: () => gateway.apiSchema,
        tokens,
        openSubscription: subscriptionOpener(gateway, planner, federated),
        limits: { ...config.subscriptions, ...config.limits },
        logger,
        authorizeRoot: (document, operation, variables, context) => gateway.rootDenials(document, operation, variables, context),
      });
    },
    async stop() {
      // Subscriptions complete and sockets close (1001) before anything they use goes away.
      await subscriptions?.close();
      await upstream.close();
      await apollo.stop();
    },
  };
}
