/**
 * `npm run gateway`: the gateway alone, on any composed supergraph (SUPERGRAPH_PATH) and port
 * (GATEWAY_PORT). It never opens a database, so it can run beside `npm start`'s embedded one.
 */
import { loadConfig } from '../lib/config';
import { createLogger } from '../lib/logger';
import { runUntilSignal } from '../lib/process';
import { registerTracing } from '../lib/tracing';
import { serveGateway } from './serve';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'gateway');
  const tracing = registerTracing('campus-gateway');
  const served = await serveGateway(config, logger);
  logger.info({ url: served.url, subgraphs: served.gateway.subgraphs }, 'gateway ready');
  runUntilSignal(logger, async () => {
    await served.stop();
    await tracing?.shutdown();
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
