/**
 * Realistic volumes for the benchmark, written set-based (one `insert … select` per table) into
 * the tables the migrations created: hundreds of users, rooms, thousands of past bookings,
 * tickets with their history and notifications. Every seeded user's password is
 * BENCH_PASSWORD, hashed once.
 */
import type { Knex } from 'knex';
import type { Role } from '../lib/auth';
import { PRIORITIES, RESPONSE_MINUTES, SLA_HOURS } from '../subgraphs/maintenance/sla';
import { TIME_SLOTS } from '../subgraphs/booking/slots';
import { hashPassword } from '../subgraphs/users/passwords';

export const BENCH_PASSWORD = 'bench-password';

export const SEED_SIZES = {
  users: 400,
  /** Every tenth user is FACULTY, the others STUDENT. */
  facultyEvery: 10,
  rooms: 20,
  /** Past bookings: each (room, date, slot) and each (user, date, slot) at most once. */
  bookings: 6000,
  tickets: 2000,
  notifications: 8000,
};

export interface SeededUser {
  id: string;
  email: string;
  role: Role;
}

export interface Seeded {
  /** In seeding order: user `i` is `bench-user-<i>@example.com`. */
  users: SeededUser[];
  /** Bench rooms, in order; the demo rooms are left as they are. */
  roomIds: string[];
}

const orderedIds = (alias: string, table: string, where: string, orderBy: string) =>
  `${alias} as (select id, (row_number() over (order by ${orderBy}) - 1)::int as i from ${table} where ${where})`;

const BENCH_USERS = orderedIds('u', 'users.users', "email like 'bench-user-%'", "(substring(email from 'bench-user-([0-9]+)@'))::int");
const BENCH_ROOMS = orderedIds('r', 'booking.rooms', "name like 'Bench room %'", "(substring(name from 'Bench room ([0-9]+)'))::int");

async function seedUsers(knex: Knex): Promise<SeededUser[]> {
  const { users, facultyEvery } = SEED_SIZES;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const { rows } = await knex.raw<{ rows: SeededUser[] }>(
    `/* benchSeedUsers */ insert into users.users (email, name, role, password_hash)
     select 'bench-user-' || n || '@example.com', 'Bench User ' || n,
            case when n % ?::int = 0 then 'FACULTY' else 'STUDENT' end, ?
     from generate_series(0, ?::int - 1) n
     returning id, email, role`,
    [facultyEvery, passwordHash, users],
  );
  const index = (email: string) => Number(/bench-user-(\d+)@/.exec(email)![1]);
  return rows.sort((a, b) => index(a.email) - index(b.email));
}

async function seedRooms(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string; name: string }> }>(
    `/* benchSeedRooms */ insert into booking.rooms (name, capacity, building, floor, amenities)
     select 'Bench room ' || n, 10 + (n % 8) * 10, 'Bench Hall', n % 5,
            case when n % 2 = 0 then array['projector', 'whiteboard'] else array['whiteboard'] end
     from generate_series(0, ?::int - 1) n
     returning id, name`,
    [SEED_SIZES.rooms],
  );
  const index = (name: string) => Number(/(\d+)$/.exec(name)![1]);
  return rows.sort((a, b) => index(a.name) - index(b.name)).map((row) => row.id);
}

/**
 * Booking `n` takes room `n % rooms` in slot group `n / rooms` (a past date and slot), and a
 * user that differs from the other bookings of its group, so no constraint can refuse it.
 */
async function seedBookings(knex: Knex): Promise<void> {
  const { rooms, users, bookings } = SEED_SIZES;
  const slots = TIME_SLOTS.length;
  await knex.raw(
    `/* benchSeedBookings */ with ${BENCH_USERS}, ${BENCH_ROOMS},
       s as (select label, (ordinality - 1)::int as i from unnest(?::text[]) with ordinality label),
       b as (select n, n % ?::int as room, (n / ?::int) as grp from generate_series(0, ?::int - 1) n)
     insert into booking.bookings (room_id, user_id, date, time_slot, status, cancelled_at, created_at)
     select r.id, u.id, current_date - 1 - (b.grp / ?::int), s.label,
            case when b.n % 10 = 0 then 'CANCELLED' else 'ACTIVE' end,
            case when b.n % 10 = 0 then now() end,
            now() - (b.grp / ?::int) * interval '1 day' - interval '3 days'
     from b
     join r on r.i = b.room
     join s on s.i = b.grp % ?::int
     join u on u.i = (b.room + ?::int * (b.grp % (?::int / ?::int))) % ?::int`,
    [TIME_SLOTS.map((slot) => slot.label), rooms, rooms, bookings, slots, slots, slots, rooms, users, rooms, users],
  );
}

async function seedTickets(knex: Knex): Promise<void> {
  const hours = PRIORITIES.map((priority) => SLA_HOURS[priority]);
  const responseMinutes = PRIORITIES.map((priority) => RESPONSE_MINUTES[priority]);
  await knex.raw(
    `/* benchSeedTickets */ with ${BENCH_USERS},
       t as (select n, now() - n * interval '17 minutes' as created_at from generate_series(0, ?::int - 1) n)
     insert into maintenance.tickets (title, description, location, priority, status, reporter_id, sla_due_at, response_due_at, created_at, updated_at)
     select 'Bench ticket ' || t.n, 'The projector in room ' || (t.n % 40) || ' flickers and then switches off.',
            'Bench Hall ' || (t.n % 5), (?::text[])[t.n % 4 + 1],
            (array['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'])[t.n % 4 + 1], u.id,
            t.created_at + (?::int[])[t.n % 4 + 1] * interval '1 hour', t.created_at + (?::int[])[t.n % 4 + 1] * interval '1 minute',
            t.created_at, t.created_at
     from t join u on u.i = t.n % ?::int`,
    [SEED_SIZES.tickets, [...PRIORITIES], hours, responseMinutes, SEED_SIZES.users],
  );
  await knex.raw(
    `/* benchSeedTicketHistory */ insert into maintenance.ticket_history (ticket_id, kind, to_value, changed_by, changed_at)
     select id, 'CREATED', priority, reporter_id, created_at from maintenance.tickets where title like 'Bench ticket %'`,
  );
  // History, not news: the deadline alerts of these old tickets were sent when they fell due.
  await knex.raw(`/* benchSeedTicketAlerts */ update maintenance.ticket_alerts set sent_at = due_at where sent_at is null and due_at <= now()`);
}

async function seedNotifications(knex: Knex): Promise<void> {
  await knex.raw(
    `/* benchSeedNotifications */ with ${BENCH_USERS}
     insert into notifications.notifications (user_id, title, message, source, read_at, created_at)
     select u.id, 'Bench notice ' || n, 'Room changes for next week: see the booking page.', 'ADMIN',
            case when n % 3 = 0 then null else now() end, now() - n * interval '1 minute'
     from generate_series(0, ?::int - 1) n join u on u.i = n % ?::int`,
    [SEED_SIZES.notifications, SEED_SIZES.users],
  );
}

/** Seeds every table, then refreshes the planner's statistics. */
export async function seedBenchData(knex: Knex): Promise<Seeded> {
  const users = await seedUsers(knex);
  const roomIds = await seedRooms(knex);
  await seedBookings(knex);
  await seedTickets(knex);
  await seedNotifications(knex);
  await knex.raw('analyze');
  return { users, roomIds };
}
