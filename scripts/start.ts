/**
 * `npm start`: the whole system in one process: the database (embedded PGlite unless
 * DATABASE_URL is set), every subgraph on its port, and the gateway on :4000. One process,
 * because the embedded database has a single owner. Tests start the same system on free ports.
 */
import { createAccessTokenService } from '../lib/auth';
import { loadConfig, type Config, type SubgraphName } from '../lib/config';
import { openDatabase, type Database } from '../lib/db';
import { listen, type RunningServer } from '../lib/http';
import { createLogger, type Logger } from '../lib/logger';
import { runUntilSignal } from '../lib/process';
import { createSubgraphApp } from '../lib/subgraphServer';
import { createGateway } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs/registry';

export interface RunningSystem {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  db: Database;
  stop(): Promise<void>;
}

export async function startSystem(options: { config: Config; logger: Logger; db?: Database }): Promise<RunningSystem> {
  const { config, logger } = options;
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir }));
  const deps = { config, logger, tokens: createAccessTokenService(config.jwt), db };
  const servers: RunningServer[] = [];
  const stops: Array<() => Promise<void>> = [];
  const subgraphUrls: Record<string, string> = {};
  try {
    for (const [name, factory] of Object.entries(SUBGRAPHS)) {
      const subgraph = await createSubgraphApp(await factory!(deps), deps);
      stops.push(subgraph.stop);
      const server = await listen(subgraph.app, config.subgraphPorts[name as SubgraphName], config.host);
      servers.push(server);
      subgraphUrls[name] = `${server.url}/graphql`;
    }
    const gateway = await createGateway({ config, logger, subgraphUrls });
    stops.push(gateway.stop);
    const gatewayServer = await listen(gateway.app, config.gatewayPort, config.host);
    servers.push(gatewayServer);
    return {
      gatewayUrl: `${gatewayServer.url}/graphql`,
      subgraphUrls,
      db,
      stop: async () => {
        for (const server of servers.reverse()) await server.close();
        for (const stop of stops) await stop();
        if (!options.db) await db.close();
      },
    };
  } catch (error) {
    for (const server of servers) await server.close();
    if (!options.db) await db.close();
    throw error;
  }
}

if (require.main === module) {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'campus-hub');
  startSystem({ config, logger })
    .then((system) => {
      logger.info(
        { gateway: system.gatewayUrl, subgraphs: system.subgraphUrls, database: system.db.kind, startupMs: Date.now() - started },
        `Campus Services Hub ready at ${system.gatewayUrl}`,
      );
      runUntilSignal(logger, () => system.stop());
    })
    .catch((error) => {
      logger.error({ err: error }, 'start-up failed');
      process.exit(1);
    });
}
