/**
 * Every subgraph this system runs, by name, and how to run one as its own process. A subgraph
 * that is not listed here is not started by `npm start` nor composed by `npm run compose`.
 */
import type { RequestContext } from '../lib/auth';
import { loadConfig, type SubgraphName } from '../lib/config';
import { openDatabase, type Database } from '../lib/db';
import { listen } from '../lib/http';
import { createLogger } from '../lib/logger';
import { runUntilSignal } from '../lib/process';
import { registerTracing } from '../lib/tracing';
import { subgraphTokens } from '../lib/revocations';
import { createSubgraphApp, type ServiceDeps, type SubgraphModule } from '../lib/subgraphServer';
import { createBookingSubgraph } from './booking/server';
import { createGpaSubgraph } from './gpa/server';
import { createMaintenanceSubgraph } from './maintenance/server';
import { createNotificationsSubgraph } from './notifications/server';
import { createUsersSubgraph } from './users/server';

export type SubgraphFactory = (deps: ServiceDeps & { db: Database }) => Promise<SubgraphModule<RequestContext>> | SubgraphModule<RequestContext>;

/** In start-up order. */
export const SUBGRAPHS: Partial<Record<SubgraphName, SubgraphFactory>> = {
  users: createUsersSubgraph,
  booking: createBookingSubgraph,
  gpa: createGpaSubgraph,
  notifications: createNotificationsSubgraph,
  maintenance: createMaintenanceSubgraph,
};

/**
 * One subgraph in its own process (docker-compose, scaled deployments). It needs DATABASE_URL:
 * the embedded database belongs to the one process of `npm start`.
 */
export async function runSubgraphProcess(name: SubgraphName): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, name);
  const tracing = registerTracing(`campus-${name}`);
  const factory = SUBGRAPHS[name];
  if (!factory) throw new Error(`No subgraph named ${name}`);
  if (!config.databaseUrl) {
    throw new Error(`Running the ${name} subgraph on its own needs DATABASE_URL; without it, use npm start (one process, embedded database)`);
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, statementTimeoutMs: config.timeouts.dbStatementMs });
  const { tokens, follower } = subgraphTokens(config, db, logger);
  const deps = { config, logger, tokens, db };
  const module = await factory(deps);
  await follower.start();
  const subgraph = await createSubgraphApp(module, deps);
  const server = await listen(subgraph.app, config.subgraphPorts[name], config.host);
  subgraph.attachWebSockets(server.httpServer);
  for (const worker of module.workers ?? []) await worker.start();
  logger.info({ url: `${server.url}/graphql` }, `${name} subgraph ready`);
  runUntilSignal(logger, async () => {
    for (const worker of module.workers ?? []) await worker.stop();
    await follower.stop();
    await subgraph.stop();
    await server.close();
    await db.close();
    await tracing?.shutdown();
  });
}
