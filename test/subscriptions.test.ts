/**
 * Live ticket updates through the gateway with real graphql-ws clients: who receives what,
 * cross-subgraph fields, refused connections, two gateway instances, the catch-up seam, the
 * limits, freeing what a connection held, and shutdown.
 */
import { randomUUID } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import type { Client, ExecutionResult } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { DEV_JWT_SECRET } from '../lib/config';
import { listen, type RunningServer } from '../lib/http';
import { createLogger } from '../lib/logger';
import { createGateway, type Gateway } from '../gateway/server';
import { connect, disconnectAll, follow as followAny, wsUrl } from './liveClient';
import { DEMO, eventually, startTestStack, testConfig, type TestStack } from './stack';

type Message = ExecutionResult<
  { ticketUpdated: { id: string; status: string; reporter?: { email: string; name: string } } },
  { eventId: string; topic: string }
>;

let stack: TestStack;
let admin: string;
let student: { accessToken: string; userId: string; email: string };
let otherStudent: { accessToken: string; userId: string };
const follow = (client: Client, query: string, variables: Record<string, unknown> = {}) => followAny<Message>(client, query, variables);

const UPDATES = 'subscription($t: ID, $a: ID) { ticketUpdated(ticketId: $t, afterEventId: $a) { id status reporter { email name } } }';

async function createTicket(token: string, title = 'Broken chair in room 101'): Promise<string> {
  const made = await stack.gql<{ createTicket: { id: string } }>(
    'mutation($t: String!) { createTicket(input: { title: $t, description: "Please have a look." }) { id } }',
    { t: title },
    token,
  );
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  return made.data.createTicket.id;
}

const moveTo = (id: string, status: string) =>
  stack.gql('mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { status } }', { id, s: status }, admin);

/** Resolves once the gateway counts `n` subscribers: the subscription is live. */
const subscribers = (gateway: Gateway, n: number) => eventually(async () => expect(gateway.liveStats().subscribers).toBe(n));

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  student = await stack.newUser();
  otherStudent = await stack.newUser();
});
afterEach(async () => {
  await disconnectAll();
  await eventually(async () => expect(stack.system.gateway.liveStats().subscribers).toBe(0));
});
afterAll(() => stack?.close());

test('the reporter and ADMIN receive creation and every change, with fields from other subgraphs; another student does not', async () => {
  const own = follow(connect(stack.gatewayUrl, student.accessToken), UPDATES);
  const all = follow(connect(stack.gatewayUrl, admin), UPDATES);
  const other = follow(connect(stack.gatewayUrl, otherStudent.accessToken), UPDATES);
  await subscribers(stack.system.gateway, 3);
  const id = await createTicket(student.accessToken);
  await moveTo(id, 'IN_PROGRESS');
  for (const watcher of [own, all]) {
    await eventually(async () => expect(watcher.messages.map((m) => m.extensions?.topic)).toEqual(['ticket.created', 'ticket.status_changed']));
    expect(watcher.messages[1].data?.ticketUpdated).toEqual({
      id,
      status: 'IN_PROGRESS',
      reporter: { email: student.email, name: 'Test Person' },
    });
    expect(Number(watcher.messages[1].extensions?.eventId)).toBeGreaterThan(Number(watcher.messages[0].extensions?.eventId));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(other.messages).toEqual([]);
});

test('ticketId narrows the stream to one ticket', async () => {
  const first = await createTicket(student.accessToken, 'Flickering light');
  const second = await createTicket(student.accessToken, 'Dusty blinds');
  const watcher = follow(connect(stack.gatewayUrl, student.accessToken), UPDATES, { t: second });
  await subscribers(stack.system.gateway, 1);
  await moveTo(first, 'IN_PROGRESS');
  await moveTo(second, 'IN_PROGRESS');
  await eventually(async () => expect(watcher.messages).toHaveLength(1));
  expect(watcher.messages[0].data?.ticketUpdated.id).toBe(second);
});

test('a student subscribing to someone else’s ticket receives nothing', async () => {
  const theirs = await createTicket(otherStudent.accessToken, 'Broken window latch');
  const watcher = follow(connect(stack.gatewayUrl, student.accessToken), UPDATES, { t: theirs });
  await subscribers(stack.system.gateway, 1);
  await moveTo(theirs, 'IN_PROGRESS');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(watcher.messages).toEqual([]);
});

describe('refused connections', () => {
  const sign = (claims: object, secret = DEV_JWT_SECRET, options: jwt.SignOptions = {}) =>
    jwt.sign({ role: 'ADMIN', ...claims }, secret, {
      issuer: 'campus-services-hub',
      audience: 'campus-services-hub',
      subject: randomUUID(),
      ...options,
    });

  test.each([
    ['no token', null],
    ['a forged token', sign({}, 'not-our-secret', { expiresIn: 60 })],
    ['an expired token', sign({}, DEV_JWT_SECRET, { expiresIn: -5 })],
    ['garbage', 'garbage'],
  ])('%s: closed with 4403 before any subscription runs', async (_name, token) => {
    let code = 0;
    const watcher = follow(
      connect(stack.gatewayUrl, token, (c) => (code = c)),
      UPDATES,
    );
    await eventually(async () => expect(code).toBe(4403));
    expect(watcher.messages).toEqual([]);
  });

  test('a token that expires during the connection closes it (4401), so the client reconnects', async () => {
    let code = 0;
    const shortLived = jwt.sign({ role: 'STUDENT' }, DEV_JWT_SECRET, {
      issuer: 'campus-services-hub',
      audience: 'campus-services-hub',
      subject: student.userId,
      expiresIn: 2,
    });
    follow(
      connect(stack.gatewayUrl, shortLived, (c) => (code = c)),
      UPDATES,
    );
    await subscribers(stack.system.gateway, 1);
    await eventually(async () => expect(code).toBe(4401), 5000);
  });
});

test('queries and mutations work over the same socket, errors and all', async () => {
  const client = connect(stack.gatewayUrl, student.accessToken);
  const run = (query: string) =>
    new Promise<FormattedExecutionResult>((resolve, reject) => {
      client.subscribe({ query }, { next: resolve, error: reject, complete: () => undefined });
    });
  expect((await run('{ me { id } }')).data).toEqual({ me: { id: student.userId } });
  const denied = await run('{ me { id } users { id } }');
  expect(denied.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
});

describe('a second gateway instance', () => {
  let second: Gateway;
  let server: RunningServer;

  beforeAll(async () => {
    // A gateway needs no database: it plans subscriptions and forwards them to the subgraphs.
    second = await createGateway({ config: testConfig(), logger: createLogger('silent', 'test'), subgraphUrls: stack.system.subgraphUrls });
    server = await listen(second.app, 0, '127.0.0.1');
    second.attachWebSockets(server.httpServer);
  });
  afterAll(async () => {
    await second.stop();
    await server.close();
  });

  test('a change made through one instance reaches subscribers on both', async () => {
    const onFirst = follow(connect(stack.gatewayUrl, admin), UPDATES);
    const onSecond = follow(connect(`${server.url}/graphql`, admin), UPDATES);
    await subscribers(stack.system.gateway, 1);
    await subscribers(second, 1);
    const id = await createTicket(student.accessToken, 'Leaking pipe in the basement');
    for (const watcher of [onFirst, onSecond]) {
      await eventually(async () => expect(watcher.messages.map((m) => m.data?.ticketUpdated.id)).toEqual([id]));
    }
    onSecond.stop();
    await subscribers(second, 0);
  });
});

test('catch-up: afterEventId replays what was missed, then goes live, with no gap and no repeat at the seam', async () => {
  const id = await createTicket(student.accessToken, 'Heating off in room 12');
  const first = follow(connect(stack.gatewayUrl, student.accessToken), UPDATES, { t: id });
  await subscribers(stack.system.gateway, 1);
  await moveTo(id, 'IN_PROGRESS');
  await eventually(async () => expect(first.messages).toHaveLength(1));
  const lastSeen = first.messages[0].extensions!.eventId;
  first.stop();
  await subscribers(stack.system.gateway, 0);

  // Missed while away:
  await moveTo(id, 'RESOLVED');
  await moveTo(id, 'OPEN');
  // Back, resuming after the last event seen, while more changes keep coming.
  const resumed = follow(connect(stack.gatewayUrl, student.accessToken), UPDATES, { t: id, a: lastSeen });
  const racing = moveTo(id, 'IN_PROGRESS');
  await racing;
  await moveTo(id, 'RESOLVED');
  await eventually(async () => expect(resumed.messages.length).toBeGreaterThanOrEqual(4));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const eventIds = resumed.messages.map((m) => Number(m.extensions!.eventId));
  expect(eventIds).toHaveLength(4);
  expect(new Set(eventIds).size).toBe(4);
  expect([...eventIds].sort((a, b) => a - b)).toEqual(eventIds);
  expect(eventIds[0]).toBeGreaterThan(Number(lastSeen));
  const rows = await stack.system.db.knex('outbox.events').where({ aggregate_id: id }).where('id', '>', Number(lastSeen)).orderBy('id').select('id');
  expect(eventIds).toEqual(rows.map((r: { id: number | string }) => Number(r.id)));
});

describe('limits', () => {
  let limited: Gateway;
  let server: RunningServer;

  beforeAll(async () => {
    limited = await createGateway({
      config: testConfig({ MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', WS_CONNECTION_INIT_TIMEOUT_MS: '300', WS_MAX_MESSAGE_BYTES: '4096' }),
      logger: createLogger('silent', 'test'),
      subgraphUrls: stack.system.subgraphUrls,
    });
    server = await listen(limited.app, 0, '127.0.0.1');
    limited.attachWebSockets(server.httpServer);
  });
  afterAll(async () => {
    await limited.stop();
    await server.close();
  });

  test('one subscription more than allowed closes the connection (4400), and frees all it held', async () => {
    let code = 0;
    const client = connect(`${server.url}/graphql`, admin, (c) => (code = c));
    for (let i = 0; i < 3; i++) follow(client, UPDATES);
    await subscribers(limited, 3);
    follow(client, UPDATES);
    await eventually(async () => expect(code).toBe(4400));
    await subscribers(limited, 0);
  });

  test('a socket that never sends connection_init is closed (4408)', async () => {
    const socket = new WebSocket(`${wsUrl(server.url)}/graphql`, 'graphql-transport-ws');
    const code = await new Promise<number>((resolve) => socket.on('close', resolve));
    expect(code).toBe(4408);
  });

  test('a message larger than the limit closes the socket (1009)', async () => {
    const socket = new WebSocket(`${wsUrl(server.url)}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${admin}`, padding: 'x'.repeat(10_000) } }));
    const code = await new Promise<number>((resolve) => socket.on('close', resolve));
    expect(code).toBe(1009);
  });
});

test('on shutdown, open subscriptions complete and sockets close with 1001', async () => {
  const gateway = await createGateway({ config: testConfig(), logger: createLogger('silent', 'test'), subgraphUrls: stack.system.subgraphUrls });
  const server = await listen(gateway.app, 0, '127.0.0.1');
  gateway.attachWebSockets(server.httpServer);
  let code = 0;
  const watcher = follow(
    connect(`${server.url}/graphql`, admin, (c) => (code = c)),
    UPDATES,
  );
  await subscribers(gateway, 1);
  await gateway.stop();
  await server.close();
  await eventually(async () => expect(code).toBe(1001));
  expect(watcher.isComplete()).toBe(true);
  expect(gateway.liveStats().subscribers).toBe(0);
});
