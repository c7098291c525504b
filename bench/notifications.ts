/**
 * Notifications benchmark: how long a booking takes to become its booker's notification (the
 * outbox path: commit, NOTIFY, consumer), and an ADMIN broadcast to 10,000 users of a role.
 * Usage: `npm run bench:notifications` (DATABASE_URL=… for a real server).
 */
import { randomUUID } from 'node:crypto';
import { addDays, campusMoment } from '../lib/campusTime';
import { TIME_SLOTS } from '../subgraphs/booking/slots';
import { dataOf, median, startBenchSystem } from './harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const BROADCAST_USERS = Number(process.env.BENCH_BROADCAST_USERS ?? 10_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { config, db, gql, login, stop } = await startBenchSystem();
  try {
    const admin = (await login('admin@example.com', 'admin123')).accessToken;
    const student = (await login('student@example.com', 'student123')).accessToken;
    const rooms = dataOf(await gql<{ rooms: Array<{ id: string }> }>('{ rooms { id } }', {}, admin)).rooms;
    const today = campusMoment(config.campusTimeZone).date;

    const endToEnd: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = dataOf(await gql<{ unreadCount: number }>('{ unreadCount }', {}, student)).unreadCount;
      const started = performance.now();
      const input = { roomId: rooms[0].id, date: addDays(today, 1 + Math.floor(round / 8)), timeSlot: TIME_SLOTS[round % 8].label };
      const made = await gql('mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }', { i: input }, student);
      if (!made.data) throw new Error(JSON.stringify(made.errors));
      while (dataOf(await gql<{ unreadCount: number }>('{ unreadCount }', {}, student)).unreadCount === before) await sleep(1);
      endToEnd.push(performance.now() - started);
    }
    const { rows: lagRows } = await db.knex.raw<{ rows: Array<{ ms: string | number }> }>(
      `select extract(epoch from (n.created_at - e.created_at)) * 1000 as ms
         from notifications.notifications n join outbox.events e on e.id = n.event_id`,
    );
    const lag = lagRows.map((r) => Number(r.ms));

    await db.knex.raw(
      `insert into users.users (email, name, role, password_hash)
       select 'bench-' || g || '-' || ? || '@example.com', 'Bench Student ' || g, 'STUDENT', 'not-a-usable-hash'
         from generate_series(1, ?) g`,
      [randomUUID(), BROADCAST_USERS],
    );
    const students = Number((await db.knex('users.users').where({ role: 'STUDENT' }).count({ n: '*' }).first())!.n);
    const broadcastMs: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      const sent = await gql<{ createNotification: Array<{ id: string }> }>(
        'mutation($i: CreateNotificationInput!) { createNotification(input: $i) { id } }',
        { i: { role: 'STUDENT', title: `Broadcast ${round}`, message: 'To every student.' } },
        admin,
      );
      broadcastMs.push(performance.now() - started);
      if (dataOf(sent).createNotification.length !== students) throw new Error('broadcast did not reach every student');
    }
    console.log(`database: ${db.kind}`);
    console.log(
      `booking → notification visible through the API (${ROUNDS} bookings): median ${median(endToEnd).toFixed(1)} ms, max ${Math.max(...endToEnd).toFixed(1)} ms`,
    );
    console.log(`booking transaction → consumer transaction (database clock): median ${median(lag).toFixed(1)} ms`);
    console.log(
      `broadcast to ${students} students (one insert … select, ids returned through the gateway): median ${median(broadcastMs).toFixed(0)} ms over 5`,
    );
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
