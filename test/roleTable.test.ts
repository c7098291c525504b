/**
 * The contract's role table for every operation (users, booking, gpa, notifications, maintenance), as one table: every role (and no
 * token) × every operation, through the gateway, gives the data or the exact error code.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { addDays, campusMoment } from '../lib/campusTime';
import { TIME_SLOTS } from '../subgraphs/booking/slots';
import { DEMO, startTestStack, type TestStack } from './stack';

type Caller = 'ADMIN' | 'FACULTY' | 'STUDENT' | 'ANONYMOUS';
type Outcome = 'data' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND';

interface Session {
  accessToken: string | null;
  userId: string | null;
}

interface Fixture {
  caller: Session & { role: Caller };
  /** A STUDENT account made for this case only. */
  other: { id: string; email: string; token: () => Promise<string> };
  freshRefreshToken: () => Promise<string>;
  /** A seeded room, and a date and slot no other case uses. */
  roomId: string;
  slot: { date: string; timeSlot: string };
  /** Books the case's slot as `token` and returns the booking id. */
  book: (token: string) => Promise<string>;
}

interface Operation {
  name: string;
  document: string;
  variables: (fixture: Fixture) => Promise<Record<string, unknown>> | Record<string, unknown>;
  field: string;
  expect: Record<Caller, Outcome>;
}

const ANY_SIGNED_IN: Record<Caller, Outcome> = { ADMIN: 'data', FACULTY: 'data', STUDENT: 'data', ANONYMOUS: 'UNAUTHENTICATED' };
const ADMIN_ONLY: Record<Caller, Outcome> = { ADMIN: 'data', FACULTY: 'FORBIDDEN', STUDENT: 'FORBIDDEN', ANONYMOUS: 'UNAUTHENTICATED' };
const EVERYONE: Record<Caller, Outcome> = { ADMIN: 'data', FACULTY: 'data', STUDENT: 'data', ANONYMOUS: 'data' };

const BOOKERS: Record<Caller, Outcome> = { ADMIN: 'FORBIDDEN', FACULTY: 'data', STUDENT: 'data', ANONYMOUS: 'UNAUTHENTICATED' };
const roomInput = () => ({ name: `Room ${randomUUID()}`, capacity: 12, building: 'Annex', floor: 1, amenities: ['whiteboard'] });

const FACULTY_ONLY: Record<Caller, Outcome> = { ADMIN: 'FORBIDDEN', FACULTY: 'data', STUDENT: 'FORBIDDEN', ANONYMOUS: 'UNAUTHENTICATED' };
const closureInput = ({ roomId, slot }: Fixture) => ({
  i: { roomId, startDate: slot.date, endDate: slot.date, timeSlots: [slot.timeSlot], reason: 'Role table' },
});
/** The demo FACULTY's one-week series on the case's slot. */
async function facultySeries({ roomId, slot }: Fixture): Promise<string> {
  const token = (await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password)).accessToken;
  const made = await stack.gql<{ createBookingSeries: { series: { id: string } } }>(
    'mutation($i: CreateBookingSeriesInput!) { createBookingSeries(input: $i) { series { id } } }',
    { i: { roomId, startDate: slot.date, timeSlot: slot.timeSlot, weeks: 1 } },
    token,
  );
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  return made.data.createBookingSeries.series.id;
}
/** The caller's own (or, for a caller who cannot book, the other person's) booking of the case's slot. */
const ownBooking = async ({ caller, other, book }: Fixture) => book(BOOKERS[caller.role] === 'data' ? caller.accessToken! : await other.token());
/** The caller's waitlist entry for the case's slot, which the other person holds. */
async function ownEntry(fixture: Fixture): Promise<string> {
  await fixture.book(await fixture.other.token());
  // A caller who may not join is refused by role before the id matters.
  if (BOOKERS[fixture.caller.role] !== 'data') return randomUUID();
  const input = { roomId: fixture.roomId, ...fixture.slot };
  const joined = await stack.gql<{ joinWaitlist: { id: string } }>(
    'mutation($i: CreateBookingInput!) { joinWaitlist(input: $i) { id } }',
    { i: input },
    fixture.caller.accessToken,
  );
  if (!joined.data) throw new Error(JSON.stringify(joined.errors));
  return joined.data.joinWaitlist.id;
}

/** Booking, further (issue 14). */
const BOOKING_FURTHER: Operation[] = [
  {
    name: 'freeRooms',
    document: 'query($d: String!, $s: String!) { freeRooms(date: $d, timeSlot: $s) { id } }',
    variables: ({ slot }) => ({ d: slot.date, s: slot.timeSlot }),
    field: 'freeRooms',
    expect: ANY_SIGNED_IN,
  },
  { name: 'closures', document: '{ closures { id } }', variables: () => ({}), field: 'closures', expect: ANY_SIGNED_IN },
  { name: 'myWaitlist', document: '{ myWaitlist { id } }', variables: () => ({}), field: 'myWaitlist', expect: BOOKERS },
  {
    name: 'createBookingSeries',
    document: 'mutation($i: CreateBookingSeriesInput!) { createBookingSeries(input: $i) { skippedDates } }',
    variables: ({ roomId, slot }) => ({ i: { roomId, startDate: slot.date, timeSlot: slot.timeSlot, weeks: 1 } }),
    field: 'createBookingSeries',
    expect: FACULTY_ONLY,
  },
  {
    name: 'cancelBookingSeries (any series)',
    document: 'mutation($id: ID!) { cancelBookingSeries(id: $id) { status } }',
    variables: async (fixture) => ({ id: await facultySeries(fixture) }),
    field: 'cancelBookingSeries',
    expect: FACULTY_ONLY,
  },
  {
    // Allowed, and refused only because the slot is days away: outside the check-in window.
    name: 'checkIn (own booking)',
    document: 'mutation($id: ID!) { checkIn(bookingId: $id) { id } }',
    variables: async (fixture) => ({ id: await ownBooking(fixture) }),
    field: 'checkIn',
    expect: { ADMIN: 'FORBIDDEN', FACULTY: 'BAD_USER_INPUT', STUDENT: 'BAD_USER_INPUT', ANONYMOUS: 'UNAUTHENTICATED' },
  },
  {
    name: "checkIn (someone else's booking)",
    document: 'mutation($id: ID!) { checkIn(bookingId: $id) { id } }',
    variables: async ({ other, book }) => ({ id: await book(await other.token()) }),
    field: 'checkIn',
    expect: { ADMIN: 'FORBIDDEN', FACULTY: 'NOT_FOUND', STUDENT: 'NOT_FOUND', ANONYMOUS: 'UNAUTHENTICATED' },
  },
  {
    name: 'joinWaitlist',
    document: 'mutation($i: CreateBookingInput!) { joinWaitlist(input: $i) { id position } }',
    variables: async ({ roomId, slot, other, book }) => {
      await book(await other.token());
      return { i: { roomId, ...slot } };
    },
    field: 'joinWaitlist',
    expect: BOOKERS,
  },
  {
    name: 'leaveWaitlist (own entry)',
    document: 'mutation($id: ID!) { leaveWaitlist(id: $id) { status } }',
    variables: async (fixture) => ({ id: await ownEntry(fixture) }),
    field: 'leaveWaitlist',
    expect: BOOKERS,
  },
  {
    name: 'createClosure',
    document: 'mutation($i: ClosureInput!) { createClosure(input: $i) { id } }',
    variables: closureInput,
    field: 'createClosure',
    expect: ADMIN_ONLY,
  },
  {
    name: 'deleteClosure',
    document: 'mutation($id: ID!) { deleteClosure(id: $id) }',
    variables: async (fixture) => {
      const made = await stack.gql<{ createClosure: { id: string } }>(
        'mutation($i: ClosureInput!) { createClosure(input: $i) { id } }',
        closureInput(fixture),
        adminToken,
      );
      return { id: made.data!.createClosure.id };
    },
    field: 'deleteClosure',
    expect: ADMIN_ONLY,
  },
  { name: 'resetCalendarUrl', document: 'mutation { resetCalendarUrl }', variables: () => ({}), field: 'resetCalendarUrl', expect: ANY_SIGNED_IN },
  { name: 'User.calendarUrl (own record)', document: '{ me { calendarUrl } }', variables: () => ({}), field: 'me', expect: ANY_SIGNED_IN },
];

const OPERATIONS: Operation[] = [
  {
    name: 'login',
    document: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { role } } }',
    variables: () => ({ e: DEMO.FACULTY.email, p: DEMO.FACULTY.password }),
    field: 'login',
    expect: EVERYONE,
  },
  {
    name: 'refreshToken',
    document: 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }',
    variables: async ({ freshRefreshToken }) => ({ t: await freshRefreshToken() }),
    field: 'refreshToken',
    expect: EVERYONE,
  },
  { name: 'me', document: '{ me { id role } }', variables: () => ({}), field: 'me', expect: ANY_SIGNED_IN },
  {
    name: 'logout',
    document: 'mutation($t: String!) { logout(refreshToken: $t) }',
    variables: async ({ freshRefreshToken }) => ({ t: await freshRefreshToken() }),
    field: 'logout',
    expect: ANY_SIGNED_IN,
  },
  { name: 'users', document: '{ users { id email } }', variables: () => ({}), field: 'users', expect: ADMIN_ONLY },
  {
    name: 'createUser',
    document: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    variables: () => ({ i: { email: `new-${randomUUID()}@example.com`, name: 'New Person', password: 'a-long-password', role: 'STUDENT' } }),
    field: 'createUser',
    expect: ADMIN_ONLY,
  },
  {
    name: 'deleteUser',
    document: 'mutation($id: ID!) { deleteUser(id: $id) }',
    variables: ({ other }) => ({ id: other.id }),
    field: 'deleteUser',
    expect: ADMIN_ONLY,
  },
  {
    name: 'user (own record)',
    document: 'query($id: ID!) { user(id: $id) { id email } }',
    variables: ({ caller, other }) => ({ id: caller.userId ?? other.id }),
    field: 'user',
    expect: ANY_SIGNED_IN,
  },
  {
    name: "user (someone else's record)",
    document: 'query($id: ID!) { user(id: $id) { id email } }',
    variables: ({ other }) => ({ id: other.id }),
    field: 'user',
    expect: ADMIN_ONLY,
  },
  {
    name: 'updateUser (own name)',
    document: 'mutation($id: ID!) { updateUser(id: $id, input: { name: "Renamed Person" }) { name } }',
    variables: ({ caller, other }) => ({ id: caller.userId ?? other.id }),
    field: 'updateUser',
    expect: ANY_SIGNED_IN,
  },
  {
    name: 'updateUser (own role)',
    document: 'mutation($id: ID!) { updateUser(id: $id, input: { role: ADMIN }) { role } }',
    variables: ({ caller, other }) => ({ id: caller.userId ?? other.id }),
    field: 'updateUser',
    expect: ADMIN_ONLY,
  },
  {
    name: "updateUser (someone else's record)",
    document: 'mutation($id: ID!) { updateUser(id: $id, input: { name: "Renamed Person" }) { name } }',
    variables: ({ other }) => ({ id: other.id }),
    field: 'updateUser',
    expect: ADMIN_ONLY,
  },
  { name: 'mySessions', document: '{ mySessions { id current } }', variables: () => ({}), field: 'mySessions', expect: ANY_SIGNED_IN },
  {
    name: 'revokeSession (own session)',
    document: 'mutation($id: ID!) { revokeSession(id: $id) }',
    variables: ({ caller }) => ({ id: caller.accessToken ? (jwt.decode(caller.accessToken) as { sid: string }).sid : randomUUID() }),
    field: 'revokeSession',
    expect: ANY_SIGNED_IN,
  },
  {
    name: 'revokeSessions',
    document: 'mutation($u: ID!) { revokeSessions(userId: $u) }',
    variables: ({ other }) => ({ u: other.id }),
    field: 'revokeSessions',
    expect: ADMIN_ONLY,
  },
  { name: 'auditLog', document: '{ auditLog { id action at } }', variables: () => ({}), field: 'auditLog', expect: ADMIN_ONLY },
  { name: 'rooms', document: '{ rooms { id name capacity amenities } }', variables: () => ({}), field: 'rooms', expect: ANY_SIGNED_IN },
  { name: 'timeSlots', document: '{ timeSlots { label start end } }', variables: () => ({}), field: 'timeSlots', expect: ANY_SIGNED_IN },
  {
    name: 'availableSlots',
    document: 'query($r: ID!, $d: String!) { availableSlots(roomId: $r, date: $d) { label } }',
    variables: ({ roomId, slot }) => ({ r: roomId, d: slot.date }),
    field: 'availableSlots',
    expect: ANY_SIGNED_IN,
  },
  {
    name: 'createBooking',
    document: 'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id status } }',
    variables: ({ roomId, slot }) => ({ i: { roomId, ...slot } }),
    field: 'createBooking',
    expect: BOOKERS,
  },
  { name: 'myBookings', document: '{ myBookings { id } }', variables: () => ({}), field: 'myBookings', expect: BOOKERS },
  { name: 'bookings', document: '{ bookings { id } }', variables: () => ({}), field: 'bookings', expect: BOOKERS },
  {
    name: 'cancelBooking (own booking)',
    document: 'mutation($id: ID!) { cancelBooking(id: $id) { status } }',
    // ADMIN cannot book, so the booking it tries to cancel is someone else's.
    variables: async ({ caller, other, book }) => ({ id: await book(BOOKERS[caller.role] === 'data' ? caller.accessToken! : await other.token()) }),
    field: 'cancelBooking',
    expect: BOOKERS,
  },
  {
    name: "cancelBooking (someone else's booking)",
    document: 'mutation($id: ID!) { cancelBooking(id: $id) { status } }',
    variables: async ({ other, book }) => ({ id: await book(await other.token()) }),
    field: 'cancelBooking',
    expect: { ADMIN: 'FORBIDDEN', FACULTY: 'data', STUDENT: 'FORBIDDEN', ANONYMOUS: 'UNAUTHENTICATED' },
  },
  {
    name: 'createRoom',
    document: 'mutation($i: RoomInput!) { createRoom(input: $i) { id } }',
    variables: () => ({ i: roomInput() }),
    field: 'createRoom',
    expect: ADMIN_ONLY,
  },
  {
    name: 'updateRoom',
    document: 'mutation($id: ID!, $i: RoomInput!) { updateRoom(id: $id, input: $i) { id } }',
    variables: async () => {
      const created = await stack.gql<{ createRoom: { id: string } }>(
        'mutation($i: RoomInput!) { createRoom(input: $i) { id } }',
        { i: roomInput() },
        adminToken,
      );
      return { id: created.data!.createRoom.id, i: roomInput() };
    },
    field: 'updateRoom',
    expect: ADMIN_ONLY,
  },
  ...BOOKING_FURTHER,
  { name: 'notifications', document: '{ notifications { id title read } }', variables: () => ({}), field: 'notifications', expect: ANY_SIGNED_IN },
  { name: 'unreadCount', document: '{ unreadCount }', variables: () => ({}), field: 'unreadCount', expect: ANY_SIGNED_IN },
  {
    name: 'markNotificationRead (own)',
    document: 'mutation($id: ID!) { markNotificationRead(id: $id) { read } }',
    variables: async ({ caller, other }) => ({ id: await notify(caller.userId ?? other.id) }),
    field: 'markNotificationRead',
    expect: ANY_SIGNED_IN,
  },
  {
    name: 'markAllNotificationsRead',
    document: 'mutation { markAllNotificationsRead }',
    variables: () => ({}),
    field: 'markAllNotificationsRead',
    expect: ANY_SIGNED_IN,
  },
  {
    name: 'createNotification (to a user)',
    document: 'mutation($i: CreateNotificationInput!) { createNotification(input: $i) { id } }',
    variables: ({ other }) => ({ i: { userId: other.id, title: 'Hello', message: 'A message' } }),
    field: 'createNotification',
    expect: ADMIN_ONLY,
  },
  {
    name: 'createNotification (to a role)',
    document: 'mutation($i: CreateNotificationInput!) { createNotification(input: $i) { id } }',
    variables: () => ({ i: { role: 'FACULTY', title: 'Hello', message: 'A message' } }),
    field: 'createNotification',
    expect: ADMIN_ONLY,
  },
  {
    name: 'createTicket',
    document: 'mutation { createTicket(input: { title: "Broken chair", description: "A chair in room 101 is broken." }) { id priority } }',
    variables: () => ({}),
    field: 'createTicket',
    expect: BOOKERS,
  },
  { name: 'tickets', document: '{ tickets { id } }', variables: () => ({}), field: 'tickets', expect: ANY_SIGNED_IN },
  {
    name: 'ticket (own)',
    document: 'query($id: ID!) { ticket(id: $id) { id } }',
    // ADMIN reports nothing, so it looks at someone else's ticket (which it may).
    variables: async ({ caller, other }) => ({ id: await reportTicket(BOOKERS[caller.role] === 'data' ? caller.accessToken! : await other.token()) }),
    field: 'ticket',
    expect: ANY_SIGNED_IN,
  },
  {
    name: "ticket (someone else's)",
    document: 'query($id: ID!) { ticket(id: $id) { id } }',
    variables: async ({ other }) => ({ id: await reportTicket(await other.token()) }),
    field: 'ticket',
    expect: ADMIN_ONLY,
  },
  {
    name: 'classifyPriority',
    document: '{ classifyPriority(text: "The projector is broken") { priority confidence } }',
    variables: () => ({}),
    field: 'classifyPriority',
    expect: ANY_SIGNED_IN,
  },
  {
    name: 'updateTicketStatus',
    document: 'mutation($id: ID!) { updateTicketStatus(id: $id, status: IN_PROGRESS) { status } }',
    variables: async ({ other }) => ({ id: await reportTicket(await other.token()) }),
    field: 'updateTicketStatus',
    expect: ADMIN_ONLY,
  },
  {
    name: 'setTicketPriority',
    document: 'mutation($id: ID!) { setTicketPriority(id: $id, priority: HIGH) { priority } }',
    variables: async ({ other }) => ({ id: await reportTicket(await other.token()) }),
    field: 'setTicketPriority',
    expect: ADMIN_ONLY,
  },
  {
    name: 'assignTicket',
    document: 'mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { assignee { id } } }',
    variables: async ({ other }) => ({ id: await reportTicket(await other.token()), a: facultyId }),
    field: 'assignTicket',
    expect: ADMIN_ONLY,
  },
  {
    name: 'addTicketComment (own ticket)',
    document: 'mutation($id: ID!) { addTicketComment(ticketId: $id, body: "Any news?") { id } }',
    variables: async ({ caller, other }) => ({ id: await reportTicket(BOOKERS[caller.role] === 'data' ? caller.accessToken! : await other.token()) }),
    field: 'addTicketComment',
    expect: ANY_SIGNED_IN,
  },
  {
    name: "addTicketComment (someone else's ticket)",
    document: 'mutation($id: ID!) { addTicketComment(ticketId: $id, body: "Me too") { id } }',
    variables: async ({ other }) => ({ id: await reportTicket(await other.token()) }),
    field: 'addTicketComment',
    // Not FORBIDDEN: to anyone but its reporter, assignee or an ADMIN the ticket does not exist.
    expect: { ADMIN: 'data', FACULTY: 'NOT_FOUND', STUDENT: 'NOT_FOUND', ANONYMOUS: 'UNAUTHENTICATED' },
  },
  {
    name: 'markDuplicate',
    document: 'mutation($id: ID!, $of: ID!) { markDuplicate(id: $id, of: $of) { duplicateOf { id } } }',
    variables: async ({ other }) => {
      const token = await other.token();
      return { of: await reportTicket(token), id: await reportTicket(token) };
    },
    field: 'markDuplicate',
    expect: ADMIN_ONLY,
  },
  {
    name: 'unmarkDuplicate',
    document: 'mutation($id: ID!) { unmarkDuplicate(id: $id) { id } }',
    variables: async ({ other }) => ({ id: await reportTicket(await other.token()) }),
    field: 'unmarkDuplicate',
    expect: ADMIN_ONLY,
  },
  {
    name: 'calculateGpa',
    document: '{ calculateGpa(classes: [{ grade: "A", weight: 3 }, { gpa: 3.0, weight: 1 }]) { gpa totalWeight classCount } }',
    variables: () => ({}),
    field: 'calculateGpa',
    expect: { ADMIN: 'FORBIDDEN', FACULTY: 'data', STUDENT: 'data', ANONYMOUS: 'UNAUTHENTICATED' },
  },
];

const CALLERS: Caller[] = ['ADMIN', 'FACULTY', 'STUDENT', 'ANONYMOUS'];
const CASES = OPERATIONS.flatMap((operation) => CALLERS.map((caller) => [operation.name, caller, operation.expect[caller], operation] as const));

let stack: TestStack;
let adminToken: string;
let roomId: string;
let facultyId: string;
let caseNumber = 0;

beforeAll(async () => {
  stack = await startTestStack();
  adminToken = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  roomId = (await stack.gql<{ rooms: Array<{ id: string }> }>('{ rooms { id } }', {}, adminToken)).data!.rooms[0].id;
  facultyId = (await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password)).userId;
});

/** A ticket reported as `token`; returns its id. */
async function reportTicket(token: string): Promise<string> {
  const made = await stack.gql<{ createTicket: { id: string } }>(
    'mutation { createTicket(input: { title: "Flickering light", description: "The light keeps flickering." }) { id } }',
    {},
    token,
  );
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  return made.data.createTicket.id;
}

/** An ADMIN's notification to `userId`; returns its id. */
async function notify(userId: string): Promise<string> {
  const sent = await stack.gql<{ createNotification: Array<{ id: string }> }>(
    'mutation($i: CreateNotificationInput!) { createNotification(input: $i) { id } }',
    { i: { userId, title: 'For you', message: 'Read me' } },
    adminToken,
  );
  return sent.data!.createNotification[0].id;
}

/** Each case books its own day and slot, from tomorrow on, so cases never collide. */
function slotForCase(): { date: string; timeSlot: string } {
  const n = caseNumber++;
  return { date: addDays(campusMoment('UTC').date, 1 + Math.floor(n / TIME_SLOTS.length)), timeSlot: TIME_SLOTS[n % TIME_SLOTS.length].label };
}
afterAll(() => stack?.close());

async function sessionOf(caller: Caller): Promise<Session> {
  if (caller === 'ANONYMOUS') return { accessToken: null, userId: null };
  const { accessToken, userId } = await stack.login(DEMO[caller].email, DEMO[caller].password);
  return { accessToken, userId };
}

test.each(CASES)('%s as %s gives %s', async (_name, caller, outcome, operation) => {
  const email = `other-${randomUUID()}@example.com`;
  const created = await stack.gql<{ createUser: { id: string } }>(
    'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    { i: { email, name: 'Other Person', password: 'other-password-1', role: 'STUDENT' } },
    adminToken,
  );
  const slot = slotForCase();
  const fixture: Fixture = {
    caller: { ...(await sessionOf(caller)), role: caller },
    other: { id: created.data!.createUser.id, email, token: async () => (await stack.login(email, 'other-password-1')).accessToken },
    freshRefreshToken: async () => (await stack.login(email, 'other-password-1')).refreshToken,
    roomId,
    slot,
    book: async (token) => {
      const booked = await stack.gql<{ createBooking: { id: string } }>(
        'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }',
        { i: { roomId, ...slot } },
        token,
      );
      if (!booked.data) throw new Error(JSON.stringify(booked.errors));
      return booked.data.createBooking.id;
    },
  };
  const response = await stack.gql(operation.document, await operation.variables(fixture), fixture.caller.accessToken);

  if (outcome === 'data') {
    expect(response.errors).toBeUndefined();
    expect(response.data?.[operation.field]).toBeDefined();
    expect(response.data?.[operation.field]).not.toBeNull();
  } else {
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual([outcome]);
    expect(response.errors?.[0].path).toEqual([operation.field]);
    // Nothing of a denied field leaks: it is null, or its null reached the root.
    expect(response.data?.[operation.field] ?? null).toBeNull();
  }
});
