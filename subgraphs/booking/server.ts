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
import { TableCache } from '../../lib/tableCache';
import type { ServiceDeps, SubgraphModule } from '../../lib/subgraphServer';
import { CalendarFeeds } from './calendar';
import { ClosureService } from './closures';
import { createBookingContext, type BookingContext, type BookingServices } from './context';
import { BookingJobs } from './jobs';
import { resolvers } from './resolvers';
import { RoomFaults } from './roomFaults';
import { SeriesService } from './series';
import { BookingService } from './service';
import type { RoomRow } from './store';
import { WaitlistService } from './waitlist';

export const typeDefs = parse(fs.readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8'));

export async function createBookingSubgraph(deps: ServiceDeps & { db: Database }): Promise<SubgraphModule<BookingContext>> {
  const { knex } = deps.db;
  await migrateOutbox(knex);
  await migrateAudit(knex);
  await migrateSchema(knex, 'booking');
  const { config } = deps;
  const roomCache = new TableCache<RoomRow[]>(deps.db, 'booking.rooms', deps.logger.child({ cache: 'rooms' }));
  const service = new BookingService(knex, {
    roomCache,
    timeZone: config.campusTimeZone,
    horizonDays: config.bookingHorizonDays,
    rules: config.booking,
    now: deps.now,
  });
  if (config.seedDemoData) await service.seedDemoRooms();
  const services: BookingServices = {
    core: service,
    series: new SeriesService(service),
    waitlist: new WaitlistService(service),
    closures: new ClosureService(service),
    calendar: new CalendarFeeds(service, {
      secret: config.calendarSecret,
      publicOrigin: config.publicOrigin,
      gatewaySecret: config.subgraphHmacSecret,
    }),
  };
  const jobs = new BookingJobs(service, services.series, deps.logger.child({ worker: 'booking jobs' }), { pollMs: config.booking.jobsPollMs });
  services.closures.onCreated = () => jobs.wake();
  const roomFaults = new RoomFaults(service, deps.logger.child({ worker: 'room faults' }), { noticeDays: config.booking.roomFaultNoticeDays });
  const consumer = new OutboxConsumer({
    name: 'booking',
    db: deps.db,
    logger: deps.logger.child({ consumer: 'booking' }),
    handle: async (trx, events) => {
      await service.handleEvents(trx, events);
      await roomFaults.handleEvents(trx, events);
    },
  });
  return {
    name: 'booking',
    typeDefs,
    resolvers,
    createContext: (base) => createBookingContext(base, services),
    checkHealth: () => checkDatabase(knex),
    routes: [services.calendar.router()],
    workers: [roomCache, consumer, jobs, roomFaults.sweeper(config.booking.jobsPollMs)],
  };
}
