/**
 * `npm start`'s gateway, on a thread of its own: the subgraphs and the embedded database keep the
 * main thread, so on a 2-core machine the gateway gets the other core. It needs no database; it
 * reaches the subgraphs over loopback HTTP and graphql-ws like any gateway.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../lib/config';
import { createLogger } from '../lib/logger';
import { registerTracing } from '../lib/tracing';
import { serveGateway } from './serve';

/** What the main thread sends and hears back. */
export type GatewayThreadMessage = { type: 'ready'; url: string } | { type: 'failed'; message: string } | { type: 'stopped' };
export interface GatewayThreadData {
  subgraphUrls: Record<string, string>;
}

async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'gateway');
  const tracing = registerTracing('campus-gateway');
  const { subgraphUrls } = workerData as GatewayThreadData;
  const served = await serveGateway(config, logger, subgraphUrls);
  parentPort!.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    void (async () => {
      await served.stop();
      await tracing?.shutdown();
      parentPort!.postMessage({ type: 'stopped' } satisfies GatewayThreadMessage);
    })();
  });
  parentPort!.postMessage({ type: 'ready', url: served.url } satisfies GatewayThreadMessage);
}

run().catch((error: unknown) => {
  parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies GatewayThreadMessage);
});
