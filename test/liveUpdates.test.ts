/**
 * Subscriptions served by the subgraphs that own them, through the gateway, with real graphql-ws
 * clients: a gateway process of its own beside the stack, the maintenance subgraph's LISTEN
 * connection lost and regained, `notificationAdded`, root fragments and the per-user cap.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ExecutionResult } from 'graphql-ws';
import { addDays, campusMoment } from '../lib/campusTime';
import { SUBGRAPH_NAMES } from '../lib/config';
import { OutboxFeed } from '../lib/outboxFeed';
import type { Gateway } from '../gateway/server';
import { connect, disconnectAll, follow } from './liveClient';
import { DEMO, eventually, startGatewayBeside, startTestStack, type TestStack } from './stack';

type TicketMessage = ExecutionResult<
  { ticketUpdated: { id: string; status: string; reporter: { email: string } } },
  { eventId: string; topic: string }
>;
type NotificationMessage = ExecutionResult<
  { notificationAdded: { id: string; title: string; user: { id: string; email: string } } },
  { eventId: string }
>;

const TICKETS = 'subscription($a: ID) { ticketUpdated(afterEventId: $a) { id status reporter { email } } }';
const NOTIFICATIONS = 'subscription($a: ID) { notificationAdded(afterEventId: $a) { id title user { id email } } }';

let stack: TestStack;
let admin: { accessToken: string; userId: string };

const subscribers = (gateway: Gateway, n: number) => eventually(async () => expect(gateway.liveStats().subscribers).toBe(n));

async function createTicket(token: string, title: string): Promise<string> {
  const made = await stack.gql<{ createTicket: { id: string } }>(
    'mutation($t: String!) { createTicket(input: { title: $t, description: "Please have a look." }) { id } }',
    { t: title },
    token,
  );
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  return made.data.createTicket.id;
}
/** The messages of the GraphQL errors a subscription was refused with (graphql-ws passes the list). */
function errorMessages(error: unknown): unknown[] {
  if (!Array.isArray(error)) return [error];
  return error.map((e: unknown) => (typeof e === 'object' && e !== null && 'message' in e ? e.message : e));
}

const moveTo = (id: string, status: string) =>
  stack.gql('mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { status } }', { id, s: status }, admin.accessToken);

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password);
});
afterEach(async () => {
  await disconnectAll();
  await subscribers(stack.system.gateway, 0);
});
afterAll(() => stack?.close());

describe('a gateway process of its own (npm run gateway) beside the running stack', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const root = path.join(__dirname, '..');
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, stack.system.subgraphUrls[name]]));
    child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'gateway/index.ts'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: '', GATEWAY_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...subgraphUrls },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // It binds a free port and says which in its "gateway ready" log line.
    url = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        const ready = /"url":"(http:[^"]+)"/.exec(line);
        if (ready && line.includes('gateway ready')) resolve(ready[1]);
      });
      child.once('exit', (code) => reject(new Error(`npm run gateway exited (${code})`)));
    });
    await eventually(async () => expect((await fetch(url.replace(/graphql$/, 'health'))).status).toBe(200), 30_000, 200);
  }, 60_000);
  afterAll(() => {
    child.kill('SIGTERM');
  });

  test('delivers ticket events caused through the other gateway, fields from other subgraphs included', async () => {
    const student = await stack.newUser();
    const watcher = follow<TicketMessage>(connect(url, admin.accessToken), TICKETS);
    // The other process's subscription is live once an event reaches it: keep making them until one does.
    const ids: string[] = [];
    await eventually(
      async () => {
        ids.push(await createTicket(student.accessToken, 'Broken chair in the library'));
        expect(watcher.messages.length).toBeGreaterThan(0);
      },
      20_000,
      500,
    );
    const id = ids.at(-1)!;
    await moveTo(id, 'IN_PROGRESS');
    await eventually(async () => expect(watcher.messages.map((m) => m.data?.ticketUpdated.status)).toContain('IN_PROGRESS'));
    const last = watcher.messages.at(-1)!;
    expect(last.data?.ticketUpdated).toEqual({ id, status: 'IN_PROGRESS', reporter: { email: student.email } });
    expect(last.extensions?.topic).toBe('ticket.status_changed');
    expect(Number(last.extensions?.eventId)).toBeGreaterThan(0);
  });
});

describe('the maintenance subgraph’s LISTEN connection', () => {
  const feedOf = () => {
    const feed = stack.system.subgraphModule('maintenance')?.workers?.find((worker) => worker instanceof OutboxFeed);
    if (!(feed instanceof OutboxFeed)) throw new Error('the maintenance subgraph has no outbox feed');
    return feed;
  };
  const maintenanceHealth = () => fetch(stack.system.subgraphUrls.maintenance.replace(/graphql$/, 'health')).then((r) => r.status);

  test('after a reconnect, events committed while it was away arrive, once each', async () => {
    const student = await stack.newUser();
    const watcher = follow<TicketMessage>(connect(stack.gatewayUrl, student.accessToken), TICKETS);
    await subscribers(stack.system.gateway, 1);
    const id = await createTicket(student.accessToken, 'Dripping tap');
    await eventually(async () => expect(watcher.messages).toHaveLength(1));

    await feedOf().reconnect(async () => {
      expect(await maintenanceHealth()).toBe(503);
      await moveTo(id, 'IN_PROGRESS');
      await moveTo(id, 'RESOLVED');
    });
    await moveTo(id, 'CLOSED');
    // Each event is answered with the ticket as it is when the event is delivered.
    await eventually(async () =>
      expect(watcher.messages.map((m) => m.extensions?.topic)).toEqual([
        'ticket.created',
        'ticket.status_changed',
        'ticket.status_changed',
        'ticket.status_changed',
      ]),
    );
    expect(watcher.messages.at(-1)?.data?.ticketUpdated.status).toBe('CLOSED');
    expect(await maintenanceHealth()).toBe(200);
    const rows = await stack.system.db.knex('outbox.events').where({ aggregate_id: id }).orderBy('id').select('id');
    expect(watcher.messages.map((m) => Number(m.extensions?.eventId))).toEqual(rows.map((r: { id: number | string }) => Number(r.id)));
  });

  test('cut by the server (PostgreSQL: pg_terminate_backend), it reconnects and catches up', async () => {
    if (!stack.system.db.url) return; // the embedded database has no server to cut the connection
    const student = await stack.newUser();
    const watcher = follow<TicketMessage>(connect(stack.gatewayUrl, student.accessToken), TICKETS);
    await subscribers(stack.system.gateway, 1);
    const id = await createTicket(student.accessToken, 'Loose hinge');
    await eventually(async () => expect(watcher.messages).toHaveLength(1));
    const cut = await stack.system.db.knex.raw<{ rows: unknown[] }>(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()",
    );
    expect(cut.rows.length).toBeGreaterThan(0);
    await moveTo(id, 'IN_PROGRESS');
    await moveTo(id, 'RESOLVED');
    await eventually(async () => expect(watcher.messages).toHaveLength(3), 15_000);
    await eventually(async () => expect(await maintenanceHealth()).toBe(200));
    await moveTo(id, 'CLOSED');
    await eventually(async () => expect(watcher.messages).toHaveLength(4));
    const rows = await stack.system.db.knex('outbox.events').where({ aggregate_id: id }).orderBy('id').select('id');
    expect(watcher.messages.map((m) => Number(m.extensions?.eventId))).toEqual(rows.map((r: { id: number | string }) => Number(r.id)));
  });
});

describe('notificationAdded', () => {
  test('a booking made, a ticket change and an ADMIN broadcast reach their own recipient, each with its event id', async () => {
    const student = await stack.newUser();
    const other = await stack.newUser();
    const mine = follow<NotificationMessage>(connect(stack.gatewayUrl, student.accessToken), NOTIFICATIONS);
    const theirs = follow<NotificationMessage>(connect(stack.gatewayUrl, other.accessToken), NOTIFICATIONS);
    const admins = follow<NotificationMessage>(connect(stack.gatewayUrl, admin.accessToken), NOTIFICATIONS);
    await subscribers(stack.system.gateway, 3);

    const roomId = (await stack.gql<{ rooms: Array<{ id: string }> }>('{ rooms { id } }', {}, student.accessToken)).data!.rooms[0].id;
    const booked = await stack.gql(
      'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }',
      { i: { roomId, date: addDays(campusMoment('UTC').date, 3), timeSlot: '08:00-10:00' } },
      student.accessToken,
    );
    expect(booked.errors).toBeUndefined();
    await eventually(async () => expect(mine.messages).toHaveLength(1));
    const ticketId = await createTicket(student.accessToken, 'Wobbly desk');
    await moveTo(ticketId, 'IN_PROGRESS');
    await eventually(async () => expect(mine.messages).toHaveLength(2));
    const broadcast = await stack.gql(
      'mutation { createNotification(input: { role: STUDENT, title: "Fire drill", message: "At noon." }) { id } }',
      {},
      admin.accessToken,
    );
    expect(broadcast.errors).toBeUndefined();
    await eventually(async () => expect(mine.messages).toHaveLength(3));
    await eventually(async () => expect(theirs.messages.map((m) => m.data?.notificationAdded.title)).toEqual(['Fire drill']));

    for (const message of mine.messages) expect(message.data?.notificationAdded.user).toEqual({ id: student.userId, email: student.email });
    expect(mine.messages[2].data?.notificationAdded.title).toBe('Fire drill');
    const eventIds = mine.messages.map((m) => Number(m.extensions?.eventId));
    expect([...eventIds].sort((a, b) => a - b)).toEqual(eventIds);

    // An ADMIN hears of their own notifications only: first one of theirs, then the silence.
    await stack.gql(
      'mutation($u: ID!) { createNotification(input: { userId: $u, title: "For the admin", message: "Hello." }) { id } }',
      { u: admin.userId },
      admin.accessToken,
    );
    await eventually(async () => expect(admins.messages.map((m) => m.data?.notificationAdded.title)).toEqual(['For the admin']));

    // Catch-up: resubscribing after the first event replays the two after it.
    const resumed = follow<NotificationMessage>(connect(stack.gatewayUrl, student.accessToken), NOTIFICATIONS, { a: String(eventIds[0]) });
    await eventually(async () => expect(resumed.messages.map((m) => Number(m.extensions?.eventId))).toEqual(eventIds.slice(1)));
  });
});

describe('connection rules', () => {
  test('a root inline fragment or named fragment works like the plain field', async () => {
    const student = await stack.newUser();
    const client = connect(stack.gatewayUrl, student.accessToken);
    const inline = follow<TicketMessage>(client, 'subscription { ... on Subscription { ticketUpdated { id status } } }');
    const named = follow<TicketMessage>(
      client,
      'subscription { ...Updates } fragment Updates on Subscription { ticketUpdated { id reporter { email } } }',
    );
    await subscribers(stack.system.gateway, 2);
    const id = await createTicket(student.accessToken, 'Scuffed floor');
    await eventually(async () => expect(inline.messages.map((m) => m.data)).toEqual([{ ticketUpdated: { id, status: 'OPEN' } }]));
    await eventually(async () => expect(named.messages.map((m) => m.data)).toEqual([{ ticketUpdated: { id, reporter: { email: student.email } } }]));
  });

  test('a root fragment selecting two subscription fields is refused with a GraphQL error, not a closed socket', async () => {
    let code = 0;
    const client = connect(stack.gatewayUrl, admin.accessToken, (c) => (code = c));
    const refused = follow(client, 'subscription { ... on Subscription { ticketUpdated { id } notificationAdded { id } } }');
    await eventually(async () => expect(refused.errors).toHaveLength(1));
    const messages = errorMessages(refused.errors[0]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/only one top level field/);
    // The connection stays usable.
    const fine = follow<TicketMessage>(client, TICKETS);
    await subscribers(stack.system.gateway, 1);
    expect(fine.errors).toEqual([]);
    expect(code).toBe(0);
  });

  describe('per user', () => {
    let beside: Awaited<ReturnType<typeof startGatewayBeside>>;
    beforeAll(async () => {
      beside = await startGatewayBeside(stack, { MAX_WS_CONNECTIONS_PER_USER: '2' });
    });
    afterAll(() => beside.stop());

    test('one connection more than MAX_WS_CONNECTIONS_PER_USER closes with 4429; closing one frees its place', async () => {
      const student = await stack.newUser();
      const codes: number[] = [];
      const first = connect(beside.url, student.accessToken, (code) => codes.push(code));
      follow(first, TICKETS);
      follow(
        connect(beside.url, student.accessToken, (code) => codes.push(code)),
        TICKETS,
      );
      await subscribers(beside.gateway, 2);
      follow(
        connect(beside.url, student.accessToken, (code) => codes.push(code)),
        TICKETS,
      );
      await eventually(async () => expect(codes).toEqual([4429]));
      // Another user is not affected.
      follow(connect(beside.url, admin.accessToken), TICKETS);
      await subscribers(beside.gateway, 3);
      await first.dispose();
      await subscribers(beside.gateway, 2);
      follow(
        connect(beside.url, student.accessToken, (code) => codes.push(code)),
        TICKETS,
      );
      await subscribers(beside.gateway, 3);
      expect(codes).toEqual([4429, 1000]);
    });
  });
});
