/**
 * The booking jobs and the waitlist under stress: a 20-way race for the last waitlist place,
 * order kept as slots free up, two job instances at once, and restarts in the middle of a
 * release window, of a closure's cancellations and before a reminder. Effects are counted
 * through their outbox events: each must happen exactly once.
 */
import { addDays, campusMoment } from '../../lib/campusTime';
import { createLogger } from '../../lib/logger';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { BookingJobs } from './jobs';
import { SeriesService } from './series';
import { BookingService } from './service';
import { TIME_SLOTS, campusInstant, slotByLabel } from './slots';

let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const setClock = (at: Date) => (offsetMs = at.getTime() - Date.now());
const MINUTE = 60_000;
const slotStart = (date: string, label: string) => campusInstant('UTC', date, slotByLabel(label)!.startMinutes);
const WAITLIST_MAX = 5;

let stack: TestStack;
let admin: string;
let dayOffset = 20;
const freshDay = () => addDays(campusMoment('UTC').date, dayOffset++);

const BOOK = 'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }';
const JOIN = 'mutation($i: CreateBookingInput!) { joinWaitlist(input: $i) { id position } }';
const CANCEL = 'mutation($id: ID!) { cancelBooking(id: $id) { id } }';

async function book(token: string, input: { roomId: string; date: string; timeSlot: string }): Promise<string> {
  const result = await stack.gql<{ createBooking: { id: string } }>(BOOK, { i: input }, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createBooking.id;
}

async function newRoom(checkInRequired: boolean): Promise<string> {
  const input = { name: `Jobs room ${Math.random().toString(36).slice(2)}`, capacity: 6, checkInRequired };
  const made = await stack.gql<{ createRoom: { id: string } }>('mutation($i: RoomInput!) { createRoom(input: $i) { id } }', { i: input }, admin);
  return made.data!.createRoom.id;
}

/** A job runner of its own, as another instance of the booking subgraph would run. */
function anotherInstance(batchSize?: number): BookingJobs {
  const core = new BookingService(stack.system.db.knex, {
    timeZone: 'UTC',
    horizonDays: stack.config.bookingHorizonDays,
    rules: stack.config.booking,
    now,
  });
  return new BookingJobs(core, new SeriesService(core), createLogger('silent', 'test'), { pollMs: 3_600_000, batchSize });
}

/** How many events of `topic` were written for each of these aggregates. */
async function eventCounts(topic: string, ids: string[]): Promise<number[]> {
  const rows: Array<{ aggregate_id: string }> = await stack.system.db
    .knex('outbox.events')
    .where({ topic })
    .whereIn('aggregate_id', ids)
    .select('aggregate_id');
  return ids.map((id) => rows.filter((row) => row.aggregate_id === id).length);
}

const statusesOf = async (ids: string[]) =>
  (await stack.system.db.knex('booking.bookings').whereIn('id', ids).orderBy('id')).map((row: { status: string }) => row.status);

beforeAll(async () => {
  stack = await startTestStack({ WAITLIST_MAX_LENGTH: String(WAITLIST_MAX) }, { now });
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
});
afterEach(() => (offsetMs = 0));
afterAll(() => stack?.close());

test('20-way race for the last waitlist place: one gets it, 19 CONFLICT; then the queue is served in order, nobody twice', async () => {
  const roomId = await newRoom(false);
  const input = { roomId, date: freshDay(), timeSlot: '10:00-12:00' };
  const holder = await stack.newUser();
  let bookingId = await book(holder.accessToken, input);
  const early = await Promise.all(Array.from({ length: WAITLIST_MAX - 1 }, () => stack.newUser()));
  for (const person of early) expect((await stack.gql(JOIN, { i: input }, person.accessToken)).errors).toBeUndefined();

  const racers = await Promise.all(Array.from({ length: 20 }, () => stack.newUser()));
  const results = await Promise.all(
    racers.map((person) => stack.gql<{ joinWaitlist: { position: number } }>(JOIN, { i: input }, person.accessToken)),
  );
  const winners = results.filter((r) => r.data?.joinWaitlist);
  expect(winners).toHaveLength(1);
  expect(winners[0].data!.joinWaitlist.position).toBe(WAITLIST_MAX);
  expect(results.flatMap(codes).sort()).toEqual(Array(19).fill('CONFLICT'));
  const waiting = await stack.system.db.knex('booking.waitlist_entries').where({ room_id: roomId, status: 'WAITING' });
  expect(waiting).toHaveLength(WAITLIST_MAX);

  // Each cancellation serves the next in line, in join order; the served cancel in turn.
  const winner = racers[results.indexOf(winners[0])];
  const queue = [...early, winner];
  let holderToken = holder.accessToken;
  for (const next of queue) {
    expect((await stack.gql(CANCEL, { id: bookingId }, holderToken)).errors).toBeUndefined();
    const active = await stack.system.db
      .knex<{ id: string; user_id: string; room_id: string; status: string }>('booking.bookings')
      .where({ room_id: roomId, status: 'ACTIVE' });
    expect(active.map((row) => row.user_id)).toEqual([next.userId]);
    bookingId = active[0].id;
    holderToken = next.accessToken;
  }
  const served = await stack.system.db.knex('booking.waitlist_entries').where({ room_id: roomId, status: 'SERVED' });
  expect(new Set(served.map((row: { user_id: string }) => row.user_id)).size).toBe(WAITLIST_MAX);
  expect(new Set(served.map((row: { booking_id: string }) => row.booking_id)).size).toBe(WAITLIST_MAX);
});

test('two release-job instances at once release each due booking exactly once', async () => {
  const roomId = await newRoom(true);
  const date = freshDay();
  const people = await Promise.all(Array.from({ length: 8 }, () => stack.newUser()));
  const ids = await Promise.all(people.map((person, i) => book(person.accessToken, { roomId, date, timeSlot: TIME_SLOTS[i].label })));
  // The stack's own instance stops; two others run the due work concurrently.
  await stack.system.stopSubgraph('booking');
  try {
    setClock(new Date(slotStart(date, '20:00-22:00').getTime() + 16 * MINUTE));
    const [a, b] = [anotherInstance(3), anotherInstance(3)];
    const [countsA, countsB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(countsA.released + countsB.released).toBe(8);
    expect(await statusesOf(ids)).toEqual(Array(8).fill('RELEASED'));
    expect(await eventCounts('booking.released', ids)).toEqual(Array(8).fill(1));
    const again = await anotherInstance().runDue();
    expect(again.released).toBe(0);
  } finally {
    await stack.system.startSubgraph('booking');
  }
  expect(await eventCounts('booking.released', ids)).toEqual(Array(8).fill(1));
});

test('a restart in the middle of a release window still releases once', async () => {
  const roomId = await newRoom(true);
  const date = freshDay();
  const person = await stack.newUser();
  const id = await book(person.accessToken, { roomId, date, timeSlot: '12:00-14:00' });
  const start = slotStart(date, '12:00-14:00');
  setClock(new Date(start.getTime() + 5 * MINUTE)); // inside the window
  await stack.system.stopSubgraph('booking');
  setClock(new Date(start.getTime() + 20 * MINUTE)); // the window closes while no instance runs
  await stack.system.startSubgraph('booking');
  await eventually(async () => expect(await statusesOf([id])).toEqual(['RELEASED']));
  await stack.system.stopSubgraph('booking');
  await stack.system.startSubgraph('booking');
  await anotherInstance().runDue();
  expect(await eventCounts('booking.released', [id])).toEqual([1]);
  await eventually(async () => {
    const notes = await stack.gql<{ notifications: Array<{ title: string }> }>('{ notifications { title } }', {}, person.accessToken);
    expect(notes.data!.notifications.filter((n) => n.title === 'Booking released')).toHaveLength(1);
  });
});

test('a restart in the middle of a closure’s cancellations cancels each booking once', async () => {
  const roomId = await newRoom(false);
  const date = freshDay();
  const people = await Promise.all(Array.from({ length: 5 }, () => stack.newUser()));
  const slots = ['08:00-10:00', '10:00-12:00', '12:00-14:00', '14:00-16:00', '16:00-18:00'];
  const ids = await Promise.all(people.map((person, i) => book(person.accessToken, { roomId, date, timeSlot: slots[i] })));
  await stack.system.stopSubgraph('booking');
  // The closure committed, then the instance died after one batch of its cancellations.
  const adminId = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).userId;
  await stack.system.db
    .knex('booking.closures')
    .insert({ room_id: roomId, start_date: date, end_date: date, reason: 'Burst pipe', created_by: adminId });
  const firstBatch = await anotherInstance(2).closureBatch();
  expect(firstBatch).toBe(3); // two bookings and the claim
  expect((await statusesOf(ids)).filter((s) => s === 'CANCELLED')).toHaveLength(2);
  await stack.system.startSubgraph('booking');
  await eventually(async () => expect(await statusesOf(ids)).toEqual(Array(5).fill('CANCELLED')));
  await eventually(async () =>
    expect(
      (await stack.system.db.knex<{ room_id: string; cancellations_done_at: Date | null }>('booking.closures').where({ room_id: roomId }).first())!
        .cancellations_done_at,
    ).not.toBeNull(),
  );
  expect(await eventCounts('booking.cancelled', ids)).toEqual(Array(5).fill(1));
  expect((await anotherInstance().runDue()).closureCancellations).toBe(0);
});

test('a reminder 15 minutes before the start, once, also across a restart', async () => {
  const roomId = await newRoom(false);
  const date = freshDay();
  const person = await stack.newUser();
  const id = await book(person.accessToken, { roomId, date, timeSlot: '18:00-20:00' });
  const start = slotStart(date, '18:00-20:00');
  setClock(new Date(start.getTime() - 16 * MINUTE));
  await anotherInstance().runDue();
  expect(await eventCounts('booking.reminder', [id])).toEqual([0]);
  await stack.system.stopSubgraph('booking');
  setClock(new Date(start.getTime() - 14 * MINUTE));
  await stack.system.startSubgraph('booking');
  const reminders = async () => {
    const notes = await stack.gql<{ notifications: Array<{ title: string; message: string }> }>(
      '{ notifications { title message } }',
      {},
      person.accessToken,
    );
    return notes.data!.notifications.filter((n) => n.title === 'Booking soon');
  };
  await eventually(async () => expect(await reminders()).toHaveLength(1));
  expect((await reminders())[0].message).toContain('18:00');
  await stack.system.stopSubgraph('booking');
  await stack.system.startSubgraph('booking');
  await anotherInstance().runDue();
  expect(await eventCounts('booking.reminder', [id])).toEqual([1]);
});

test('waitlist entries of past slots expire', async () => {
  const roomId = await newRoom(false);
  const date = freshDay();
  const holder = await stack.newUser();
  const waiter = await stack.newUser();
  await book(holder.accessToken, { roomId, date, timeSlot: '06:00-08:00' });
  const joined = await stack.gql<{ joinWaitlist: { id: string } }>(JOIN, { i: { roomId, date, timeSlot: '06:00-08:00' } }, waiter.accessToken);
  setClock(new Date(slotStart(date, '06:00-08:00').getTime() + 121 * MINUTE));
  await eventually(async () => {
    const mine = await stack.gql<{ myWaitlist: Array<{ id: string; status: string; position: number | null }> }>(
      '{ myWaitlist { id status position } }',
      {},
      waiter.accessToken,
    );
    expect(mine.data!.myWaitlist).toEqual([{ id: joined.data!.joinWaitlist.id, status: 'EXPIRED', position: null }]);
  });
});
