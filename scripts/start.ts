/**
 * `npm start`: the whole system in one process: the database (embedded PGlite unless
 * DATABASE_URL is set), every subgraph on its port, and the gateway on :4000. One process,
 * because the embedded database has a single owner. Tests start the same system on free ports.
 */
import { loadConfig, type Config, type SubgraphName } from '../lib/config';
import { openDatabase, type Database } from '../lib/db';
import { listen, type RunningServer } from '../lib/http';
import { createLogger, type Logger } from '../lib/logger';
import { runUntilSignal } from '../lib/process';
import { registerTracing } from '../lib/tracing';
import { subgraphTokens } from '../lib/revocations';
import type { RequestContext } from '../lib/auth';
import { createSubgraphApp, type ServiceDeps, type SubgraphModule } from '../lib/subgraphServer';
import type { Gateway } from '../gateway/server';
import { serveGateway } from '../gateway/serve';
import { startGatewayThread } from './gatewayThread';
import { SUBGRAPHS } from '../subgraphs/registry';

/** Every subgraph of the system, on one database, without a gateway. */
export interface RunningSubgraphs {
  subgraphUrls: Record<string, string>;
  db: Database;
  /** Stops one subgraph (its server and background work), as if its process ended. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** A running subgraph's module (tests reach its background work through it). */
  subgraphModule(name: SubgraphName): SubgraphModule<RequestContext> | undefined;
  /** Starts a stopped subgraph again on the same port. */
  startSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

/** The whole system in this thread: the subgraphs and the gateway (tests and benchmarks reach into both). */
export interface RunningSystem extends RunningSubgraphs {
  gatewayUrl: string;
  gateway: Gateway;
}

interface RunningSubgraph {
  server: RunningServer;
  module: SubgraphModule<RequestContext>;
  stop(): Promise<void>;
}

/** Builds one subgraph, listens on `port`, then starts its background work. */
async function runSubgraph(name: SubgraphName, deps: ServiceDeps & { db: Database }, port: number): Promise<RunningSubgraph> {
  const module = await SUBGRAPHS[name]!(deps);
  const app = await createSubgraphApp(module, deps);
  const server = await listen(app.app, port, deps.config.host);
  app.attachWebSockets(server.httpServer);
  for (const worker of module.workers ?? []) await worker.start();
  return {
    server,
    module,
    stop: async () => {
      for (const worker of module.workers ?? []) await worker.stop();
      // The WebSockets close first: an HTTP server waits for every socket it accepted.
      await app.stop();
      await server.close();
    },
  };
}

export async function startSubgraphs(options: { config: Config; logger: Logger; db?: Database; now?: () => Date }): Promise<RunningSubgraphs> {
  const { config, logger } = options;
  const db =
    options.db ??
    (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, statementTimeoutMs: config.timeouts.dbStatementMs }));
  const { tokens, follower } = subgraphTokens(config, db, logger);
  const deps = { config, logger, tokens, db, now: options.now };
  const running = new Map<SubgraphName, RunningSubgraph>();
  const ports = new Map<SubgraphName, number>();
  const subgraphUrls: Record<string, string> = {};
  const stopAll = async () => {
    for (const subgraph of [...running.values()].reverse()) await subgraph.stop();
    running.clear();
    await follower.stop();
  };
  try {
    for (const name of Object.keys(SUBGRAPHS) as SubgraphName[]) {
      const subgraph = await runSubgraph(name, deps, config.subgraphPorts[name]);
      running.set(name, subgraph);
      ports.set(name, subgraph.server.port);
      subgraphUrls[name] = `${subgraph.server.url}/graphql`;
    }
    await follower.start();
  } catch (error) {
    await stopAll();
    if (!options.db) await db.close();
    throw error;
  }
  return {
    subgraphUrls,
    db,
    subgraphModule: (name) => running.get(name)?.module,
    stopSubgraph: async (name) => {
      await running.get(name)?.stop();
      running.delete(name);
    },
    startSubgraph: async (name) => {
      if (running.has(name)) return;
      running.set(name, await runSubgraph(name, deps, ports.get(name)!));
    },
    stop: async () => {
      await stopAll();
      if (!options.db) await db.close();
    },
  };
}

export async function startSystem(options: { config: Config; logger: Logger; db?: Database; now?: () => Date }): Promise<RunningSystem> {
  const subgraphs = await startSubgraphs(options);
  try {
    const served = await serveGateway(options.config, options.logger, subgraphs.subgraphUrls);
    return {
      ...subgraphs,
      gatewayUrl: served.url,
      gateway: served.gateway,
      stop: async () => {
        await served.stop();
        await subgraphs.stop();
      },
    };
  } catch (error) {
    await subgraphs.stop();
    throw error;
  }
}

if (require.main === module) {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'campus-hub');
  const tracing = registerTracing('campus-services-hub');
  // The subgraphs and the embedded database keep this thread; the gateway gets one of its own.
  startSubgraphs({ config, logger })
    .then(async (subgraphs) => {
      const gateway = await startGatewayThread(subgraphs.subgraphUrls).catch(async (error: unknown) => {
        await subgraphs.stop();
        throw error;
      });
      logger.info(
        { gateway: gateway.url, subgraphs: subgraphs.subgraphUrls, database: subgraphs.db.kind, startupMs: Date.now() - started },
        `Campus Services Hub ready at ${gateway.url}`,
      );
      runUntilSignal(logger, async () => {
        await gateway.stop();
        await subgraphs.stop();
        await tracing?.shutdown();
      });
    })
    .catch((error) => {
      logger.error({ err: error }, 'start-up failed');
      process.exit(1);
    });
}
