/**
 * `npm run gateway`: the gateway alone, on any composed supergraph (SUPERGRAPH_PATH) and port
 * (GATEWAY_PORT). It never opens a database, so it can run beside `npm start`'s embedded one.
 */
import { loadConfig } from '../lib/config';
import { listen } from '../lib/http';
import { createLogger } from '../lib/logger';
import { runUntilSignal } from '../lib/process';
import { registerTracing } from '../lib/tracing';
import { createGateway } from './server';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'gateway');
  const tracing = registerTracing('campus-gateway');
  const gateway = await createGateway({ config, logger });
  const server = await listen(gateway.app, config.gatewayPort, config.host);
  gateway.attachWebSockets(server.httpServer);
  const metricsServer = gateway.metricsApp && (await listen(gateway.metricsApp, config.metrics.port!, config.host));
  logger.info({ url: `${server.url}/graphql`, subgraphs: gateway.subgraphs }, 'gateway ready');
  runUntilSignal(logger, async () => {
    await gateway.stop();
    await server.close();
    await metricsServer?.close();
    await tracing?.shutdown();
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
