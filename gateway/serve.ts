/**
 * The gateway listening: HTTP, graphql-ws on the same server, and `/metrics` on its own port when
 * METRICS_PORT says so. Shared by `npm run gateway` (index.ts) and `npm start`'s gateway thread
 * (worker.ts).
 */
import type { Config } from '../lib/config';
import { listen } from '../lib/http';
import type { Logger } from '../lib/logger';
import { createGateway, type Gateway } from './server';

export interface ServedGateway {
  gateway: Gateway;
  url: string;
  stop(): Promise<void>;
}

export async function serveGateway(config: Config, logger: Logger, subgraphUrls?: Record<string, string>): Promise<ServedGateway> {
  const gateway = await createGateway({ config, logger, subgraphUrls });
  const server = await listen(gateway.app, config.gatewayPort, config.host);
  gateway.attachWebSockets(server.httpServer);
  const metricsServer = gateway.metricsApp && (await listen(gateway.metricsApp, config.metrics.port!, config.host));
  return {
    gateway,
    url: `${server.url}/graphql`,
    async stop() {
      // Subscriptions end (1001) before the server closes.
      await gateway.stop();
      await server.close();
      await metricsServer?.close();
    },
  };
}
