/**
 * Faults that put rooms out of service, through the gateway: a CRITICAL ticket on a room reaches
 * the booking subgraph as an outbox event (never a shared table), the room refuses bookings
 * naming the fault, holders of bookings there are told once with a free room suggested, and the
 * room is bookable again when the ticket is resolved.
 */
import { addDays, campusMoment } from '../../lib/campusTime';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { faultyRoomOf } from '../maintenance/roomFaults';
import type { TicketRow } from '../maintenance/store';

let offsetMs = 0;
/** The booking rules' clock; a test moves it a day on to let the notice window move. */
const now = () => new Date(Date.now() + offsetMs);
const DAY_MS = 86_400_000;

let stack: TestStack;
let admin: string;
let student: string;

/** Texts the priority rules rate CRITICAL and LOW (asserted where they are used). */
const BURST_PIPE = { title: 'Burst pipe flooding the floor', description: 'Burst pipe, water pouring through the ceiling onto the electrics' };
const SQUEAKY_DOOR = { title: 'Squeaky door', description: 'The door hinge squeaks a little when it opens' };

const CREATE = 'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id priority location room { id name capacity outOfService } } }';
const BOOK = 'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }';
const SERIES = 'mutation($i: CreateBookingSeriesInput!) { createBookingSeries(input: $i) { booked { id } } }';
const JOIN = 'mutation($i: CreateBookingInput!) { joinWaitlist(input: $i) { id } }';
const ROOM_FAULT_NOTICE = 'Room out of service';

interface CreatedTicket {
  id: string;
  priority: string;
  location: string | null;
  room: { id: string; name: string; capacity: number; outOfService: boolean } | null;
}

const tomorrow = () => addDays(campusMoment('UTC').date, 1);

async function newRoom(capacity: number): Promise<{ id: string; name: string }> {
  const name = `Fault room ${Math.random().toString(36).slice(2)}`;
  const made = await stack.gql<{ createRoom: { id: string; name: string } }>(
    'mutation($i: RoomInput!) { createRoom(input: $i) { id name } }',
    { i: { name, capacity } },
    admin,
  );
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  return made.data.createRoom;
}

async function report(text: { title: string; description: string }, roomId: string, location?: string): Promise<CreatedTicket> {
  const result = await stack.gql<{ createTicket: CreatedTicket }>(CREATE, { i: { ...text, roomId, location } }, student);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createTicket;
}

async function setStatus(id: string, status: string): Promise<void> {
  const result = await stack.gql(
    'mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { id } }',
    { id, s: status },
    admin,
  );
  expect(result.errors).toBeUndefined();
}

async function resolve(id: string): Promise<void> {
  await setStatus(id, 'IN_PROGRESS');
  await setStatus(id, 'RESOLVED');
}

async function setPriority(id: string, priority: string): Promise<void> {
  const result = await stack.gql(
    'mutation($id: ID!, $p: TicketPriority!) { setTicketPriority(id: $id, priority: $p) { id } }',
    { id, p: priority },
    admin,
  );
  expect(result.errors).toBeUndefined();
}

async function outOfService(roomId: string): Promise<boolean> {
  const result = await stack.gql<{ rooms: Array<{ id: string; outOfService: boolean }> }>('{ rooms(limit: 100) { id outOfService } }', {}, student);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.rooms.find((room) => room.id === roomId)!.outOfService;
}

/** Polls until the booking subgraph has handled the events so far and the room is (not) out of service. */
async function untilOutOfService(roomId: string, expected: boolean): Promise<void> {
  await eventually(async () => expect(await outOfService(roomId)).toBe(expected));
}

async function notices(token: string): Promise<string[]> {
  const result = await stack.gql<{ notifications: Array<{ title: string; message: string }> }>(
    '{ notifications(limit: 100) { title message } }',
    {},
    token,
  );
  return result.data!.notifications.filter((n) => n.title === ROOM_FAULT_NOTICE).map((n) => n.message);
}

const knex = () => stack.system.db.knex;

/** Queues an event for the booking consumer again and waits until it has been handled (its queue row is gone). */
async function redeliver(eventId: number): Promise<void> {
  await knex().from('outbox.deliveries').insert({ consumer: 'booking', event_id: eventId });
  await eventually(async () => expect(await knex().from('outbox.deliveries').where({ consumer: 'booking', event_id: eventId })).toEqual([]));
}

/** Notices written for a person, read from the outbox (they are written in the fault's transaction). */
async function noticeEventsOf(userId: string): Promise<number> {
  const rows = await knex().from('outbox.events').where({ topic: 'booking.room_out_of_service' }).whereRaw("payload->>'userId' = ?", [userId]);
  return rows.length;
}

/** The references (ticket ids) of a room's open faults, as booking recorded them. */
async function faultsOf(roomId: string): Promise<string[]> {
  return knex().from('booking.room_faults').where({ room_id: roomId }).orderBy('since').pluck('reference');
}

async function book(token: string, roomId: string, date: string, timeSlot: string) {
  return stack.gql<{ createBooking: { id: string } }>(BOOK, { i: { roomId, date, timeSlot } }, token);
}

beforeAll(async () => {
  stack = await startTestStack({}, { now });
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  student = (await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password)).accessToken;
});
afterEach(() => (offsetMs = 0));
afterAll(() => stack?.close());

describe('which tickets put their room out of service (maintenance side, pure)', () => {
  const ticket = (fields: Partial<TicketRow>) => ({ room_id: 'r1', priority: 'CRITICAL', status: 'OPEN', ...fields }) as TicketRow;
  test.each([
    ['OPEN', 'r1'],
    ['IN_PROGRESS', 'r1'],
    ['ON_HOLD', 'r1'],
    ['RESOLVED', null],
    ['CLOSED', null],
  ] as const)('a CRITICAL ticket %s on a room: %s', (status, room) => expect(faultyRoomOf(ticket({ status }))).toBe(room));
  test('not CRITICAL, or on no room: no fault', () => {
    expect(faultyRoomOf(ticket({ priority: 'HIGH' }))).toBeNull();
    expect(faultyRoomOf(ticket({ room_id: null }))).toBeNull();
    expect(faultyRoomOf(null)).toBeNull();
  });
});

describe('a ticket names a room', () => {
  test('Ticket.room is the booking subgraph room; location defaults to its name, a given one is kept', async () => {
    const room = await newRoom(12);
    const named = await report(SQUEAKY_DOOR, room.id);
    expect(named.room).toEqual({ id: room.id, name: room.name, capacity: 12, outOfService: false });
    expect(named.location).toBe(room.name);
    const located = await report(SQUEAKY_DOOR, room.id, 'By the east window');
    expect(located.location).toBe('By the east window');
    const fetched = await stack.gql<{ ticket: { room: { name: string; capacity: number } } }>(
      'query($id: ID!) { ticket(id: $id) { room { name capacity } } }',
      { id: named.id },
      admin,
    );
    expect(fetched.data!.ticket.room).toEqual({ name: room.name, capacity: 12 });
    const without = await stack.gql<{ createTicket: CreatedTicket }>(CREATE, { i: SQUEAKY_DOOR }, student);
    expect(without.data!.createTicket.room).toBeNull();
  });

  test.each([
    ['an unknown room', '00000000-0000-4000-8000-000000000000', /input\.roomId: no room has this id/],
    ['a malformed id', 'room-1', /input\.roomId: is not a valid id/],
  ])('%s is refused with BAD_USER_INPUT naming input.roomId', async (_case, roomId, message) => {
    const result = await stack.gql(CREATE, { i: { ...BURST_PIPE, roomId } }, student);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(message);
    expect(result.errors![0].extensions!.argument).toBe('input.roomId');
  });
});

describe('a CRITICAL ticket puts its room out of service', () => {
  test('the whole story: refused bookings, holders told with a room suggested, resolution', async () => {
    const faulty = await newRoom(990);
    const bigger = await newRoom(995);
    const date = tomorrow();
    const holder = await stack.newUser('STUDENT');
    const unlucky = await stack.newUser('STUDENT');
    const faculty = await stack.newUser('FACULTY');
    // The holder's slot has a room that fits free; the unlucky one's has none (bigger is taken).
    expect(codes(await book(holder.accessToken, faulty.id, date, '10:00-12:00'))).toEqual([]);
    expect(codes(await book(unlucky.accessToken, faulty.id, date, '14:00-16:00'))).toEqual([]);
    expect(codes(await book(faculty.accessToken, bigger.id, date, '14:00-16:00'))).toEqual([]);

    const ticket = await report(BURST_PIPE, faulty.id);
    expect(ticket.priority).toBe('CRITICAL');
    await untilOutOfService(faulty.id, true);

    const refused = await book(student, faulty.id, date, '16:00-18:00');
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0].message).toBe('This room is out of service: "Burst pipe flooding the floor" (maintenance ticket)');
    const series = await stack.gql(SERIES, { i: { roomId: faulty.id, startDate: date, timeSlot: '16:00-18:00', weeks: 2 } }, faculty.accessToken);
    expect(codes(series)).toEqual(['CONFLICT']);
    expect(series.errors![0].message).toMatch(/out of service: "Burst pipe flooding the floor"/);
    const waiting = await stack.gql(JOIN, { i: { roomId: faulty.id, date, timeSlot: '10:00-12:00' } }, student);
    expect(codes(waiting)).toEqual(['CONFLICT']);

    const [told] = await eventually(async () => {
      const found = await notices(holder.accessToken);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(told).toBe(
      `${faulty.name}, which you booked for ${date}, 10:00-12:00, is out of service: "Burst pipe flooding the floor". ` +
        `${bigger.name} (995 seats) is free then. Your booking is kept until you cancel it.`,
    );
    const [toldNoRoom] = await eventually(async () => {
      const found = await notices(unlucky.accessToken);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(toldNoRoom).toMatch(/14:00-16:00, is out of service: .* There is no free room of that size then\. Your booking is kept/);
    // Nobody else was told: the other holder's booking is in a room still in service.
    expect(await notices(faculty.accessToken)).toEqual([]);
    const kept = await stack.gql<{ myBookings: Array<{ status: string }> }>('{ myBookings { status } }', {}, holder.accessToken);
    expect(kept.data!.myBookings.map((b) => b.status)).toEqual(['ACTIVE']);

    await resolve(ticket.id);
    await untilOutOfService(faulty.id, false);
    expect(codes(await book(student, faulty.id, date, '16:00-18:00'))).toEqual([]);
  });

  test('a non-CRITICAL ticket leaves its room in service (a later CRITICAL one on another room is seen)', async () => {
    const quiet = await newRoom(6);
    const flooded = await newRoom(6);
    const minor = await report(SQUEAKY_DOOR, quiet.id);
    expect(minor.priority).not.toBe('CRITICAL');
    const critical = await report(BURST_PIPE, flooded.id);
    // Events are handled in order: once the later fault is seen, the minor ticket's turn has passed.
    await untilOutOfService(flooded.id, true);
    expect(await outOfService(quiet.id)).toBe(false);
    expect(codes(await book(student, quiet.id, tomorrow(), '18:00-20:00'))).toEqual([]);
    await resolve(critical.id);
    await untilOutOfService(flooded.id, false);
  });

  test('raising a ticket to CRITICAL takes the room out of service, lowering it brings it back', async () => {
    const room = await newRoom(6);
    const ticket = await report(SQUEAKY_DOOR, room.id);
    await setPriority(ticket.id, 'CRITICAL');
    await untilOutOfService(room.id, true);
    await setPriority(ticket.id, 'HIGH');
    await untilOutOfService(room.id, false);
    expect(codes(await book(student, room.id, tomorrow(), '20:00-22:00'))).toEqual([]);
  });

  test('two CRITICAL tickets on one room: resolving one keeps it out of service, resolving both brings it back', async () => {
    const room = await newRoom(6);
    const first = await report(BURST_PIPE, room.id);
    const second = await report(
      { title: 'Sparks from the wall socket', description: 'Sparks and smoke from the wall socket, smells of burning' },
      room.id,
    );
    expect([first.priority, second.priority]).toEqual(['CRITICAL', 'CRITICAL']);
    await untilOutOfService(room.id, true);
    await resolve(first.id);
    // The first fault's clearing is handled once its row is gone; the second still holds the room.
    await eventually(async () => expect(await faultsOf(room.id)).toEqual([second.id]));
    expect(await outOfService(room.id)).toBe(true);
    const refused = await book(student, room.id, tomorrow(), '06:00-08:00');
    expect(refused.errors![0].message).toBe('This room is out of service: "Sparks from the wall socket" (maintenance ticket)');
    await resolve(second.id);
    await untilOutOfService(room.id, false);
  });

  test('a reopened ticket takes the room out again', async () => {
    const room = await newRoom(6);
    const ticket = await report(BURST_PIPE, room.id);
    await untilOutOfService(room.id, true);
    await resolve(ticket.id);
    await untilOutOfService(room.id, false);
    await setStatus(ticket.id, 'OPEN');
    await untilOutOfService(room.id, true);
    await resolve(ticket.id);
    await untilOutOfService(room.id, false);
  });

  test('a holder is told once even when the fault event is delivered again, and a stale one changes nothing', async () => {
    const room = await newRoom(6);
    const holder = await stack.newUser('STUDENT');
    expect(codes(await book(holder.accessToken, room.id, tomorrow(), '08:00-10:00'))).toEqual([]);
    const ticket = await report(BURST_PIPE, room.id);
    await eventually(async () => expect(await notices(holder.accessToken)).toHaveLength(1));

    const [opened] = await knex().from('outbox.events').where({ topic: 'ticket.room_fault_opened', aggregate_id: ticket.id }).pluck<number[]>('id');
    await redeliver(opened);
    expect(await noticeEventsOf(holder.userId)).toBe(1);
    expect(await notices(holder.accessToken)).toHaveLength(1);

    await resolve(ticket.id);
    await untilOutOfService(room.id, false);
    // The opened event again, after the cleared one (as a second consumer instance could handle it): stale.
    await redeliver(opened);
    expect(await outOfService(room.id)).toBe(false);
    expect(codes(await book(student, room.id, tomorrow(), '10:00-12:00'))).toEqual([]);
  });

  test('holders are told once per out-of-service period: bookings up to 7 days ahead, then those coming into the window', async () => {
    const room = await newRoom(6);
    const soon = await stack.newUser('STUDENT');
    const later = await stack.newUser('STUDENT');
    const today = campusMoment('UTC').date;
    expect(codes(await book(soon.accessToken, room.id, addDays(today, 7), '12:00-14:00'))).toEqual([]);
    expect(codes(await book(later.accessToken, room.id, addDays(today, 8), '12:00-14:00'))).toEqual([]);
    const first = await report(BURST_PIPE, room.id);
    // Both notices would be written in the transaction that handles the fault: one is, the other not (8 days ahead).
    await eventually(async () => expect(await noticeEventsOf(soon.userId)).toBe(1));
    expect(await noticeEventsOf(later.userId)).toBe(0);

    // A second fault overlaps the first, which is then resolved: the room never came back, nobody is told again.
    const second = await report({ title: 'Ceiling collapsing', description: BURST_PIPE.description }, room.id);
    await eventually(async () => expect(await faultsOf(room.id)).toHaveLength(2));
    await resolve(first.id);
    await eventually(async () => expect(await faultsOf(room.id)).toEqual([second.id]));
    // A day on, the later booking is in the window: the sweep tells its holder (and so has run after the resolution).
    offsetMs = DAY_MS;
    const [told] = await eventually(async () => {
      const found = await notices(later.accessToken);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(told).toContain(`which you booked for ${addDays(today, 8)}, 12:00-14:00, is out of service: "Ceiling collapsing"`);
    expect(await noticeEventsOf(soon.userId)).toBe(1);

    // Back in service, then out again (the first ticket reopened): a new period, both are told again.
    await resolve(second.id);
    await untilOutOfService(room.id, false);
    await setStatus(first.id, 'OPEN');
    await eventually(async () => expect([await noticeEventsOf(soon.userId), await noticeEventsOf(later.userId)]).toEqual([2, 2]));
    await resolve(first.id);
    await untilOutOfService(room.id, false);
  });
});
