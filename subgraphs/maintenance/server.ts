/**
 * The maintenance subgraph: tickets with a lifecycle, a history, response and resolution
 * deadlines (paused by holds, alerted on by a database-driven job), and a priority read from
 * the reporter's text. Every change writes its history row and outbox event in its own
 * transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { migrateAudit } from '../../lib/audit';
import type { Database } from '../../lib/db';
import { checkDatabase, migrateSchema } from '../../lib/db';
import { HealthError } from '../../lib/http';
import { migrateOutbox } from '../../lib/outbox';
import type { ServiceDeps, SubgraphModule } from '../../lib/subgraphServer';
import { DeadlineAlerts } from './alerts';
import type { MaintenanceContext } from './context';
import { LiveTickets } from './liveTickets';
import { PriorityClassifier } from './priority/classifier';
import { resolvers } from './resolvers';
import { MaintenanceService } from './service';

export const typeDefs = parse(fs.readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));

let trained: PriorityClassifier | undefined;
/** Trained once per process (a few tens of milliseconds) and shared: it never changes. */
function priorityClassifier(): PriorityClassifier {
  trained ??= PriorityClassifier.fromDataset();
  return trained;
}

export async function createMaintenanceSubgraph(deps: ServiceDeps & { db: Database }): Promise<SubgraphModule<MaintenanceContext>> {
  const { knex } = deps.db;
  await migrateOutbox(knex);
  await migrateAudit(knex);
  await migrateSchema(knex, 'maintenance');
  const service = new MaintenanceService(knex, priorityClassifier());
  const live = new LiveTickets(deps.db, service, deps.logger.child({ subgraph: 'maintenance' }));
  const alerts = new DeadlineAlerts(knex, service.store, deps.logger.child({ worker: 'deadline alerts' }), {
    pollMs: deps.config.maintenance.alertsPollMs,
  });
  return {
    name: 'maintenance',
    typeDefs,
    resolvers,
    createContext: (base) => ({
      ...base,
      service,
      live,
      ticketById: service.store.createLoader(),
      historyOf: service.store.createHistoryLoader(),
      commentsOf: service.comments.store.createLoader(),
      duplicatesOf: service.duplicates.store.createLoader(),
    }),
    checkHealth: async () => {
      await checkDatabase(knex);
      if (!live.feed.listening) throw new HealthError({ subgraph: 'maintenance', events: 'not listening' });
    },
    workers: [live.feed, alerts],
  };
}
