/**
 * The audit log through the gateway: the entry each action writes (actor, target, address,
 * request id, details), filters and paging, and a table that only grows.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { pruneAudit } from '../../lib/audit';
import { codes, DEMO, startTestStack, type TestStack } from '../../test/stack';

let stack: TestStack;
let admin: { accessToken: string; userId: string };

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password);
});
afterAll(() => stack?.close());

interface Entry {
  id: string;
  action: string;
  actor: { id: string } | null;
  target: string | null;
  at: string;
  clientAddress: string | null;
  requestId: string | null;
  details: string | null;
}

const AUDIT =
  'query($a: String, $actor: ID, $t: ID, $l: Int, $o: Int) { auditLog(action: $a, actorId: $actor, targetId: $t, limit: $l, offset: $o) { id action actor { id } target at clientAddress requestId details } }';

async function entries(filter: { a?: string; actor?: string; t?: string; l?: number; o?: number }): Promise<Entry[]> {
  const result = await stack.gql<{ auditLog: Entry[] }>(AUDIT, filter, admin.accessToken);
  expect(result.errors).toBeUndefined();
  return result.data!.auditLog;
}

const sessionIdOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;
const roomInput = () => ({ name: `Room ${randomUUID()}`, capacity: 10, amenities: [] });
const CREATE_CLOSURE = 'mutation($i: ClosureInput!) { createClosure(input: $i) { id } }';
/** A closure of all rooms on one day a year from now, where no test books. */
const closureInput = () => {
  const day = new Date(Date.now() + 360 * 86_400_000).toISOString().slice(0, 10);
  return { startDate: day, endDate: day, timeSlots: ['20:00-22:00'], reason: 'Exams' };
};

interface Case {
  action: string;
  /** Performs the action; returns the target, the expected actor (null: anonymous) and details it must include. */
  perform(): Promise<{ target: string; actor: string | null; details?: Record<string, unknown> }>;
}

const CASES: Case[] = [
  {
    action: 'login.succeeded',
    perform: async () => {
      const person = await stack.newUser();
      return { target: person.userId, actor: person.userId, details: { sessionId: sessionIdOf(person.accessToken) } };
    },
  },
  {
    action: 'login.failed',
    perform: async () => {
      const person = await stack.newUser();
      await stack.gql('mutation($e: String!) { login(email: $e, password: "not-the-password") { accessToken } }', { e: person.email });
      return { target: person.userId, actor: null, details: { email: person.email } };
    },
  },
  {
    action: 'login.locked',
    perform: async () => {
      const person = await stack.newUser();
      for (let i = 0; i < 5; i++)
        await stack.gql('mutation($e: String!) { login(email: $e, password: "not-the-password") { accessToken } }', { e: person.email });
      return { target: person.userId, actor: null, details: { lock: 'account' } };
    },
  },
  {
    action: 'refresh.reused',
    perform: async () => {
      const person = await stack.newUser();
      const refresh = 'mutation($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }';
      await stack.gql(refresh, { t: person.refreshToken });
      await stack.gql(refresh, { t: person.refreshToken });
      return { target: person.userId, actor: null, details: { sessionId: sessionIdOf(person.accessToken) } };
    },
  },
  {
    action: 'session.revoked',
    perform: async () => {
      const person = await stack.newUser();
      await stack.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: person.userId }, admin.accessToken);
      return { target: person.userId, actor: admin.userId, details: { reason: 'admin', sessions: 1 } };
    },
  },
  {
    action: 'user.created',
    perform: async () => {
      const person = await stack.newUser('FACULTY');
      return { target: person.userId, actor: admin.userId, details: { email: person.email, role: 'FACULTY' } };
    },
  },
  {
    action: 'user.updated',
    perform: async () => {
      const person = await stack.newUser();
      await stack.gql(
        'mutation($id: ID!) { updateUser(id: $id, input: { name: "New Name", password: "a-secret-new-password" }) { id } }',
        { id: person.userId },
        person.accessToken,
      );
      return { target: person.userId, actor: person.userId, details: { fields: ['name', 'password'] } };
    },
  },
  {
    action: 'user.role_changed',
    perform: async () => {
      const person = await stack.newUser();
      await stack.gql('mutation($id: ID!) { updateUser(id: $id, input: { role: FACULTY }) { id } }', { id: person.userId }, admin.accessToken);
      return { target: person.userId, actor: admin.userId, details: { from: 'STUDENT', to: 'FACULTY' } };
    },
  },
  {
    action: 'user.deleted',
    perform: async () => {
      const person = await stack.newUser();
      await stack.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id: person.userId }, admin.accessToken);
      return { target: person.userId, actor: admin.userId };
    },
  },
  {
    action: 'ticket.priority_overridden',
    perform: async () => {
      const person = await stack.newUser();
      const made = await stack.gql<{ createTicket: { id: string } }>(
        'mutation { createTicket(input: { title: "Squeaky door", description: "It squeaks." }) { id } }',
        {},
        person.accessToken,
      );
      const id = made.data!.createTicket.id;
      await stack.gql('mutation($id: ID!) { setTicketPriority(id: $id, priority: CRITICAL) { id } }', { id }, admin.accessToken);
      return { target: id, actor: admin.userId, details: { from: 'LOW', to: 'CRITICAL' } };
    },
  },
  {
    action: 'room.created',
    perform: async () => {
      const input = roomInput();
      const made = await stack.gql<{ createRoom: { id: string } }>(
        'mutation($i: RoomInput!) { createRoom(input: $i) { id } }',
        { i: input },
        admin.accessToken,
      );
      return { target: made.data!.createRoom.id, actor: admin.userId, details: { name: input.name } };
    },
  },
  {
    action: 'room.updated',
    perform: async () => {
      const input = roomInput();
      const made = await stack.gql<{ createRoom: { id: string } }>(
        'mutation($i: RoomInput!) { createRoom(input: $i) { id } }',
        { i: input },
        admin.accessToken,
      );
      const id = made.data!.createRoom.id;
      await stack.gql(
        'mutation($id: ID!, $i: RoomInput!) { updateRoom(id: $id, input: $i) { id } }',
        { id, i: { ...input, capacity: 20, amenities: ['projector'] } },
        admin.accessToken,
      );
      return { target: id, actor: admin.userId, details: { fields: ['capacity', 'amenities'] } };
    },
  },
  {
    action: 'closure.created',
    perform: async () => {
      const made = await stack.gql<{ createClosure: { id: string } }>(CREATE_CLOSURE, { i: closureInput() }, admin.accessToken);
      return { target: made.data!.createClosure.id, actor: admin.userId, details: { reason: 'Exams' } };
    },
  },
  {
    action: 'closure.deleted',
    perform: async () => {
      const made = await stack.gql<{ createClosure: { id: string } }>(CREATE_CLOSURE, { i: closureInput() }, admin.accessToken);
      const id = made.data!.createClosure.id;
      await stack.gql('mutation($id: ID!) { deleteClosure(id: $id) }', { id }, admin.accessToken);
      return { target: id, actor: admin.userId };
    },
  },
];

test.each(CASES)('$action is recorded with actor, target, address, request id and details', async ({ action, perform }) => {
  const expected = await perform();
  const [entry] = await entries({ a: action, t: expected.target });
  expect(entry).toMatchObject({ action, target: expected.target, actor: expected.actor ? { id: expected.actor } : null, clientAddress: '127.0.0.1' });
  expect(entry.requestId).toEqual(expect.any(String));
  expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
  if (expected.details) expect(JSON.parse(entry.details!)).toMatchObject(expected.details);
});

test('the request id is the one the client sent', async () => {
  const requestId = `audit-${randomUUID()}`;
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}`, 'x-request-id': requestId },
    body: JSON.stringify({ query: 'mutation($i: RoomInput!) { createRoom(input: $i) { id } }', variables: { i: roomInput() } }),
  });
  const { data } = (await response.json()) as { data: { createRoom: { id: string } } };
  const [entry] = await entries({ a: 'room.created', t: data.createRoom.id });
  expect(entry.requestId).toBe(requestId);
});

test('no entry ever holds a password', async () => {
  const all = await stack.system.db.knex('audit.entries').select('details');
  expect(all.length).toBeGreaterThan(0);
  for (const { details } of all) expect(JSON.stringify(details ?? {})).not.toMatch(/a-secret-new-password|not-the-password|test-user-password/);
});

test('newest first; filtered by actor; limit defaults to 50 and is cut to 100; offset pages', async () => {
  for (let i = 0; i < 3; i++) await stack.gql('mutation($i: RoomInput!) { createRoom(input: $i) { id } }', { i: roomInput() }, admin.accessToken);
  const byAdmin = await entries({ actor: admin.userId, l: 1000 });
  expect(byAdmin.length).toBeGreaterThan(3);
  expect(byAdmin.length).toBeLessThanOrEqual(100);
  expect(byAdmin.every((e) => e.actor?.id === admin.userId)).toBe(true);
  const ids = byAdmin.map((e) => Number(e.id));
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
  expect((await entries({})).length).toBeLessThanOrEqual(50);
  expect((await entries({ actor: admin.userId, l: 2, o: 1 })).map((e) => e.id)).toEqual(byAdmin.slice(1, 3).map((e) => e.id));
  expect(codes(await stack.gql(AUDIT, { actor: 'not-an-id' }, admin.accessToken))).toEqual(['BAD_USER_INPUT']);
});

test.each(['FACULTY', 'STUDENT'] as const)('a %s may not read the log nor revoke sessions: FORBIDDEN', async (role) => {
  const { accessToken } = await stack.login(DEMO[role].email, DEMO[role].password);
  const read = await stack.gql(AUDIT, {}, accessToken);
  expect(codes(read)).toEqual(['FORBIDDEN']);
  expect(read.data).toBeNull();
  const revoke = await stack.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: admin.userId }, accessToken);
  expect(codes(revoke)).toEqual(['FORBIDDEN']);
  expect(codes(await stack.gql('{ me { id } }', {}, admin.accessToken))).toEqual([]);
});

describe('append-only in the database', () => {
  test.each([
    ['update', () => stack.system.db.knex('audit.entries').update({ action: 'login.succeeded' })],
    ['delete', () => stack.system.db.knex('audit.entries').delete()],
    ['truncate', () => stack.system.db.knex.raw('truncate audit.entries')],
  ])('%s is refused', async (_name, change) => {
    await expect(change()).rejects.toMatchObject({ code: '42501' });
  });

  test('the retention prune removes only entries older than the retention', async () => {
    const knex = stack.system.db.knex;
    const old = `old-${randomUUID()}`;
    const recent = `recent-${randomUUID()}`;
    await knex('audit.entries').insert([
      { action: 'user.deleted', target: old, at: knex.raw("now() - interval '400 days'") },
      { action: 'user.deleted', target: recent, at: knex.raw("now() - interval '300 days'") },
    ]);
    expect(await pruneAudit(knex, 365)).toBeGreaterThanOrEqual(1);
    const left = await knex('audit.entries').whereIn('target', [old, recent]).pluck('target');
    expect(left).toEqual([recent]);
  });
});
