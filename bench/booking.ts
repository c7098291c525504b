/**
 * Booking benchmark: the 40-way race for one slot through the gateway, and listing 100
 * bookings with their room and user. Prints medians over several rounds, measured side by
 * side in one run. Usage: `npm run bench:booking` (DATABASE_URL=… for a real server).
 */
import { randomUUID } from 'node:crypto';
import { addDays, campusMoment } from '../lib/campusTime';
import { TIME_SLOTS } from '../subgraphs/booking/slots';
import { dataOf, median, startBenchSystem } from './harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

async function main() {
  const { config, db, gql, login, stop } = await startBenchSystem();
  try {
    const admin = (await login('admin@example.com', 'admin123')).accessToken;
    const faculty = (await login('faculty@example.com', 'faculty123')).accessToken;
    const people: Array<{ accessToken: string; userId: string }> = [];
    for (let i = 0; i < 8; i++) {
      const email = `bench-${randomUUID()}@example.com`;
      await gql(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
        { i: { email, name: 'Bench', password: 'bench-password' } },
        admin,
      );
      people.push(await login(email, 'bench-password'));
    }
    const rooms = dataOf(await gql<{ rooms: Array<{ id: string }> }>('{ rooms { id } }', {}, admin)).rooms;
    const today = campusMoment(config.campusTimeZone).date;

    const raceMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const input = { roomId: rooms[round % 4].id, date: addDays(today, 1 + round), timeSlot: TIME_SLOTS[round % 8].label };
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          gql('mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }', { i: input }, people[i % 8].accessToken),
        ),
      );
      raceMs.push(performance.now() - started);
      const winners = results.filter((r) => !r.errors).length;
      if (winners !== 1) throw new Error(`round ${round}: ${winners} winners`);
    }

    const rows = Array.from({ length: 100 }, (_, i) => ({
      room_id: rooms[i % 4].id,
      user_id: people[i % 8].userId,
      date: addDays(today, 100 + Math.floor(i / 32)),
      time_slot: TIME_SLOTS[Math.floor(i / 4) % 8].label,
    }));
    await db.knex('booking.bookings').insert(rows);
    let queries = 0;
    db.knex.on('query', () => queries++);
    const listMs: number[] = [];
    const queryCounts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      queries = 0;
      const started = performance.now();
      const result = await gql<{ bookings: unknown[] }>('{ bookings(limit: 100) { id date room { name } user { email name } } }', {}, faculty);
      listMs.push(performance.now() - started);
      queryCounts.push(queries);
      if (dataOf(result).bookings.length !== 100) throw new Error('expected 100 bookings');
    }
    console.log(`database: ${db.kind}, rounds: ${ROUNDS}`);
    console.log(
      `40-way race for one slot (1 winner, 39 CONFLICT): median ${median(raceMs).toFixed(1)} ms, min ${Math.min(...raceMs).toFixed(1)} ms, max ${Math.max(...raceMs).toFixed(1)} ms`,
    );
    console.log(`list 100 bookings with room and user: median ${median(listMs).toFixed(1)} ms, SQL queries per request: ${median(queryCounts)}`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
