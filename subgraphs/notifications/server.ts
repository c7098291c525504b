/**
 * The notifications subgraph: notifications written by ADMINs and by the system. System ones
 * come from the outbox: a consumer woken by NOTIFY (and polling) turns each event into
 * notifications exactly once, even across restarts and with several instances.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { Gauge } from 'prom-client';
import type { Database } from '../../lib/db';
import { checkDatabase, migrateSchema } from '../../lib/db';
import { HealthError } from '../../lib/http';
import { migrateOutbox, pruneOutbox } from '../../lib/outbox';
import { HOURLY_MS, PeriodicTask } from '../../lib/periodicTask';
import { OutboxConsumer } from '../../lib/outboxConsumer';
import type { ServiceDeps, SubgraphModule } from '../../lib/subgraphServer';
import type { NotificationsContext } from './context';
import { LiveNotifications } from './liveNotifications';
import { resolvers } from './resolvers';
import { NotificationService } from './service';

export const typeDefs = parse(fs.readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));

/** How often the consumer looks for events without a wake-up. */
const POLL_MS = 2000;
export async function createNotificationsSubgraph(deps: ServiceDeps & { db: Database }): Promise<SubgraphModule<NotificationsContext>> {
  const { knex } = deps.db;
  await migrateOutbox(knex);
  await migrateSchema(knex, 'notifications');
  const service = new NotificationService(knex);
  const consumer = new OutboxConsumer({
    name: 'notifications',
    db: deps.db,
    logger: deps.logger.child({ consumer: 'notifications' }),
    pollMs: POLL_MS,
    handle: async (trx, events) => {
      await service.deliver(trx, events);
    },
  });
  const live = new LiveNotifications(deps.db, service.store, deps.logger.child({ subgraph: 'notifications' }));
  return {
    name: 'notifications',
    typeDefs,
    resolvers,
    createContext: (base) => ({ ...base, service, live, notificationById: service.store.createLoader() }),
    checkHealth: async () => {
      await checkDatabase(knex);
      if (!live.feed.listening) throw new HealthError({ subgraph: 'notifications', events: 'not listening' });
    },
    // The notifications service also keeps the outbox from growing without end.
    workers: [consumer, live.feed, new PeriodicTask('prune outbox', HOURLY_MS, () => pruneOutbox(knex), deps.logger)],
    metrics: [
      (registry) =>
        new Gauge({
          name: 'outbox_pending_deliveries',
          help: 'Outbox events waiting for the notifications consumer, and the age of the oldest',
          labelNames: ['measure'],
          registers: [registry],
          async collect() {
            const lag = await service.store.outboxLag();
            this.set({ measure: 'count' }, lag.pending);
            this.set({ measure: 'oldest_seconds' }, lag.oldestSeconds);
          },
        }),
    ],
  };
}
