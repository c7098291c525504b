/**
 * Hive Gateway (@graphql-hive/gateway) on our supergraph, as the benchmark's reference: the same
 * configuration our gateway reads (SUPERGRAPH_PATH, `<NAME>_URL`, SUBGRAPH_HMAC_SECRET, HOST,
 * GATEWAY_PORT), HMAC upstream signing with our subgraph secret (the contract's proof), and the
 * client's `authorization` header passed on to every subgraph, which verifies it again.
 * Run alone: `tsx bench/hiveGateway.ts`; prints `{"url": "…", "msg": "gateway ready"}` once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway';
import { loadConfig, type Config } from '../lib/config';

/** Subgraph locations from `<NAME>_URL`, overriding the supergraph's `@join__graph(url:)`. */
function transportEntries(config: Config) {
  return Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, location]) => [name, { location }]));
}

export function createHiveGateway(config: Config): GatewayRuntime {
  return createGatewayRuntime({
    supergraph: readFileSync(config.supergraphPath, 'utf8'),
    transportEntries: transportEntries(config),
    hmacSignature: { secret: config.subgraphHmacSecret },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    logging: 'error',
  });
}

async function main() {
  const config = loadConfig();
  const gateway = createHiveGateway(config);
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(config.gatewayPort, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  // The line `npm run gateway` logs when ready, so one reader finds either gateway's URL.
  console.log(JSON.stringify({ url: `http://${config.host}:${port}/graphql`, msg: 'gateway ready' }));
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
