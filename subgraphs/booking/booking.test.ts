/**
 * Booking through the gateway against a real database: the race for one slot, batched loading,
 * the booking rules and every bad input, and the outbox events written with each change.
 */
import { randomUUID } from 'node:crypto';
import { addDays, campusMoment } from '../../lib/campusTime';
import { eventsAfter } from '../../lib/outbox';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { TIME_SLOTS } from './slots';

/** A fixed-offset zone where it is about noon now, so "today" has slots both started and not. */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

const TZ = zoneAtNoon();
const today = () => campusMoment(TZ).date;

const CREATE = 'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id date timeSlot status room { id } user { id } } }';
const CANCEL = 'mutation($id: ID!) { cancelBooking(id: $id) { id status cancelledAt } }';
const AVAILABLE = 'query($r: ID!, $d: String!) { availableSlots(roomId: $r, date: $d) { label } }';

let stack: TestStack;
let admin: string;
let faculty: string;
let student: { accessToken: string; userId: string };
let rooms: Array<{ id: string; name: string; capacity: number; amenities: string[] }>;
let dayOffset = 10;
/** A day no other test books, so tests never collide. */
const freshDay = () => addDays(today(), dayOffset++);

beforeAll(async () => {
  stack = await startTestStack({ TZ });
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  faculty = (await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password)).accessToken;
  student = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
  rooms = (await stack.gql<{ rooms: typeof rooms }>('{ rooms { id name capacity amenities } }', {}, admin)).data!.rooms;
});
afterAll(() => stack?.close());

test('four rooms and eight slots are seeded', () => {
  expect(rooms).toHaveLength(4);
});

test('timeSlots: eight two-hour slots from 06:00 to 22:00', async () => {
  const result = await stack.gql<{ timeSlots: Array<{ label: string; start: string; end: string }> }>(
    '{ timeSlots { label start end } }',
    {},
    student.accessToken,
  );
  expect(result.data!.timeSlots.map((s) => s.label)).toEqual([
    '06:00-08:00',
    '08:00-10:00',
    '10:00-12:00',
    '12:00-14:00',
    '14:00-16:00',
    '16:00-18:00',
    '18:00-20:00',
    '20:00-22:00',
  ]);
  expect(result.data!.timeSlots[0]).toEqual({ label: '06:00-08:00', start: '06:00', end: '08:00' });
});

describe('the race for one slot', () => {
  test('40 concurrent bookings from several users: one wins, 39 CONFLICT, one ACTIVE row', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, () => stack.newUser()));
    const date = freshDay();
    const input = { roomId: rooms[0].id, date, timeSlot: '10:00-12:00' };
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => stack.gql(CREATE, { i: input }, people[i % people.length].accessToken)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(codes).sort()).toEqual(Array(39).fill('CONFLICT'));
    const rows = await stack.system.db.knex('booking.bookings').where({ room_id: rooms[0].id, date, time_slot: '10:00-12:00', status: 'ACTIVE' });
    expect(rows).toHaveLength(1);
    const available = await stack.gql<{ availableSlots: Array<{ label: string }> }>(AVAILABLE, { r: rooms[0].id, d: date }, student.accessToken);
    expect(available.data!.availableSlots.map((s) => s.label)).not.toContain('10:00-12:00');
    expect(available.data!.availableSlots).toHaveLength(7);
  });
});

/** The queries a request issued, without those of background work sharing the database (outbox deliveries, revocation polls, the booking jobs). */
const requestQueries = (queries: string[]) =>
  queries.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql) && !/OutboxDeliveries|revokedSessionsSince|\/\* job\w+ \*\//.test(sql));

describe('batched loading', () => {
  test('100 bookings with their room and user cost one query per entity type', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => stack.newUser()));
    const rows = Array.from({ length: 100 }, (_, i) => ({
      room_id: rooms[i % 4].id,
      user_id: people[i % 10].userId,
      date: addDays(today(), 200 + Math.floor(i / 32)),
      time_slot: TIME_SLOTS[Math.floor(i / 4) % 8].label,
    }));
    await stack.system.db.knex('booking.bookings').insert(rows);
    const queries: string[] = [];
    const record = (query: { sql: string }) => queries.push(query.sql);
    stack.system.db.knex.on('query', record);
    try {
      const result = await stack.gql<{ bookings: Array<{ room: { name: string }; user: { email: string } }> }>(
        '{ bookings(limit: 100) { id room { name } user { email } } }',
        {},
        faculty,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.bookings).toHaveLength(100);
      expect(result.data!.bookings.every((b) => b.room.name && b.user.email)).toBe(true);
    } finally {
      stack.system.db.knex.off('query', record);
    }
    const names = requestQueries(queries).map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql);
    // The list, then one batch of rooms and one batch of users for all 100 rows.
    expect(names.sort()).toEqual(['listBookings', 'roomsByIds', 'usersByIds']);
  });

  test('User.bookings of many users is one query', async () => {
    const queries: string[] = [];
    const record = (query: { sql: string }) => queries.push(query.sql);
    stack.system.db.knex.on('query', record);
    try {
      const result = await stack.gql('{ bookings(limit: 50) { user { bookings(limit: 2) { id } } } }', {}, faculty);
      expect(result.errors).toBeUndefined();
    } finally {
      stack.system.db.knex.off('query', record);
    }
    expect(requestQueries(queries).map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1])).toEqual(['listBookings', 'bookingsByUsers']);
  });
});

describe('booking rules', () => {
  test('a booking is made, listed, resolves its room and user, and notifies through the outbox', async () => {
    const before = (await stack.system.db.knex<{ id: number }>('outbox.events').max({ id: 'id' }).first())!.id ?? 0;
    const date = freshDay();
    const made = await stack.gql<{ createBooking: { id: string; status: string; room: { id: string }; user: { id: string } } }>(
      CREATE,
      { i: { roomId: rooms[1].id, date, timeSlot: '14:00-16:00' } },
      student.accessToken,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.createBooking).toMatchObject({ status: 'ACTIVE', room: { id: rooms[1].id }, user: { id: student.userId } });
    const mine = await stack.gql<{ myBookings: Array<{ id: string }>; me: { bookings: Array<{ id: string }> } }>(
      '{ myBookings { id } me { bookings { id } } }',
      {},
      student.accessToken,
    );
    expect(mine.data!.myBookings.map((b) => b.id)).toContain(made.data!.createBooking.id);
    expect(mine.data!.me.bookings.map((b) => b.id)).toContain(made.data!.createBooking.id);
    const events = await eventsAfter(stack.system.db.knex, Number(before), { topicPrefix: 'booking.' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      topic: 'booking.created',
      aggregateId: made.data!.createBooking.id,
      payload: { userId: student.userId, roomId: rooms[1].id, roomName: rooms[1].name, date, timeSlot: '14:00-16:00' },
    });
  });

  test('a refused booking leaves no row and no event', async () => {
    const date = freshDay();
    await stack.gql(CREATE, { i: { roomId: rooms[2].id, date, timeSlot: '08:00-10:00' } }, student.accessToken);
    const before = Number((await stack.system.db.knex('outbox.events').max({ id: 'id' }).first())!.id);
    const other = await stack.newUser();
    expect(codes(await stack.gql(CREATE, { i: { roomId: rooms[2].id, date, timeSlot: '08:00-10:00' } }, other.accessToken))).toEqual(['CONFLICT']);
    expect(await eventsAfter(stack.system.db.knex, before, { topicPrefix: 'booking.' })).toEqual([]);
    expect(await stack.system.db.knex('booking.bookings').where({ room_id: rooms[2].id, date })).toHaveLength(1);
  });

  test('one person cannot hold two rooms in the same slot', async () => {
    const date = freshDay();
    expect((await stack.gql(CREATE, { i: { roomId: rooms[0].id, date, timeSlot: '12:00-14:00' } }, student.accessToken)).errors).toBeUndefined();
    const second = await stack.gql(CREATE, { i: { roomId: rooms[1].id, date, timeSlot: '12:00-14:00' } }, student.accessToken);
    expect(codes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0].message).toMatch(/already hold/);
  });

  test('cancelling frees the slot at once; cancelling again is refused', async () => {
    const date = freshDay();
    const input = { roomId: rooms[3].id, date, timeSlot: '16:00-18:00' };
    const made = await stack.gql<{ createBooking: { id: string } }>(CREATE, { i: input }, student.accessToken);
    const id = made.data!.createBooking.id;
    const cancelled = await stack.gql<{ cancelBooking: { status: string; cancelledAt: string } }>(CANCEL, { id }, student.accessToken);
    expect(cancelled.data!.cancelBooking.status).toBe('CANCELLED');
    expect(Date.parse(cancelled.data!.cancelBooking.cancelledAt)).not.toBeNaN();
    const available = await stack.gql<{ availableSlots: Array<{ label: string }> }>(AVAILABLE, { r: rooms[3].id, d: date }, student.accessToken);
    expect(available.data!.availableSlots.map((s) => s.label)).toContain('16:00-18:00');
    const other = await stack.newUser();
    expect((await stack.gql(CREATE, { i: input }, other.accessToken)).errors).toBeUndefined();
    const again = await stack.gql(CANCEL, { id }, student.accessToken);
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0].message).toMatch(/already cancelled/);
    const events = await stack.system.db.knex('outbox.events').where({ aggregate_id: id }).orderBy('id');
    expect(events.map((e: { topic: string }) => e.topic)).toEqual(['booking.created', 'booking.cancelled']);
  });

  test('FACULTY cancel any booking; a STUDENT only their own', async () => {
    const date = freshDay();
    const other = await stack.newUser();
    const made = await stack.gql<{ createBooking: { id: string } }>(
      CREATE,
      { i: { roomId: rooms[0].id, date, timeSlot: '18:00-20:00' } },
      other.accessToken,
    );
    const id = made.data!.createBooking.id;
    expect(codes(await stack.gql(CANCEL, { id }, student.accessToken))).toEqual(['FORBIDDEN']);
    expect((await stack.gql(CANCEL, { id }, faculty)).data).toMatchObject({ cancelBooking: { status: 'CANCELLED' } });
  });

  test('a booking in the past cannot be cancelled', async () => {
    const [row] = await stack.system.db
      .knex<{ id: string; room_id: string; user_id: string; date: string; time_slot: string }>('booking.bookings')
      .insert({ room_id: rooms[0].id, user_id: student.userId, date: addDays(today(), -1), time_slot: '20:00-22:00' })
      .returning('id');
    const result = await stack.gql(CANCEL, { id: row.id }, student.accessToken);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });

  test('today: a started slot cannot be booked, a later one can', async () => {
    const started = await stack.gql(CREATE, { i: { roomId: rooms[1].id, date: today(), timeSlot: '06:00-08:00' } }, student.accessToken);
    expect(codes(started)).toEqual(['BAD_USER_INPUT']);
    expect(started.errors![0].message).toMatch(/input\.timeSlot.*started/);
    const later = await stack.gql(CREATE, { i: { roomId: rooms[1].id, date: today(), timeSlot: '20:00-22:00' } }, student.accessToken);
    expect(later.errors).toBeUndefined();
    const available = await stack.gql<{ availableSlots: Array<{ label: string }> }>(AVAILABLE, { r: rooms[2].id, d: today() }, student.accessToken);
    expect(available.data!.availableSlots.map((s) => s.label)).not.toContain('06:00-08:00');
    expect(available.data!.availableSlots.map((s) => s.label)).toContain('20:00-22:00');
  });

  test('the horizon: 365 days ahead can be booked, 366 cannot', async () => {
    expect(
      (await stack.gql(CREATE, { i: { roomId: rooms[2].id, date: addDays(today(), 365), timeSlot: '08:00-10:00' } }, student.accessToken)).errors,
    ).toBeUndefined();
    const beyond = await stack.gql(CREATE, { i: { roomId: rooms[2].id, date: addDays(today(), 366), timeSlot: '08:00-10:00' } }, student.accessToken);
    expect(codes(beyond)).toEqual(['BAD_USER_INPUT']);
    expect(beyond.errors![0].message).toMatch(/^input\.date/);
  });

  test.each([
    ['input.date', { date: '2026-02-30' }],
    ['input.date', { date: '26-11-2026' }],
    ['input.date', { date: "2026-12-01' OR '1'='1" }],
    ['input.date', { date: 'yesterday' }],
    ['input.timeSlot', { timeSlot: '07:00-09:00' }],
    ['input.timeSlot', { timeSlot: '' }],
    ['input.roomId', { roomId: "1' OR '1'='1" }],
    ['input.roomId', { roomId: '42' }],
  ])('createBooking refuses a bad %s with BAD_USER_INPUT', async (argument, change) => {
    const result = await stack.gql(
      CREATE,
      { i: { roomId: rooms[0].id, date: addDays(today(), 3), timeSlot: '08:00-10:00', ...change } },
      student.accessToken,
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(argument)).toBe(true);
  });

  test('a past date and an unknown room', async () => {
    expect(
      codes(await stack.gql(CREATE, { i: { roomId: rooms[0].id, date: addDays(today(), -1), timeSlot: '08:00-10:00' } }, student.accessToken)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await stack.gql(CREATE, { i: { roomId: randomUUID(), date: addDays(today(), 3), timeSlot: '08:00-10:00' } }, student.accessToken)),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(AVAILABLE, { r: randomUUID(), d: today() }, student.accessToken))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(AVAILABLE, { r: rooms[0].id, d: '2026-13-01' }, student.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.gql(CANCEL, { id: randomUUID() }, student.accessToken))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(CANCEL, { id: 'nope' }, student.accessToken))).toEqual(['BAD_USER_INPUT']);
    const pastSlots = await stack.gql<{ availableSlots: unknown[] }>(AVAILABLE, { r: rooms[0].id, d: addDays(today(), -3) }, student.accessToken);
    expect(pastSlots.data!.availableSlots).toEqual([]);
  });
});

test("a deleted account's bookings from today on are cancelled and their slots freed", async () => {
  const person = await stack.newUser();
  const date = freshDay();
  await stack.gql(CREATE, { i: { roomId: rooms[0].id, date, timeSlot: '14:00-16:00' } }, person.accessToken);
  await stack.gql(CREATE, { i: { roomId: rooms[1].id, date: addDays(date, 1), timeSlot: '14:00-16:00' } }, person.accessToken);
  await stack.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id: person.userId }, admin);
  await eventually(async () => {
    const rows = await stack.system.db.knex('booking.bookings').where({ user_id: person.userId });
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['CANCELLED', 'CANCELLED']);
  });
  const available = await stack.gql<{ availableSlots: Array<{ label: string }> }>(AVAILABLE, { r: rooms[0].id, d: date }, student.accessToken);
  expect(available.data!.availableSlots.map((s) => s.label)).toContain('14:00-16:00');
});

describe('lists', () => {
  test('myBookings: ACTIVE and CANCELLED, newest date first, with a status filter', async () => {
    const person = await stack.newUser();
    const dates = [freshDay(), freshDay(), freshDay()];
    const ids: string[] = [];
    for (const date of dates) {
      const made = await stack.gql<{ createBooking: { id: string } }>(
        CREATE,
        { i: { roomId: rooms[0].id, date, timeSlot: '06:00-08:00' } },
        person.accessToken,
      );
      ids.push(made.data!.createBooking.id);
    }
    await stack.gql(CANCEL, { id: ids[1] }, person.accessToken);
    const all = await stack.gql<{ myBookings: Array<{ date: string; status: string }> }>('{ myBookings { date status } }', {}, person.accessToken);
    expect(all.data!.myBookings.map((b) => b.date)).toEqual([...dates].reverse());
    expect(all.data!.myBookings.map((b) => b.status)).toEqual(['ACTIVE', 'CANCELLED', 'ACTIVE']);
    const cancelled = await stack.gql<{ myBookings: Array<{ date: string }> }>('{ myBookings(status: CANCELLED) { date } }', {}, person.accessToken);
    expect(cancelled.data!.myBookings.map((b) => b.date)).toEqual([dates[1]]);
  });

  test('bookings: a STUDENT sees their own, FACULTY everyone’s; filters by date and room', async () => {
    const date = freshDay();
    const other = await stack.newUser();
    await stack.gql(CREATE, { i: { roomId: rooms[0].id, date, timeSlot: '08:00-10:00' } }, student.accessToken);
    await stack.gql(CREATE, { i: { roomId: rooms[1].id, date, timeSlot: '08:00-10:00' } }, other.accessToken);
    const asStudent = await stack.gql<{ bookings: Array<{ user: { id: string } }> }>(
      'query($d: String!) { bookings(date: $d) { user { id } } }',
      { d: date },
      student.accessToken,
    );
    expect(asStudent.data!.bookings.map((b) => b.user.id)).toEqual([student.userId]);
    const asFaculty = await stack.gql<{ bookings: unknown[] }>('query($d: String!) { bookings(date: $d) { id } }', { d: date }, faculty);
    expect(asFaculty.data!.bookings).toHaveLength(2);
    const byRoom = await stack.gql<{ bookings: Array<{ user: { id: string } }> }>(
      'query($d: String!, $r: ID!) { bookings(date: $d, roomId: $r) { user { id } } }',
      { d: date, r: rooms[1].id },
      faculty,
    );
    expect(byRoom.data!.bookings.map((b) => b.user.id)).toEqual([other.userId]);
    expect(codes(await stack.gql('{ bookings(date: "2026-02-31") { id } }', {}, faculty))).toEqual(['BAD_USER_INPUT']);
  });

  test("a STUDENT cannot read another person's bookings through User.bookings", async () => {
    const result = await stack.gql<{ bookings: unknown }>(
      'query($id: ID!) { user(id: $id) { bookings { id } } }',
      { id: student.userId },
      student.accessToken,
    );
    expect(result.errors).toBeUndefined();
    const other = await stack.newUser();
    const denied = await stack.gql('query($id: ID!) { user(id: $id) { id } }', { id: other.userId }, student.accessToken);
    expect(codes(denied)).toEqual(['FORBIDDEN']);
  });
});

describe('rooms', () => {
  const CREATE_ROOM = 'mutation($i: RoomInput!) { createRoom(input: $i) { id name capacity building floor amenities } }';

  test('filters by minimum capacity and amenity (case-insensitive)', async () => {
    const big = await stack.gql<{ rooms: Array<{ capacity: number }> }>('{ rooms(minCapacity: 25) { capacity } }', {}, student.accessToken);
    expect(big.data!.rooms.length).toBeGreaterThan(0);
    expect(big.data!.rooms.every((r) => r.capacity >= 25)).toBe(true);
    const projector = await stack.gql<{ rooms: Array<{ amenities: string[] }> }>(
      '{ rooms(amenity: "PROJECTOR") { amenities } }',
      {},
      student.accessToken,
    );
    expect(projector.data!.rooms.length).toBeGreaterThan(0);
    expect(projector.data!.rooms.every((r) => r.amenities.includes('projector'))).toBe(true);
  });

  test('rooms take limit and offset', async () => {
    const all = await stack.gql<{ rooms: Array<{ id: string }> }>('{ rooms(limit: 1000) { id } }', {}, student.accessToken);
    const page = await stack.gql<{ rooms: Array<{ id: string }> }>('{ rooms(limit: 2, offset: 1) { id } }', {}, student.accessToken);
    expect(page.data!.rooms).toEqual(all.data!.rooms.slice(1, 3));
    expect(codes(await stack.gql('{ rooms(limit: -1) { id } }', {}, student.accessToken))).toEqual(['BAD_USER_INPUT']);
  });

  test('createRoom and updateRoom; amenities default to none', async () => {
    const name = `Room ${randomUUID()}`;
    const created = await stack.gql<{ createRoom: { id: string; amenities: string[]; building: string | null } }>(
      CREATE_ROOM,
      { i: { name, capacity: 10 } },
      admin,
    );
    expect(created.data!.createRoom).toMatchObject({ amenities: [], building: null });
    const updated = await stack.gql<{ updateRoom: { capacity: number; amenities: string[] } }>(
      'mutation($id: ID!, $i: RoomInput!) { updateRoom(id: $id, input: $i) { capacity amenities } }',
      { id: created.data!.createRoom.id, i: { name, capacity: 40, amenities: ['projector', 'Projector', 'whiteboard'] } },
      admin,
    );
    expect(updated.data!.updateRoom).toEqual({ capacity: 40, amenities: ['projector', 'whiteboard'] });
  });

  test.each([
    ['input.capacity', { capacity: 0 }],
    ['input.capacity', { capacity: 1001 }],
    ['input.name', { name: '  ' }],
    ['input.name', { name: 'n'.repeat(201) }],
    ['input.amenities[1]', { amenities: ['ok', ''] }],
  ])('room input: a bad %s is BAD_USER_INPUT', async (argument, change) => {
    const result = await stack.gql(CREATE_ROOM, { i: { name: `Room ${randomUUID()}`, capacity: 10, ...change } }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(argument)).toBe(true);
  });

  test('room names are unique case-insensitively; unknown rooms are NOT_FOUND', async () => {
    const duplicate = await stack.gql(CREATE_ROOM, { i: { name: rooms[0].name.toUpperCase(), capacity: 10 } }, admin);
    expect(codes(duplicate)).toEqual(['CONFLICT']);
    const missing = await stack.gql(
      'mutation($id: ID!) { updateRoom(id: $id, input: { name: "X", capacity: 1 }) { id } }',
      { id: randomUUID() },
      admin,
    );
    expect(codes(missing)).toEqual(['NOT_FOUND']);
  });
});
