/**
 * The booking subgraph: rooms, slots and bookings. Double booking is impossible by database
 * constraint; every booking made or cancelled is recorded in the outbox in its transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { migrateAudit } from '../../lib/audit';
import type { Database } from '../../lib/db';
import { checkDatabase, migrateSchema } from '../../lib/db';
import { migrateOutbox } from '../../lib/outbox';
import { OutboxConsumer } from '../../lib/outboxConsumer';
import type { ServiceDeps, SubgraphModule } from '../../lib/subgraphServer';
import { createBookingContext, type BookingContext } from './context';
import { resolvers } from './resolvers';
import { BookingService } from './service';

export const typeDefs = parse(fs.readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));

export async function createBookingSubgraph(deps: ServiceDeps & { db: Database; now?: () => Date }): Promise<SubgraphModule<BookingContext>> {
  const { knex } = deps.db;
  await migrateOutbox(knex);
  await migrateAudit(knex);
  await migrateSchema(knex, 'booking');
  const service = new BookingService(knex, { timeZone: deps.config.campusTimeZone, horizonDays: deps.config.bookingHorizonDays, now: deps.now });
  if (deps.config.seedDemoData) await service.seedDemoRooms();
  const consumer = new OutboxConsumer({
    name: 'booking',
    db: deps.db,
    logger: deps.logger.child({ consumer: 'booking' }),
    handle: (trx, events) => service.handleEvents(trx, events),
  });
  return {
    name: 'booking',
    typeDefs,
    resolvers,
    createContext: (base) => createBookingContext(base, service),
    checkHealth: () => checkDatabase(knex),
    workers: [consumer],
  };
}
