/**
 * Booking, further: how long a 26-week series takes to create through the gateway, and how long
 * after a check-in window closes the release job marks the booking RELEASED (the jobs poll every
 * BOOKING_JOBS_POLL_MS, 1 s by default). The clock of the booking rules is moved so that each
 * window closes 1.5 s ahead, as a real deadline approaches, then the database is watched for the release.
 * Usage: `npm run bench:booking-further` (DATABASE_URL=… for a real server).
 */
import { addDays, campusMoment } from '../lib/campusTime';
import { campusInstant, TIME_SLOTS } from '../subgraphs/booking/slots';
import { dataOf, median, startBenchSystem } from './harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
// Longer than a poll: the jobs see the due time coming and wake for it (their next-due hint).
const LEAD_MS = 1500;

let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

async function main() {
  const { config, db, gql, login, stop } = await startBenchSystem({}, { now });
  try {
    const admin = (await login('admin@example.com', 'admin123')).accessToken;
    const faculty = (await login('faculty@example.com', 'faculty123')).accessToken;
    const today = campusMoment(config.campusTimeZone).date;
    const rooms = dataOf(await gql<{ rooms: Array<{ id: string }> }>('{ rooms { id } }', {}, admin)).rooms;

    const seriesMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The holder may hold one room per slot: each round its own slot or weekday.
      const input = {
        roomId: rooms[round % 4].id,
        startDate: addDays(today, 1 + Math.floor(round / 8)),
        timeSlot: TIME_SLOTS[round % 8].label,
        weeks: 26,
      };
      const started = performance.now();
      const result = await gql<{ createBookingSeries: { booked: unknown[] } }>(
        'mutation($i: CreateBookingSeriesInput!) { createBookingSeries(input: $i) { booked { id } skippedDates } }',
        { i: input },
        faculty,
      );
      seriesMs.push(performance.now() - started);
      if (result.data?.createBookingSeries.booked.length !== 26) throw new Error(`round ${round}: ${JSON.stringify(result.errors ?? result.data)}`);
    }

    const room = dataOf(
      await gql<{ createRoom: { id: string } }>(
        'mutation { createRoom(input: { name: "Bench check-in room", capacity: 4, checkInRequired: true }) { id } }',
        {},
        admin,
      ),
    ).createRoom.id;
    const releaseMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const date = addDays(today, 200 + round);
      const booked = await gql<{ createBooking: { id: string } }>(
        'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }',
        { i: { roomId: room, date, timeSlot: '10:00-12:00' } },
        faculty,
      );
      const id = dataOf(booked).createBooking.id;
      const windowEnd = campusInstant(config.campusTimeZone, date, 10 * 60 + config.booking.checkInClosesMinutes).getTime();
      const closesAt = Date.now() + LEAD_MS;
      offsetMs = windowEnd - closesAt;
      for (;;) {
        const row = await db.knex<{ id: string; status: string }>('booking.bookings').where({ id }).first();
        if (row?.status === 'RELEASED') break;
        if (Date.now() - closesAt > 30_000) throw new Error('not released within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      releaseMs.push(Date.now() - closesAt);
    }
    console.log(`database: ${db.kind}, rounds: ${ROUNDS}, job poll: ${config.booking.jobsPollMs} ms`);
    console.log(
      `createBookingSeries, 26 weeks: median ${median(seriesMs).toFixed(1)} ms, min ${Math.min(...seriesMs).toFixed(1)}, max ${Math.max(...seriesMs).toFixed(1)}`,
    );
    console.log(`window end → RELEASED: median ${median(releaseMs).toFixed(0)} ms, min ${Math.min(...releaseMs)}, max ${Math.max(...releaseMs)}`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
