/**
 * Booking benchmark: the 40-way race for one slot through the gateway, and listing 100
 * bookings with their room and user. Prints medians over several rounds, measured side by
 * side in one run. Usage: `npm run bench:booking` (DATABASE_URL=… for a real server).
 */
import { randomUUID } from 'node:crypto';
import { addDays, campusMoment } from '../lib/campusTime';
import { loadConfig, SUBGRAPH_NAMES } from '../lib/config';
import { createPglite, openDatabase } from '../lib/db';
import { createLogger } from '../lib/logger';
import { startSystem } from '../scripts/start';
import { TIME_SLOTS } from '../subgraphs/booking/slots';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0']));
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1', GATEWAY_PORT: '0', LOG_LEVEL: 'silent', ...ports });
  const db = config.databaseUrl ? await openDatabase({ databaseUrl: config.databaseUrl }) : await openDatabase({ pglite: await createPglite() });
  const system = await startSystem({ config, logger: createLogger('silent', 'bench'), db });
  const gql = async (query: string, variables: object, token?: string) => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: Array<{ extensions: { code: string } }> };
  };
  const login = async (email: string, password: string) =>
    (await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }', { e: email, p: password })).data.login;
  try {
    const admin = (await login('admin@example.com', 'admin123')).accessToken;
    const faculty = (await login('faculty@example.com', 'faculty123')).accessToken;
    const people: Array<{ accessToken: string; user: { id: string } }> = [];
    for (let i = 0; i < 8; i++) {
      const email = `bench-${randomUUID()}@example.com`;
      await gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email, name: 'Bench', password: 'bench-password' } }, admin);
      people.push(await login(email, 'bench-password'));
    }
    const rooms = (await gql('{ rooms { id } }', {}, admin)).data.rooms as Array<{ id: string }>;
    const today = campusMoment(config.campusTimeZone).date;

    const raceMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const input = { roomId: rooms[round % 4].id, date: addDays(today, 1 + round), timeSlot: TIME_SLOTS[round % 8].label };
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => gql('mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }', { i: input }, people[i % 8].accessToken)),
      );
      raceMs.push(performance.now() - started);
      const winners = results.filter((r) => !r.errors).length;
      if (winners !== 1) throw new Error(`round ${round}: ${winners} winners`);
    }

    const rows = Array.from({ length: 100 }, (_, i) => ({
      room_id: rooms[i % 4].id,
      user_id: people[i % 8].user.id,
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
      const result = await gql('{ bookings(limit: 100) { id date room { name } user { email name } } }', {}, faculty);
      listMs.push(performance.now() - started);
      queryCounts.push(queries);
      if (result.data.bookings.length !== 100) throw new Error('expected 100 bookings');
    }
    console.log(`database: ${db.kind}, rounds: ${ROUNDS}`);
    console.log(`40-way race for one slot (1 winner, 39 CONFLICT): median ${median(raceMs).toFixed(1)} ms, min ${Math.min(...raceMs).toFixed(1)} ms, max ${Math.max(...raceMs).toFixed(1)} ms`);
    console.log(`list 100 bookings with room and user: median ${median(listMs).toFixed(1)} ms, SQL queries per request: ${median(queryCounts)}`);
  } finally {
    await system.stop();
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
