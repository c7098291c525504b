/**
 * Booking, further, through the gateway: series, closures, free rooms, out-of-service rooms,
 * waitlists, check-in and calendar feeds, with every bad input. The clock of the booking rules
 * is the test's (`now`), so check-in windows never depend on when the tests run.
 */
import http from 'node:http';
import ICAL from 'ical.js';
import { addDays, campusMoment } from '../../lib/campusTime';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { campusInstant, slotByLabel } from './slots';
import { WAITLIST_MAX_PER_PERSON } from './waitlist';

let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const setClock = (at: Date) => (offsetMs = at.getTime() - Date.now());
const MINUTE = 60_000;
const slotStart = (date: string, label: string) => campusInstant('UTC', date, slotByLabel(label)!.startMinutes);

let stack: TestStack;
let admin: string;
let faculty: { accessToken: string; userId: string };
let student: { accessToken: string; userId: string };
let rooms: Array<{ id: string; name: string; capacity: number; amenities: string[] }>;
let dayOffset = 20;
const today = () => campusMoment('UTC').date;
/** A day no other test books. */
const freshDay = () => addDays(today(), dayOffset++);

const BOOK = 'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id status user { id } } }';
const SERIES = `mutation($i: CreateBookingSeriesInput!) { createBookingSeries(input: $i) {
  series { id status weeks startDate timeSlot room { id } user { id } bookings { id date status } }
  booked { id date series { id } } skippedDates } }`;
const CLOSE = 'mutation($i: ClosureInput!) { createClosure(input: $i) { id reason startDate endDate timeSlots room { id } createdBy { id } } }';
const JOIN =
  'mutation($i: CreateBookingInput!) { joinWaitlist(input: $i) { id position status booking { id } user { id } room { id } date timeSlot } }';
const FREE =
  'query($d: String!, $s: String!, $c: Int, $a: [String!]) { freeRooms(date: $d, timeSlot: $s, minCapacity: $c, amenities: $a) { id name capacity } }';
const CHECK_IN = 'mutation($id: ID!) { checkIn(bookingId: $id) { id checkedInAt status } }';

interface Booked {
  createBooking: { id: string; status: string; user: { id: string } };
}

async function book(token: string, input: { roomId: string; date: string; timeSlot: string }): Promise<string> {
  const result = await stack.gql<Booked>(BOOK, { i: input }, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createBooking.id;
}

async function newRoom(fields: { capacity?: number; amenities?: string[]; checkInRequired?: boolean } = {}): Promise<string> {
  const input = {
    name: `Room ${Math.random().toString(36).slice(2)}`,
    capacity: fields.capacity ?? 10,
    amenities: fields.amenities ?? [],
    checkInRequired: fields.checkInRequired ?? false,
  };
  const made = await stack.gql<{ createRoom: { id: string } }>('mutation($i: RoomInput!) { createRoom(input: $i) { id } }', { i: input }, admin);
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  return made.data.createRoom.id;
}

async function bookingStatus(id: string): Promise<string> {
  return (await stack.system.db.knex<{ id: string; status: string }>('booking.bookings').where({ id }).first())!.status;
}

async function notificationsOf(token: string): Promise<Array<{ title: string; message: string }>> {
  const result = await stack.gql<{ notifications: Array<{ title: string; message: string }> }>(
    '{ notifications(limit: 100) { title message } }',
    {},
    token,
  );
  return result.data!.notifications;
}

beforeAll(async () => {
  stack = await startTestStack({ PUBLIC_ORIGIN: 'https://campus.example', WAITLIST_MAX_LENGTH: '5' }, { now });
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  faculty = await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password);
  student = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
  rooms = (await stack.gql<{ rooms: typeof rooms }>('{ rooms { id name capacity amenities } }', {}, admin)).data!.rooms;
});
afterEach(() => (offsetMs = 0));
afterAll(() => stack?.close());

describe('rooms', () => {
  test('demo rooms carry accessibility amenities; new fields default to false', async () => {
    const result = await stack.gql<{ rooms: Array<{ amenities: string[]; checkInRequired: boolean; outOfService: boolean }> }>(
      '{ rooms { amenities checkInRequired outOfService } }',
      {},
      student.accessToken,
    );
    expect(result.data!.rooms.filter((r) => r.amenities.includes('step-free access')).length).toBeGreaterThanOrEqual(3);
    expect(result.data!.rooms.some((r) => r.amenities.includes('hearing loop'))).toBe(true);
    expect(result.data!.rooms.every((r) => !r.checkInRequired && !r.outOfService)).toBe(true);
  });

  test('an out-of-service room refuses bookings, series and waitlists with CONFLICT, and is not free', async () => {
    const roomId = await newRoom();
    const date = freshDay();
    await stack.system.db.knex('booking.room_faults').insert({ room_id: roomId, source: 'test', reference: 'fault-1' });
    const room = await stack.gql<{ rooms: Array<{ id: string; outOfService: boolean }> }>(
      '{ rooms(limit: 100) { id outOfService } }',
      {},
      student.accessToken,
    );
    expect(room.data!.rooms.find((r) => r.id === roomId)!.outOfService).toBe(true);
    const booked = await stack.gql(BOOK, { i: { roomId, date, timeSlot: '10:00-12:00' } }, student.accessToken);
    expect(codes(booked)).toEqual(['CONFLICT']);
    expect(booked.errors![0].message).toMatch(/out of service/);
    const series = await stack.gql(SERIES, { i: { roomId, startDate: date, timeSlot: '10:00-12:00', weeks: 2 } }, faculty.accessToken);
    expect(codes(series)).toEqual(['CONFLICT']);
    const free = await stack.gql<{ freeRooms: Array<{ id: string }> }>(FREE, { d: date, s: '10:00-12:00' }, student.accessToken);
    expect(free.data!.freeRooms.map((r) => r.id)).not.toContain(roomId);
    await stack.system.db.knex('booking.room_faults').where({ room_id: roomId }).delete();
    expect(codes(await stack.gql(BOOK, { i: { roomId, date, timeSlot: '10:00-12:00' } }, student.accessToken))).toEqual([]);
  });
});

describe('freeRooms', () => {
  test('smallest fitting first, amenities case-insensitive, taken and closed rooms left out', async () => {
    const date = freshDay();
    const all = await stack.gql<{ freeRooms: Array<{ name: string; capacity: number }> }>(FREE, { d: date, s: '08:00-10:00' }, student.accessToken);
    const capacities = all.data!.freeRooms.map((r) => r.capacity);
    expect(capacities).toEqual([...capacities].sort((a, b) => a - b));

    const accessible = await stack.gql<{ freeRooms: Array<{ name: string }> }>(
      FREE,
      { d: date, s: '08:00-10:00', c: 20, a: ['STEP-FREE Access', 'hearing loop'] },
      student.accessToken,
    );
    expect(accessible.data!.freeRooms.map((r) => r.name)).toEqual(['Lovelace Seminar Room', 'Turing Lecture Hall']);

    const lovelace = rooms.find((r) => r.name === 'Lovelace Seminar Room')!;
    await book(student.accessToken, { roomId: lovelace.id, date, timeSlot: '08:00-10:00' });
    const turing = rooms.find((r) => r.name === 'Turing Lecture Hall')!;
    const closed = await stack.gql(
      CLOSE,
      { i: { roomId: turing.id, startDate: date, endDate: date, timeSlots: ['08:00-10:00'], reason: 'Exam' } },
      admin,
    );
    expect(closed.errors).toBeUndefined();
    const after = await stack.gql<{ freeRooms: Array<{ name: string }> }>(
      FREE,
      { d: date, s: '08:00-10:00', c: 20, a: ['step-free access'] },
      student.accessToken,
    );
    expect(after.data!.freeRooms).toEqual([]);
    const otherSlot = await stack.gql<{ freeRooms: Array<{ name: string }> }>(
      FREE,
      { d: date, s: '10:00-12:00', c: 20, a: ['step-free access'] },
      student.accessToken,
    );
    expect(otherSlot.data!.freeRooms.map((r) => r.name)).toEqual(['Lovelace Seminar Room', 'Turing Lecture Hall']);
  });

  test.each([
    ['date', { d: '2026-02-30', s: '08:00-10:00' }],
    ['timeSlot', { d: '2030-01-01', s: '09:00-11:00' }],
    ['minCapacity', { d: '2030-01-01', s: '08:00-10:00', c: -1 }],
    ['amenities[0]', { d: '2030-01-01', s: '08:00-10:00', a: ['  '] }],
    ['amenities', { d: '2030-01-01', s: '08:00-10:00', a: Array.from({ length: 31 }, (_, i) => `a${i}`) }],
  ])('bad %s is BAD_USER_INPUT naming it', async (argument, variables) => {
    const result = await stack.gql(FREE, variables, student.accessToken);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(`${argument}:`)).toBe(true);
  });
});

describe('series', () => {
  test('26 weeks are booked; a taken date is skipped and listed; each booking knows its series', async () => {
    const roomId = await newRoom();
    const startDate = freshDay();
    const takenDate = addDays(startDate, 14);
    await book(student.accessToken, { roomId, date: takenDate, timeSlot: '14:00-16:00' });
    const result = await stack.gql<{
      createBookingSeries: {
        series: { id: string; weeks: number; status: string; bookings: unknown[] };
        booked: Array<{ date: string; series: { id: string } }>;
        skippedDates: string[];
      };
    }>(SERIES, { i: { roomId, startDate, timeSlot: '14:00-16:00', weeks: 26 } }, faculty.accessToken);
    expect(result.errors).toBeUndefined();
    const { series, booked, skippedDates } = result.data!.createBookingSeries;
    expect(skippedDates).toEqual([takenDate]);
    expect(booked).toHaveLength(25);
    expect(booked[0].date).toBe(startDate);
    expect(booked[24].date).toBe(addDays(startDate, 7 * 25));
    expect(booked.every((b) => b.series.id === series.id)).toBe(true);
    expect(series).toMatchObject({ weeks: 26, status: 'ACTIVE' });
    expect(series.bookings).toHaveLength(25);
    await eventually(async () =>
      expect((await notificationsOf(faculty.accessToken)).some((n) => n.title === 'Series booked' && n.message.includes(takenDate))).toBe(true),
    );
  });

  test('allOrNothing: one taken date books nothing, CONFLICT naming the date', async () => {
    const roomId = await newRoom();
    const startDate = freshDay();
    const takenDate = addDays(startDate, 7);
    await book(student.accessToken, { roomId, date: takenDate, timeSlot: '16:00-18:00' });
    const result = await stack.gql(SERIES, { i: { roomId, startDate, timeSlot: '16:00-18:00', weeks: 4, allOrNothing: true } }, faculty.accessToken);
    expect(codes(result)).toEqual(['CONFLICT']);
    expect(result.errors![0].message).toContain(`${takenDate} (taken)`);
    const rows = await stack.system.db.knex('booking.bookings').where({ room_id: roomId });
    expect(rows).toHaveLength(1);
    expect(await stack.system.db.knex('booking.series').where({ room_id: roomId })).toHaveLength(0);
  });

  test('closed dates are skipped with the reason; allOrNothing names the closure', async () => {
    const roomId = await newRoom();
    const startDate = freshDay();
    const closedDate = addDays(startDate, 7);
    expect(
      (await stack.gql(CLOSE, { i: { roomId, startDate: closedDate, endDate: closedDate, reason: 'Graduation' } }, admin)).errors,
    ).toBeUndefined();
    const strict = await stack.gql(SERIES, { i: { roomId, startDate, timeSlot: '12:00-14:00', weeks: 3, allOrNothing: true } }, faculty.accessToken);
    expect(codes(strict)).toEqual(['CONFLICT']);
    expect(strict.errors![0].message).toContain(`${closedDate} (closed: Graduation)`);
    const lenient = await stack.gql<{ createBookingSeries: { booked: unknown[]; skippedDates: string[] } }>(
      SERIES,
      { i: { roomId, startDate, timeSlot: '12:00-14:00', weeks: 3 } },
      faculty.accessToken,
    );
    expect(lenient.data!.createBookingSeries.skippedDates).toEqual([closedDate]);
    expect(lenient.data!.createBookingSeries.booked).toHaveLength(2);
  });

  test('cancelBookingSeries cancels what has not started; one date can be cancelled alone', async () => {
    const roomId = await newRoom();
    const startDate = freshDay();
    const made = await stack.gql<{ createBookingSeries: { series: { id: string }; booked: Array<{ id: string }> } }>(
      SERIES,
      { i: { roomId, startDate, timeSlot: '18:00-20:00', weeks: 3 } },
      faculty.accessToken,
    );
    const { series, booked } = made.data!.createBookingSeries;
    expect(
      (await stack.gql('mutation($id: ID!) { cancelBooking(id: $id) { status } }', { id: booked[0].id }, faculty.accessToken)).errors,
    ).toBeUndefined();
    const cancelled = await stack.gql<{ cancelBookingSeries: { status: string; bookings: Array<{ status: string }> } }>(
      'mutation($id: ID!) { cancelBookingSeries(id: $id) { status bookings { status } } }',
      { id: series.id },
      faculty.accessToken,
    );
    expect(cancelled.data!.cancelBookingSeries.status).toBe('CANCELLED');
    expect(cancelled.data!.cancelBookingSeries.bookings.map((b) => b.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    const again = await stack.gql('mutation($id: ID!) { cancelBookingSeries(id: $id) { id } }', { id: series.id }, faculty.accessToken);
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    const missing = await stack.gql(
      'mutation($id: ID!) { cancelBookingSeries(id: $id) { id } }',
      { id: '00000000-0000-4000-8000-000000000000' },
      faculty.accessToken,
    );
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    await eventually(async () => expect((await notificationsOf(faculty.accessToken)).some((n) => n.title === 'Series cancelled')).toBe(true));
  });

  test.each([
    ['input.weeks', { weeks: 0 }],
    ['input.weeks', { weeks: 27 }],
    ['input.weeks', { weeks: 26, startDate: addDays(campusMoment('UTC').date, 300) }],
    ['input.startDate', { startDate: '2020-01-01' }],
    ['input.startDate', { startDate: 'soon' }],
    ['input.timeSlot', { timeSlot: '07:00-09:00' }],
    ['input.roomId', { roomId: 'nope' }],
  ])('bad %s is BAD_USER_INPUT naming it', async (argument, change) => {
    const input = { roomId: rooms[0].id, startDate: addDays(today(), 3), timeSlot: '20:00-22:00', weeks: 2, ...change };
    const result = await stack.gql(SERIES, { i: input }, faculty.accessToken);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(`${argument}:`)).toBe(true);
  });
});

describe('closures', () => {
  test('existing bookings and waitlist entries inside are cancelled once, with the reason; new ones get CONFLICT', async () => {
    const roomId = await newRoom();
    const date = freshDay();
    const holder = await stack.newUser();
    const waiter = await stack.newUser();
    const bookingId = await book(holder.accessToken, { roomId, date, timeSlot: '10:00-12:00' });
    const outside = await book(holder.accessToken, { roomId, date, timeSlot: '12:00-14:00' });
    expect((await stack.gql(JOIN, { i: { roomId, date, timeSlot: '10:00-12:00' } }, waiter.accessToken)).errors).toBeUndefined();

    const closed = await stack.gql<{ createClosure: { id: string; timeSlots: string[]; room: { id: string } } }>(
      CLOSE,
      { i: { roomId, startDate: date, endDate: addDays(date, 1), timeSlots: ['10:00-12:00', '08:00-10:00'], reason: 'Exam week' } },
      admin,
    );
    expect(closed.data!.createClosure).toMatchObject({ timeSlots: ['08:00-10:00', '10:00-12:00'], room: { id: roomId } });
    await eventually(async () => expect(await bookingStatus(bookingId)).toBe('CANCELLED'));
    expect(await bookingStatus(outside)).toBe('ACTIVE');
    await eventually(async () => {
      const notes = await notificationsOf(holder.accessToken);
      expect(notes.filter((n) => n.title === 'Booking cancelled' && n.message.includes('Exam week'))).toHaveLength(1);
      expect((await notificationsOf(waiter.accessToken)).filter((n) => n.title === 'Waitlist entry cancelled')).toHaveLength(1);
    });
    const refused = await stack.gql(BOOK, { i: { roomId, date: addDays(date, 1), timeSlot: '08:00-10:00' } }, holder.accessToken);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0].message).toContain('Exam week');
    const listed = await stack.gql<{ closures: Array<{ id: string }> }>(
      'query($r: ID) { closures(roomId: $r) { id } }',
      { r: roomId },
      student.accessToken,
    );
    expect(listed.data!.closures.map((c) => c.id)).toContain(closed.data!.createClosure.id);

    const deleted = await stack.gql('mutation($id: ID!) { deleteClosure(id: $id) }', { id: closed.data!.createClosure.id }, admin);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data).toEqual({ deleteClosure: true });
    expect(codes(await stack.gql(BOOK, { i: { roomId, date: addDays(date, 1), timeSlot: '08:00-10:00' } }, holder.accessToken))).toEqual([]);
    const gone = await stack.gql('mutation($id: ID!) { deleteClosure(id: $id) }', { id: closed.data!.createClosure.id }, admin);
    expect(codes(gone)).toEqual(['NOT_FOUND']);
  });

  test('a closure of every room refuses waitlist entries too', async () => {
    const date = freshDay();
    const roomId = await newRoom();
    await book(student.accessToken, { roomId, date, timeSlot: '20:00-22:00' });
    expect(
      (await stack.gql(CLOSE, { i: { startDate: date, endDate: date, timeSlots: ['20:00-22:00'], reason: 'Power works' } }, admin)).errors,
    ).toBeUndefined();
    const join = await stack.gql(JOIN, { i: { roomId, date, timeSlot: '20:00-22:00' } }, faculty.accessToken);
    expect(codes(join)).toEqual(['CONFLICT']);
    expect(join.errors![0].message).toContain('Power works');
  });

  test.each([
    ['input.startDate', { startDate: '2026-13-01' }],
    ['input.endDate', { endDate: '2020-01-01', startDate: '2019-12-01' }],
    ['input.endDate', { endDate: addDays(campusMoment('UTC').date, 1), startDate: addDays(campusMoment('UTC').date, 2) }],
    ['input.endDate', { endDate: addDays(campusMoment('UTC').date, 400) }],
    ['input.timeSlots', { timeSlots: [] }],
    ['input.timeSlots[1]', { timeSlots: ['08:00-10:00', 'noon'] }],
    ['input.reason', { reason: '   ' }],
    ['input.reason', { reason: 'r'.repeat(201) }],
    ['input.roomId', { roomId: 'x' }],
  ])('bad %s is BAD_USER_INPUT naming it', async (argument, change) => {
    const input = { startDate: addDays(today(), 1), endDate: addDays(today(), 2), reason: 'Holiday', ...change };
    const result = await stack.gql(CLOSE, { i: input }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(`${argument}:`)).toBe(true);
  });

  test('an unknown room is NOT_FOUND; closures filters are validated', async () => {
    const unknown = await stack.gql(
      CLOSE,
      { i: { roomId: '00000000-0000-4000-8000-000000000000', startDate: today(), endDate: today(), reason: 'x' } },
      admin,
    );
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    const bad = await stack.gql('{ closures(from: "tomorrow") { id } }', {}, admin);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message.startsWith('from:')).toBe(true);
  });
});

describe('waitlist', () => {
  test('a free slot is BAD_USER_INPUT; twice, or one’s own slot, CONFLICT; leave; positions', async () => {
    const roomId = await newRoom();
    const date = freshDay();
    const input = { roomId, date, timeSlot: '08:00-10:00' };
    const free = await stack.gql(JOIN, { i: input }, student.accessToken);
    expect(codes(free)).toEqual(['BAD_USER_INPUT']);
    const holder = await stack.newUser();
    await book(holder.accessToken, input);
    expect(codes(await stack.gql(JOIN, { i: input }, holder.accessToken))).toEqual(['CONFLICT']);
    const first = await stack.gql<{ joinWaitlist: { id: string; position: number; status: string } }>(JOIN, { i: input }, student.accessToken);
    expect(first.data!.joinWaitlist).toMatchObject({ position: 1, status: 'WAITING' });
    expect(codes(await stack.gql(JOIN, { i: input }, student.accessToken))).toEqual(['CONFLICT']);
    const second = await stack.gql<{ joinWaitlist: { id: string; position: number } }>(JOIN, { i: input }, faculty.accessToken);
    expect(second.data!.joinWaitlist.position).toBe(2);

    const left = await stack.gql<{ leaveWaitlist: { status: string; position: number | null } }>(
      'mutation($id: ID!) { leaveWaitlist(id: $id) { status position } }',
      { id: first.data!.joinWaitlist.id },
      student.accessToken,
    );
    expect(left.data!.leaveWaitlist).toEqual({ status: 'LEFT', position: null });
    const mine = await stack.gql<{ myWaitlist: Array<{ id: string; position: number }> }>('{ myWaitlist { id position } }', {}, faculty.accessToken);
    expect(mine.data!.myWaitlist.find((e) => e.id === second.data!.joinWaitlist.id)!.position).toBe(1);
    const notMine = await stack.gql(
      'mutation($id: ID!) { leaveWaitlist(id: $id) { id } }',
      { id: second.data!.joinWaitlist.id },
      student.accessToken,
    );
    expect(codes(notMine)).toEqual(['NOT_FOUND']);
    const twice = await stack.gql('mutation($id: ID!) { leaveWaitlist(id: $id) { id } }', { id: first.data!.joinWaitlist.id }, student.accessToken);
    expect(codes(twice)).toEqual(['BAD_USER_INPUT']);
  });

  test('a cancelled slot goes to the first in line, in the same transaction, with a notification', async () => {
    const roomId = await newRoom();
    const date = freshDay();
    const input = { roomId, date, timeSlot: '12:00-14:00' };
    const holder = await stack.newUser();
    const [a, b] = [await stack.newUser(), await stack.newUser()];
    const bookingId = await book(holder.accessToken, input);
    const entryA = (await stack.gql<{ joinWaitlist: { id: string } }>(JOIN, { i: input }, a.accessToken)).data!.joinWaitlist.id;
    await stack.gql(JOIN, { i: input }, b.accessToken);
    const cancelled = await stack.gql('mutation($id: ID!) { cancelBooking(id: $id) { status } }', { id: bookingId }, holder.accessToken);
    expect(cancelled.errors).toBeUndefined();
    // Served in the cancelling transaction: no waiting.
    const mine = await stack.gql<{ myWaitlist: Array<{ id: string; status: string; booking: { id: string; user: { id: string } } }> }>(
      '{ myWaitlist { id status booking { id user { id } } } }',
      {},
      a.accessToken,
    );
    expect(mine.data!.myWaitlist).toEqual([{ id: entryA, status: 'SERVED', booking: { id: expect.any(String) as unknown, user: { id: a.userId } } }]);
    await eventually(async () => expect((await notificationsOf(a.accessToken)).map((n) => n.title)).toContain('Waitlist: booked for you'));
    const bPosition = await stack.gql<{ myWaitlist: Array<{ position: number }> }>('{ myWaitlist { position } }', {}, b.accessToken);
    expect(bPosition.data!.myWaitlist[0].position).toBe(1);
  });

  test(`one person waits for at most ${WAITLIST_MAX_PER_PERSON} slots`, async () => {
    const roomId = await newRoom();
    const person = await stack.newUser();
    const base = freshDay();
    await stack.system.db.knex('booking.waitlist_entries').insert(
      Array.from({ length: WAITLIST_MAX_PER_PERSON }, (_, i) => ({
        user_id: person.userId,
        room_id: roomId,
        date: addDays(base, 200 + i),
        time_slot: '06:00-08:00',
        expires_at: new Date(Date.now() + 400 * 86_400_000),
      })),
    );
    const input = { roomId, date: base, timeSlot: '06:00-08:00' };
    await book(student.accessToken, input);
    const refused = await stack.gql(JOIN, { i: input }, person.accessToken);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0].message).toMatch(/already waiting for 20 slots/);
  });

  test('a deleted account leaves its waitlists', async () => {
    const roomId = await newRoom();
    const input = { roomId, date: freshDay(), timeSlot: '18:00-20:00' };
    await book(student.accessToken, input);
    const person = await stack.newUser();
    const joined = await stack.gql<{ joinWaitlist: { id: string } }>(JOIN, { i: input }, person.accessToken);
    expect((await stack.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id: person.userId }, admin)).errors).toBeUndefined();
    await eventually(async () =>
      expect(
        (await stack.system.db.knex<{ id: string; status: string }>('booking.waitlist_entries').where({ id: joined.data!.joinWaitlist.id }).first())!
          .status,
      ).toBe('LEFT'),
    );
  });

  test.each([
    ['input.date', { date: '2026-02-31' }],
    ['input.timeSlot', { timeSlot: '' }],
    ['input.roomId', { roomId: '123' }],
  ])('bad %s is BAD_USER_INPUT naming it', async (argument, change) => {
    const result = await stack.gql(
      JOIN,
      { i: { roomId: rooms[0].id, date: addDays(today(), 2), timeSlot: '08:00-10:00', ...change } },
      student.accessToken,
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(`${argument}:`)).toBe(true);
  });
});

describe('check-in', () => {
  test('open from 10 minutes before to 15 after the start; someone else’s booking NOT_FOUND', async () => {
    const roomId = await newRoom({ checkInRequired: true });
    const date = freshDay();
    const bookingId = await book(student.accessToken, { roomId, date, timeSlot: '10:00-12:00' });
    const start = slotStart(date, '10:00-12:00');
    setClock(new Date(start.getTime() - 11 * MINUTE));
    const early = await stack.gql(CHECK_IN, { id: bookingId }, student.accessToken);
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0].message.startsWith('bookingId:')).toBe(true);
    expect(codes(await stack.gql(CHECK_IN, { id: bookingId }, faculty.accessToken))).toEqual(['NOT_FOUND']);
    setClock(new Date(start.getTime() - 9 * MINUTE));
    const checked = await stack.gql<{ checkIn: { checkedInAt: string; status: string } }>(CHECK_IN, { id: bookingId }, student.accessToken);
    expect(checked.data!.checkIn).toMatchObject({ status: 'ACTIVE', checkedInAt: expect.any(String) as unknown });
    // Checked in: never released, even long after the window.
    setClock(new Date(start.getTime() + 60 * MINUTE));
    const jobsDone = await stack.system.db.knex<{ id: string; release_due_at: Date | null }>('booking.bookings').where({ id: bookingId }).first();
    expect(jobsDone!.release_due_at).toBeNull();
    expect(await bookingStatus(bookingId)).toBe('ACTIVE');
  });

  test('after the window: BAD_USER_INPUT, and the booking is RELEASED and its holder told', async () => {
    const roomId = await newRoom({ checkInRequired: true });
    const date = freshDay();
    const bookingId = await book(student.accessToken, { roomId, date, timeSlot: '14:00-16:00' });
    setClock(new Date(slotStart(date, '14:00-16:00').getTime() + 16 * MINUTE));
    expect(codes(await stack.gql(CHECK_IN, { id: bookingId }, student.accessToken))).toEqual(['BAD_USER_INPUT']);
    await eventually(async () => expect(await bookingStatus(bookingId)).toBe('RELEASED'));
    await eventually(async () =>
      expect((await notificationsOf(student.accessToken)).filter((n) => n.title === 'Booking released' && n.message.includes(date))).toHaveLength(1),
    );
    expect(codes(await stack.gql(CHECK_IN, { id: 'x' }, student.accessToken))).toEqual(['BAD_USER_INPUT']);
  });

  test('a released slot goes to the waitlist; the new holder gets a fresh window', async () => {
    const roomId = await newRoom({ checkInRequired: true });
    const date = freshDay();
    const holder = await stack.newUser();
    const waiter = await stack.newUser();
    const bookingId = await book(holder.accessToken, { roomId, date, timeSlot: '16:00-18:00' });
    await stack.gql(JOIN, { i: { roomId, date, timeSlot: '16:00-18:00' } }, waiter.accessToken);
    const start = slotStart(date, '16:00-18:00');
    setClock(new Date(start.getTime() + 16 * MINUTE));
    await eventually(async () => expect(await bookingStatus(bookingId)).toBe('RELEASED'));
    const served = (await stack.system.db
      .knex<{ id: string; user_id: string; room_id: string; date: string; status: string }>('booking.bookings')
      .where({ room_id: roomId, date, status: 'ACTIVE' })
      .first())!;
    expect(served.user_id).toBe(waiter.userId);
    setClock(new Date(start.getTime() + 25 * MINUTE));
    const checked = await stack.gql<{ checkIn: { status: string } }>(CHECK_IN, { id: served.id }, waiter.accessToken);
    expect(checked.data!.checkIn.status).toBe('ACTIVE');
  });

  test('three releases in a row cancel the rest of a series, with notice', async () => {
    const roomId = await newRoom({ checkInRequired: true });
    const startDate = freshDay();
    dayOffset += 28;
    const made = await stack.gql<{ createBookingSeries: { series: { id: string }; booked: Array<{ id: string; date: string }> } }>(
      SERIES,
      { i: { roomId, startDate, timeSlot: '08:00-10:00', weeks: 5 } },
      faculty.accessToken,
    );
    const { series, booked } = made.data!.createBookingSeries;
    for (const booking of booked.slice(0, 3)) {
      setClock(new Date(slotStart(booking.date, '08:00-10:00').getTime() + 16 * MINUTE));
      await eventually(async () => expect(await bookingStatus(booking.id)).toBe('RELEASED'));
    }
    await eventually(async () =>
      expect((await stack.system.db.knex<{ id: string; status: string }>('booking.series').where({ id: series.id }).first())!.status).toBe(
        'CANCELLED',
      ),
    );
    expect(await bookingStatus(booked[3].id)).toBe('CANCELLED');
    expect(await bookingStatus(booked[4].id)).toBe('CANCELLED');
    await eventually(async () =>
      expect((await notificationsOf(faculty.accessToken)).some((n) => n.title === 'Series cancelled' && /3 times in a row/.test(n.message))).toBe(
        true,
      ),
    );
  });
});

describe('calendar feeds', () => {
  const feedPath = (url: string) => new URL(url).pathname;
  const fetchFeed = (url: string) => fetch(new URL(feedPath(url), stack.gatewayUrl));

  test('a person’s own feed: RFC 5545 through the gateway; reset revokes the old URL', async () => {
    const person = await stack.newUser();
    const date = freshDay();
    await book(person.accessToken, { roomId: rooms[1].id, date, timeSlot: '10:00-12:00' });
    const me = await stack.gql<{ me: { calendarUrl: string } }>('{ me { calendarUrl } }', {}, person.accessToken);
    const url = me.data!.me.calendarUrl;
    expect(url.startsWith('https://campus.example/calendar/users/')).toBe(true);
    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toBe(rooms[1].name);
    expect(events[0].startDate.toJSDate().toISOString()).toBe(slotStart(date, '10:00-12:00').toISOString());
    expect(events[0].endDate.toJSDate().getTime() - events[0].startDate.toJSDate().getTime()).toBe(120 * MINUTE);

    const reset = await stack.gql<{ resetCalendarUrl: string }>('mutation { resetCalendarUrl }', {}, person.accessToken);
    expect(reset.data!.resetCalendarUrl).not.toBe(url);
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(reset.data!.resetCalendarUrl)).status).toBe(200);
  });

  test('someone else’s calendarUrl is FORBIDDEN and null', async () => {
    const other = await stack.newUser();
    const result = await stack.gql<{ user: { calendarUrl: string | null } }>(
      'query($id: ID!) { user(id: $id) { id calendarUrl } }',
      { id: other.userId },
      admin,
    );
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.data!.user.calendarUrl).toBeNull();
  });

  test('a room feed shows busy times, never who booked', async () => {
    const person = await stack.newUser();
    const roomId = await newRoom();
    const date = freshDay();
    await book(person.accessToken, { roomId, date, timeSlot: '18:00-20:00' });
    await book(person.accessToken, { roomId, date, timeSlot: '20:00-22:00' });
    const room = await stack.gql<{ rooms: Array<{ id: string; calendarUrl: string }> }>(
      '{ rooms(limit: 100) { id calendarUrl } }',
      {},
      student.accessToken,
    );
    const url = room.data!.rooms.find((r) => r.id === roomId)!.calendarUrl;
    const text = await (await fetchFeed(url)).text();
    const events = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual(['Busy', 'Busy']);
    expect(text).not.toContain(person.userId);
    expect(text).not.toContain(person.email);
    expect(text).not.toContain('Test Person');
  });

  test('a wrong token is 404; a call that bypasses the gateway gets 401', async () => {
    const me = await stack.gql<{ me: { calendarUrl: string } }>('{ me { calendarUrl } }', {}, student.accessToken);
    const path = feedPath(me.data!.me.calendarUrl);
    expect((await fetch(new URL(path.replace(/\/[^/]+\.ics$/, '/AAAAAAAAAAAAAAAAAAAAAAAA.ics'), stack.gatewayUrl))).status).toBe(404);
    expect((await fetch(new URL(path, stack.gatewayUrl))).status).toBe(200);
    expect((await fetch(new URL(path, stack.system.subgraphUrls.booking))).status).toBe(401);
  });

  test('the gateway forwards nothing outside its prefix (dot segments)', async () => {
    const { port } = new URL(stack.gatewayUrl);
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/calendar/../graphql?query=%7B__typename%7D' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(404);
  });
});
