/**
 * Notifications through the gateway against a real database: system notifications from the
 * outbox exactly once (across a restart, a replay and two consumers), ADMIN broadcasts, the
 * visibility rules and every bad input.
 */
import { randomUUID } from 'node:crypto';
import { addDays, campusMoment } from '../../lib/campusTime';
import { openDatabase, type Database } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { appendEvent, pruneOutbox, type EventRow } from '../../lib/outbox';
import { OutboxConsumer } from '../../lib/outboxConsumer';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { TIME_SLOTS } from '../booking/slots';
import { NotificationService } from './service';
import { graphql } from '../../test/__generated__';
import type { NotificationListQuery, NotificationListQueryVariables } from '../../test/__generated__/graphql';

let stack: TestStack;
let admin: string;
let faculty: string;
let roomIds: string[];
let slotNumber = 0;

const CREATE_BOOKING = graphql(`
  mutation NotifiedBooking($i: CreateBookingInput!) {
    createBooking(input: $i) {
      id
    }
  }
`);
const CANCEL = graphql(`
  mutation NotifiedCancel($id: ID!) {
    cancelBooking(id: $id) {
      id
    }
  }
`);
const LIST = graphql(`
  query NotificationList($u: Boolean, $l: Int, $o: Int) {
    notifications(unreadOnly: $u, limit: $l, offset: $o) {
      id
      title
      message
      read
      source
      user {
        id
      }
    }
    unreadCount
  }
`);
const SEND = graphql(`
  mutation NotificationSend($i: CreateNotificationInput!) {
    createNotification(input: $i) {
      id
      title
      user {
        id
      }
    }
  }
`);
const MARK_READ = graphql(`
  mutation NotificationMarkRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      read
      readAt
    }
  }
`);
const ROOMS = graphql(`
  query NotifiedRooms {
    rooms {
      id
    }
  }
`);

type Listed = NotificationListQuery;

/** A slot nobody else in this file books. */
function nextSlot() {
  const n = slotNumber++;
  return {
    roomId: roomIds[Math.floor(n / 8) % 4],
    date: addDays(campusMoment('UTC').date, 2 + Math.floor(n / 32)),
    timeSlot: TIME_SLOTS[n % 8].label,
  };
}

async function book(token: string): Promise<string> {
  const result = await stack.gql(CREATE_BOOKING, { i: nextSlot() }, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createBooking.id;
}

async function listOf(token: string, variables: NotificationListQueryVariables = {}): Promise<Listed> {
  const result = await stack.gql(LIST, variables, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  faculty = (await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password)).accessToken;
  roomIds = (await stack.gql(ROOMS, {}, admin)).data!.rooms.map((r) => r.id);
});
afterAll(() => stack?.close());

describe('system notifications from the outbox', () => {
  test('a new account has no notifications', async () => {
    const person = await stack.newUser();
    expect(await listOf(person.accessToken)).toEqual({ notifications: [], unreadCount: 0 });
  });

  test('a booking made, and one cancelled by staff, notify the booker', async () => {
    const person = await stack.newUser();
    const id = await book(person.accessToken);
    const made = await eventually(async () => {
      const listed = await listOf(person.accessToken);
      expect(listed.notifications).toHaveLength(1);
      return listed;
    });
    expect(made.notifications[0]).toMatchObject({ title: 'Booking confirmed', read: false, source: 'SYSTEM', user: { id: person.userId } });
    expect(made.unreadCount).toBe(1);
    await stack.gql(CANCEL, { id }, faculty);
    const cancelled = await eventually(async () => {
      const listed = await listOf(person.accessToken);
      expect(listed.notifications).toHaveLength(2);
      return listed;
    });
    expect(cancelled.notifications[0].title).toBe('Booking cancelled');
    expect(cancelled.notifications[0].message).toMatch(/by campus staff/);
  });

  test('events written while the service is down are each delivered once when it is back', async () => {
    const person = await stack.newUser();
    await stack.system.stopSubgraph('notifications');
    const ids = [await book(person.accessToken), await book(person.accessToken), await book(person.accessToken)];
    await stack.gql(CANCEL, { id: ids[1] }, person.accessToken);
    const queued = await stack.system.db.knex('outbox.deliveries').where({ consumer: 'notifications' }).count({ n: '*' }).first();
    expect(Number(queued!.n)).toBeGreaterThanOrEqual(4);
    await stack.system.startSubgraph('notifications');
    const listed = await eventually(async () => {
      const result = await listOf(person.accessToken);
      expect(result.notifications).toHaveLength(4);
      return result;
    });
    expect(listed.unreadCount).toBe(4);
    expect(listed.notifications.map((n) => n.title).sort()).toEqual([
      'Booking cancelled',
      'Booking confirmed',
      'Booking confirmed',
      'Booking confirmed',
    ]);
    // Nothing more arrives later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await listOf(person.accessToken)).notifications).toHaveLength(4);
  });

  test('a replayed event never adds a second notification', async () => {
    const person = await stack.newUser();
    await book(person.accessToken);
    await eventually(async () => expect((await listOf(person.accessToken)).notifications).toHaveLength(1));
    const events = await stack.system.db.knex('outbox.events').whereRaw("payload->>'userId' = ?", [person.userId]).select('id');
    await stack.system.db.knex('outbox.deliveries').insert(events.map((e: { id: number }) => ({ consumer: 'notifications', event_id: e.id })));
    await eventually(async () => {
      const left = await stack.system.db
        .knex('outbox.deliveries')
        .whereIn(
          'event_id',
          events.map((e: { id: number }) => e.id),
        )
        .count({ n: '*' })
        .first();
      expect(Number(left!.n)).toBe(0);
    });
    expect((await listOf(person.accessToken)).notifications).toHaveLength(1);
  });

  test('two consumers draining at once deliver every event exactly once', async () => {
    await stack.system.stopSubgraph('notifications');
    const people = await Promise.all(Array.from({ length: 4 }, () => stack.newUser()));
    const knex = stack.system.db.knex;
    const EVENTS = 200;
    for (let i = 0; i < EVENTS; i++) {
      await knex.transaction((trx) =>
        appendEvent(trx, 'booking.created', randomUUID(), {
          bookingId: randomUUID(),
          userId: people[i % 4].userId,
          roomId: roomIds[0],
          roomName: 'Turing Lecture Hall',
          date: '2030-01-01',
          timeSlot: '08:00-10:00',
        }),
      );
    }
    // A second handle on the database, so that on a real server the two consumers really
    // run side by side on separate connections.
    const second: Database = stack.system.db.url ? await openDatabase({ databaseUrl: stack.system.db.url, poolMax: 4 }) : stack.system.db;
    const logger = createLogger('silent', 'test');
    const consumers = [stack.system.db, second].map(
      (db) =>
        new OutboxConsumer({
          name: 'notifications',
          db,
          logger,
          batchSize: 10,
          handle: async (trx, events) => void (await new NotificationService(db.knex).deliver(trx, events)),
        }),
    );
    try {
      const handled = await Promise.all(consumers.map((c) => c.drain()));
      expect(handled[0] + handled[1]).toBe(EVENTS);
    } finally {
      if (second !== stack.system.db) await second.close();
      await stack.system.startSubgraph('notifications');
    }
    for (const person of people) {
      const rows = await knex('notifications.notifications').where({ user_id: person.userId });
      expect(rows).toHaveLength(EVENTS / 4);
    }
  });
});

test('housekeeping prunes old delivered events and keeps pending and recent ones', async () => {
  const knex = stack.system.db.knex;
  const payload = (n: number) => JSON.stringify({ userId: randomUUID(), n });
  const insert = async (daysAgo: number) => {
    const [row] = await knex<EventRow>('outbox.events')
      .insert({
        topic: 'user.deleted',
        aggregate_id: randomUUID(),
        payload: payload(daysAgo),
        created_at: knex.raw(`now() - interval '${daysAgo} days'`),
      })
      .returning('id');
    return Number(row.id);
  };
  const oldDelivered = await insert(10);
  const oldPending = await insert(10);
  const recent = await insert(1);
  await knex('outbox.deliveries').insert({ consumer: 'notifications', event_id: oldPending });
  await stack.system.stopSubgraph('notifications'); // keep the consumer off the pending row
  try {
    expect(await pruneOutbox(knex)).toBeGreaterThanOrEqual(1);
    const left = (await knex('outbox.events').whereIn('id', [oldDelivered, oldPending, recent]).select('id')).map((r: { id: number | string }) =>
      Number(r.id),
    );
    expect(left.sort()).toEqual([oldPending, recent].sort());
  } finally {
    await knex('outbox.deliveries').where({ event_id: oldPending }).delete();
    await stack.system.startSubgraph('notifications');
  }
});

describe('notifications from an ADMIN', () => {
  test('to one user', async () => {
    const person = await stack.newUser();
    const sent = await stack.gql(
      SEND,
      { i: { userId: person.userId, title: '  Library closed  ', message: 'The library is closed on Friday.' } },
      admin,
    );
    expect(sent.data!.createNotification).toEqual([{ id: expect.any(String) as unknown, title: 'Library closed', user: { id: person.userId } }]);
    const listed = await listOf(person.accessToken);
    expect(listed.notifications[0]).toMatchObject({ title: 'Library closed', source: 'ADMIN' });
  });

  test('to every user of a role, in one set-based insert', async () => {
    await stack.newUser('FACULTY');
    const facultyCount = Number((await stack.system.db.knex('users.users').where({ role: 'FACULTY' }).count({ n: '*' }).first())!.n);
    const queries: string[] = [];
    const record = (q: { sql: string }) => queries.push(q.sql);
    stack.system.db.knex.on('query', record);
    let sent;
    try {
      sent = await stack.gql(SEND, { i: { role: 'FACULTY', title: 'Staff meeting', message: 'At noon.' } }, admin);
    } finally {
      stack.system.db.knex.off('query', record);
    }
    expect(sent.data!.createNotification).toHaveLength(facultyCount);
    expect(queries.filter((sql) => sql.includes('broadcastNotification'))).toHaveLength(1);
    expect((await listOf(faculty)).notifications.some((n) => n.title === 'Staff meeting')).toBe(true);
  });

  test.each([
    ['input.title', { title: '' }],
    ['input.title', { title: '   ' }],
    ['input.title', { title: 't'.repeat(201) }],
    ['input.message', { message: 'm'.repeat(5001) }],
    ['input.message', { message: ' \n ' }],
    ['input', { role: 'STUDENT' as const }],
    ['input', { userId: undefined }],
    ['input.userId', { userId: 'not-an-id' }],
  ])('a bad %s is BAD_USER_INPUT', async (argument, change) => {
    const person = await stack.newUser();
    const result = await stack.gql(SEND, { i: { userId: person.userId, title: 'Title', message: 'Message', ...change } }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(`${argument}:`)).toBe(true);
  });

  test('the limits are inclusive; an unknown user is NOT_FOUND', async () => {
    const person = await stack.newUser();
    expect(
      (await stack.gql(SEND, { i: { userId: person.userId, title: 't'.repeat(200), message: 'm'.repeat(5000) } }, admin)).errors,
    ).toBeUndefined();
    expect(codes(await stack.gql(SEND, { i: { userId: randomUUID(), title: 'Title', message: 'Message' } }, admin))).toEqual(['NOT_FOUND']);
  });
});

describe('reading and marking', () => {
  async function sendTo(userId: string, title: string) {
    const sent = await stack.gql(SEND, { i: { userId, title, message: 'Body' } }, admin);
    return sent.data!.createNotification[0].id;
  }

  test('newest first, unreadOnly, limit and offset', async () => {
    const person = await stack.newUser();
    for (const title of ['first', 'second', 'third']) await sendTo(person.userId, title);
    const listed = await listOf(person.accessToken);
    expect(listed.notifications.map((n) => n.title)).toEqual(['third', 'second', 'first']);
    expect((await listOf(person.accessToken, { l: 1, o: 1 })).notifications.map((n) => n.title)).toEqual(['second']);
    await stack.gql(MARK_READ, { id: listed.notifications[0].id }, person.accessToken);
    const unread = await listOf(person.accessToken, { u: true });
    expect(unread.notifications.map((n) => n.title)).toEqual(['second', 'first']);
    expect(unread.unreadCount).toBe(2);
    expect(codes(await stack.gql(LIST, { l: -1 }, person.accessToken))).toEqual(['BAD_USER_INPUT']);
  });

  test("someone else's notification is NOT_FOUND, exactly like a missing one", async () => {
    const owner = await stack.newUser();
    const intruder = await stack.newUser();
    const id = await sendTo(owner.userId, 'private');
    const theirs = await stack.gql(MARK_READ, { id }, intruder.accessToken);
    const missing = await stack.gql(MARK_READ, { id: randomUUID() }, intruder.accessToken);
    expect(codes(theirs)).toEqual(['NOT_FOUND']);
    expect(theirs.errors![0].message).toBe(missing.errors![0].message);
    expect((await listOf(owner.accessToken)).unreadCount).toBe(1);
  });

  test('marking read is idempotent; markAllNotificationsRead counts what changed', async () => {
    const person = await stack.newUser();
    const id = await sendTo(person.userId, 'one');
    await sendTo(person.userId, 'two');
    await sendTo(person.userId, 'three');
    const once = await stack.gql(MARK_READ, { id }, person.accessToken);
    const twice = await stack.gql(MARK_READ, { id }, person.accessToken);
    expect(once.data!.markNotificationRead.read).toBe(true);
    expect(twice.data!.markNotificationRead.readAt).toBe(once.data!.markNotificationRead.readAt);
    const all = await stack.gql(
      graphql(`
        mutation NotificationsMarkAll {
          markAllNotificationsRead
        }
      `),
      {},
      person.accessToken,
    );
    expect(all.data!.markAllNotificationsRead).toBe(2);
    expect((await listOf(person.accessToken)).unreadCount).toBe(0);
  });

  test('an ADMIN sees everyone’s, or one person’s; others only their own', async () => {
    const a = await stack.newUser();
    const b = await stack.newUser();
    await sendTo(a.userId, 'for a');
    await sendTo(b.userId, 'for b');
    const everyone = await stack.gql(LIST, { l: 100 }, admin);
    expect(new Set(everyone.data!.notifications.map((n) => n.user.id)).size).toBeGreaterThan(1);
    const OF_USER = graphql(`
      query NotificationsOfUser($u: ID!) {
        notifications(userId: $u) {
          title
        }
      }
    `);
    const onlyA = await stack.gql(OF_USER, { u: a.userId }, admin);
    expect(onlyA.data!.notifications.map((n) => n.title)).toEqual(['for a']);
    expect(codes(await stack.gql(OF_USER, { u: b.userId }, a.accessToken))).toEqual(['FORBIDDEN']);
    expect((await listOf(a.accessToken)).notifications.map((n) => n.title)).toEqual(['for a']);
  });
});
