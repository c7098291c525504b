/**
 * The two clocks of a ticket through the gateway against a real database: ON_HOLD with its
 * reason pausing both deadlines, the response clock, priority overrides with reasons (also
 * across a pause), and what a ticket's assignee may see and follow.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import { HMAC_EXTENSION, signOperation } from '../../lib/hmac';
import { connect, disconnectAll, follow } from '../../test/liveClient';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { RESPONSE_MINUTES, SLA_HOURS, type TicketPriority } from './sla';

let stack: TestStack;
let admin: string;
let adminId: string;

const FIELDS = `id priority status priorityReasons slaDueAt responseDueAt respondedAt pausedSeconds overdue createdAt
  assignee { id } history { kind from to reason changedBy { id } }`;
const TICKET = `query($id: ID!) { ticket(id: $id) { ${FIELDS} } }`;
const STATUS = `mutation($id: ID!, $s: TicketStatus!, $r: String) { updateTicketStatus(id: $id, status: $s, reason: $r) { ${FIELDS} } }`;
const PRIORITY = `mutation($id: ID!, $p: TicketPriority!, $r: String) { setTicketPriority(id: $id, priority: $p, reason: $r) { ${FIELDS} } }`;
const ASSIGN = 'mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { id } }';

interface Ticket {
  id: string;
  priority: TicketPriority;
  status: string;
  priorityReasons: string[];
  slaDueAt: string;
  responseDueAt: string;
  respondedAt: string | null;
  pausedSeconds: number;
  overdue: boolean;
  createdAt: string;
  assignee: { id: string } | null;
  history: Array<{ kind: string; from: string | null; to: string | null; reason: string | null; changedBy: { id: string } }>;
}

const knex = () => stack.system.db.knex;

async function report(token: string, title = 'Broken chair in room 101', description = 'One of the chairs has a broken leg.'): Promise<Ticket> {
  const made = await stack.gql<{ createTicket: Ticket }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${FIELDS} } }`,
    { i: { title, description } },
    token,
  );
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  return made.data.createTicket;
}

async function ticket(id: string, token = admin): Promise<Ticket> {
  const result = await stack.gql<{ ticket: Ticket }>(TICKET, { id }, token);
  if (!result.data?.ticket) throw new Error(JSON.stringify(result.errors));
  return result.data.ticket;
}

async function move(id: string, status: string, reason?: string): Promise<Ticket> {
  const result = await stack.gql<{ updateTicketStatus: Ticket }>(STATUS, { id, s: status, r: reason }, admin);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.updateTicketStatus;
}

/** As if the running hold had started `seconds` earlier. */
const backdateHold = (id: string, seconds: number) =>
  knex().raw('update maintenance.tickets set hold_started_at = hold_started_at - make_interval(secs => ?) where id = ?', [seconds, id]);

const sinceCreation = (ticket: Ticket, field: 'slaDueAt' | 'responseDueAt') => Date.parse(ticket[field]) - Date.parse(ticket.createdAt);

/** Both deadlines are creation + the priority's time + every paused second (`slackMs` for a running hold read twice). */
function expectDeadlines(ticket: Ticket, slackMs = 0) {
  const paused = ticket.pausedSeconds * 1000;
  expect(Math.abs(sinceCreation(ticket, 'slaDueAt') - (SLA_HOURS[ticket.priority] * 3_600_000 + paused))).toBeLessThanOrEqual(slackMs);
  expect(Math.abs(sinceCreation(ticket, 'responseDueAt') - (RESPONSE_MINUTES[ticket.priority] * 60_000 + paused))).toBeLessThanOrEqual(slackMs);
}

beforeAll(async () => {
  stack = await startTestStack();
  ({ accessToken: admin, userId: adminId } = await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password));
});
afterEach(() => disconnectAll());
afterAll(() => stack?.close());

describe('ON_HOLD', () => {
  test.each([
    ['without a reason', undefined, /required/],
    ['with a blank reason', '  \n ', /empty/],
    ['with a reason over 5,000 characters', 'r'.repeat(5001), /5000/],
  ])('%s: BAD_USER_INPUT naming reason, and nothing changes', async (_name, reason, message) => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    const result = await stack.gql(STATUS, { id: mine.id, s: 'ON_HOLD', r: reason }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/^reason:/);
    expect(result.errors![0].message).toMatch(message);
    expect(await ticket(mine.id)).toEqual(mine);
  });

  test('a reason of exactly 5,000 characters is kept whole', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    const held = await move(mine.id, 'ON_HOLD', 'w'.repeat(5000));
    expect(held.history.at(-1)!.reason).toHaveLength(5000);
  });

  test('only an ADMIN moves a ticket, also to ON_HOLD: reporter and assignee get FORBIDDEN', async () => {
    const reporter = await stack.newUser();
    const assignee = await stack.newUser('FACULTY');
    const mine = await report(reporter.accessToken);
    await stack.gql(ASSIGN, { id: mine.id, a: assignee.userId }, admin);
    for (const token of [reporter.accessToken, assignee.accessToken]) {
      expect(codes(await stack.gql(STATUS, { id: mine.id, s: 'ON_HOLD', r: 'Waiting for parts' }, token))).toEqual(['FORBIDDEN']);
    }
    expect((await ticket(mine.id)).status).toBe('OPEN');
  });

  test('holding pauses: never overdue, pausedSeconds counts the running hold, both deadlines move with it; the reason is in the history', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken, 'Leaking radiator', 'The radiator is leaking onto the floor.');
    await knex().raw(
      "update maintenance.tickets set sla_due_at = sla_due_at - interval '100 hours', created_at = created_at - interval '100 hours', response_due_at = response_due_at - interval '100 hours' where id = ?",
      [mine.id],
    );
    expect((await ticket(mine.id)).overdue).toBe(true);
    const held = await move(mine.id, 'ON_HOLD', 'Waiting for a spare valve');
    expect(held).toMatchObject({ status: 'ON_HOLD', overdue: false, respondedAt: null });
    expect(held.history.at(-1)).toEqual({
      kind: 'STATUS',
      from: 'OPEN',
      to: 'ON_HOLD',
      reason: 'Waiting for a spare valve',
      changedBy: { id: adminId },
    });
    await backdateHold(mine.id, 600);
    const later = await ticket(mine.id, person.accessToken);
    expect(later.pausedSeconds).toBeGreaterThanOrEqual(600);
    expect(later.pausedSeconds).toBeLessThan(660);
    expect(later.overdue).toBe(false);
    expectDeadlines(later, 1000);
  });

  test('leaving the hold adds the held seconds and moves both deadlines later by them, from and back to either state', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    await move(mine.id, 'ON_HOLD', 'Waiting for the reporter');
    await backdateHold(mine.id, 300);
    const reopened = await move(mine.id, 'OPEN');
    expect(reopened.pausedSeconds).toBeGreaterThanOrEqual(300);
    expect(reopened.pausedSeconds).toBeLessThan(360);
    expectDeadlines(reopened);
    expect(Date.parse(reopened.slaDueAt) - Date.parse(mine.slaDueAt)).toBe(reopened.pausedSeconds * 1000);
    expect(Date.parse(reopened.responseDueAt) - Date.parse(mine.responseDueAt)).toBe(reopened.pausedSeconds * 1000);
    await move(mine.id, 'IN_PROGRESS');
    await move(mine.id, 'ON_HOLD', 'Waiting for parts');
    await backdateHold(mine.id, 120);
    const resumed = await move(mine.id, 'IN_PROGRESS');
    expect(resumed.pausedSeconds - reopened.pausedSeconds).toBeGreaterThanOrEqual(120);
    expect(resumed.pausedSeconds - reopened.pausedSeconds).toBeLessThan(180);
    expectDeadlines(resumed);
    const row = await knex()<{ id: string; hold_started_at: Date | null; paused_seconds: number }>('maintenance.tickets')
      .where({ id: mine.id })
      .first();
    expect(row).toMatchObject({ hold_started_at: null, paused_seconds: resumed.pausedSeconds });
    expect(resumed.history.map((h) => `${h.from}>${h.to}:${h.reason ?? ''}`).slice(1)).toEqual([
      'OPEN>ON_HOLD:Waiting for the reporter',
      'ON_HOLD>OPEN:',
      'OPEN>IN_PROGRESS:',
      'IN_PROGRESS>ON_HOLD:Waiting for parts',
      'ON_HOLD>IN_PROGRESS:',
    ]);
  });

  test('an ON_HOLD ticket is not resolved straight away (work resumes first); a resolved one is not held', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    await move(mine.id, 'IN_PROGRESS');
    await move(mine.id, 'ON_HOLD', 'Waiting for parts');
    const resolve = await stack.gql(STATUS, { id: mine.id, s: 'RESOLVED' }, admin);
    expect(codes(resolve)).toEqual(['BAD_USER_INPUT']);
    expect(resolve.errors![0].message).toMatch(/from ON_HOLD to RESOLVED.*OPEN or IN_PROGRESS/);
    await move(mine.id, 'IN_PROGRESS');
    await move(mine.id, 'RESOLVED', 'Valve replaced');
    expect(codes(await stack.gql(STATUS, { id: mine.id, s: 'ON_HOLD', r: 'Again' }, admin))).toEqual(['BAD_USER_INPUT']);
    expect((await ticket(mine.id)).history.at(-1)).toMatchObject({ to: 'RESOLVED', reason: 'Valve replaced' });
  });

  test('two holds at once: one wins, the other is refused, one hold in the history', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    const results = await Promise.all([
      stack.gql(STATUS, { id: mine.id, s: 'ON_HOLD', r: 'First' }, admin),
      stack.gql(STATUS, { id: mine.id, s: 'ON_HOLD', r: 'Second' }, admin),
    ]);
    expect(results.flatMap(codes)).toEqual(['BAD_USER_INPUT']);
    expect((await ticket(mine.id)).history.filter((h) => h.to === 'ON_HOLD')).toHaveLength(1);
  });

  test('bad ids: NOT_FOUND for no such ticket, BAD_USER_INPUT naming id for garbage', async () => {
    expect(codes(await stack.gql(STATUS, { id: randomUUID(), s: 'ON_HOLD', r: 'Parts' }, admin))).toEqual(['NOT_FOUND']);
    const garbage = await stack.gql(STATUS, { id: 'nope', s: 'ON_HOLD', r: 'Parts' }, admin);
    expect(codes(garbage)).toEqual(['BAD_USER_INPUT']);
    expect(garbage.errors![0].message).toMatch(/^id:/);
  });
});

describe('the response clock', () => {
  test('responseDueAt is creation + the priority’s response time (CRITICAL 15 min, LOW 24 h)', async () => {
    const person = await stack.newUser();
    const critical = await report(person.accessToken, 'Gas smell in the lab', 'Strong smell of gas in chemistry lab 3.');
    const low = await report(person.accessToken, 'Scuffed paint in the corridor', 'The paint is scuffed, could it be repainted when convenient?');
    expect([critical.priority, low.priority]).toEqual(['CRITICAL', 'LOW']);
    expect(sinceCreation(critical, 'responseDueAt')).toBe(15 * 60_000);
    expect(sinceCreation(low, 'responseDueAt')).toBe(24 * 3_600_000);
    expect(critical).toMatchObject({ respondedAt: null, pausedSeconds: 0 });
  });

  test('the first move to IN_PROGRESS sets respondedAt once; holds and later moves never move it', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    expect((await move(mine.id, 'ON_HOLD', 'Waiting for the reporter')).respondedAt).toBeNull();
    const started = await move(mine.id, 'IN_PROGRESS');
    expect(started.respondedAt).not.toBeNull();
    await move(mine.id, 'ON_HOLD', 'Waiting for parts');
    await move(mine.id, 'IN_PROGRESS');
    await move(mine.id, 'RESOLVED');
    await move(mine.id, 'OPEN');
    expect((await move(mine.id, 'IN_PROGRESS')).respondedAt).toBe(started.respondedAt);
  });

  test('a response another writer recorded first (a staff comment) is kept', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    await knex().raw("update maintenance.tickets set responded_at = coalesce(responded_at, now()) - interval '1 minute' where id = ?", [mine.id]);
    const earlier = (await ticket(mine.id)).respondedAt;
    expect(earlier).not.toBeNull();
    expect((await move(mine.id, 'IN_PROGRESS')).respondedAt).toBe(earlier);
  });
});

describe('priority and its reasons', () => {
  test('creation carries the classifier’s reasons; an override with a reason shows it and keeps it in the history', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken, 'Sparks from a socket', 'There are sparks coming from the socket by the window.');
    expect(mine.priority).toBe('CRITICAL');
    expect(mine.priorityReasons.length).toBeGreaterThan(0);
    const lowered = (await stack.gql<{ setTicketPriority: Ticket }>(PRIORITY, { id: mine.id, p: 'LOW', r: 'Socket already isolated' }, admin)).data!
      .setTicketPriority;
    expect(lowered.priorityReasons).toEqual(['Socket already isolated (set to LOW by an administrator)']);
    expect(lowered.history.at(-1)).toEqual({
      kind: 'PRIORITY',
      from: 'CRITICAL',
      to: 'LOW',
      reason: 'Socket already isolated',
      changedBy: { id: adminId },
    });
    expectDeadlines(lowered);
    const plain = (await stack.gql<{ setTicketPriority: Ticket }>(PRIORITY, { id: mine.id, p: 'HIGH' }, admin)).data!.setTicketPriority;
    expect(plain.priorityReasons).toEqual(['Set to HIGH by an administrator']);
    expect(plain.history.at(-1)).toMatchObject({ kind: 'PRIORITY', from: 'LOW', to: 'HIGH', reason: null });
  });

  test('the same priority again changes nothing, unless it brings a reason to show', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    const same = (await stack.gql<{ setTicketPriority: Ticket }>(PRIORITY, { id: mine.id, p: mine.priority }, admin)).data!.setTicketPriority;
    expect(same.history).toHaveLength(1);
    const explained = (await stack.gql<{ setTicketPriority: Ticket }>(PRIORITY, { id: mine.id, p: mine.priority, r: 'Checked on site' }, admin)).data!
      .setTicketPriority;
    expect(explained.history.at(-1)).toMatchObject({ kind: 'PRIORITY', from: mine.priority, to: mine.priority, reason: 'Checked on site' });
    expect(explained.priorityReasons).toEqual([`Checked on site (set to ${mine.priority} by an administrator)`]);
  });

  test.each([
    ['a blank reason', { r: ' ' }, 'BAD_USER_INPUT', /^reason:/],
    ['a reason over 5,000 characters', { r: 'x'.repeat(5001) }, 'BAD_USER_INPUT', /^reason:/],
    ['a garbage id', { id: 'nope' }, 'BAD_USER_INPUT', /^id:/],
    ['no such ticket', { id: randomUUID() }, 'NOT_FOUND', /Ticket/],
  ])('setTicketPriority with %s is refused and changes nothing', async (_name, change, code, message) => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken);
    const result = await stack.gql(PRIORITY, { id: mine.id, p: 'HIGH', r: 'Why not', ...change }, admin);
    expect(codes(result)).toEqual([code]);
    expect(result.errors![0].message).toMatch(message);
    expect(await ticket(mine.id)).toEqual(mine);
  });

  test('only an ADMIN sets a priority: reporter and assignee get FORBIDDEN', async () => {
    const reporter = await stack.newUser();
    const assignee = await stack.newUser('FACULTY');
    const mine = await report(reporter.accessToken);
    await stack.gql(ASSIGN, { id: mine.id, a: assignee.userId }, admin);
    for (const token of [reporter.accessToken, assignee.accessToken]) {
      expect(codes(await stack.gql(PRIORITY, { id: mine.id, p: 'CRITICAL', r: 'Urgent!' }, token))).toEqual(['FORBIDDEN']);
    }
  });

  test('a pause across a priority change stays paused and keeps its time', async () => {
    const person = await stack.newUser();
    const mine = await report(person.accessToken, 'Flickering light in the office', 'The light in my office keeps flickering.');
    await move(mine.id, 'ON_HOLD', 'Waiting for the reporter');
    await backdateHold(mine.id, 200);
    const ended = await move(mine.id, 'OPEN');
    await move(mine.id, 'ON_HOLD', 'Waiting for a new tube');
    await backdateHold(mine.id, 400);
    const changed = (await stack.gql<{ setTicketPriority: Ticket }>(PRIORITY, { id: mine.id, p: 'CRITICAL', r: 'Light is in a stairwell' }, admin))
      .data!.setTicketPriority;
    expect(changed.status).toBe('ON_HOLD');
    expect(changed.overdue).toBe(false);
    expect(changed.pausedSeconds).toBeGreaterThanOrEqual(ended.pausedSeconds + 400);
    expectDeadlines(changed, 1000);
    const resumed = await move(mine.id, 'IN_PROGRESS');
    expect(resumed.priority).toBe('CRITICAL');
    expect(resumed.pausedSeconds).toBeGreaterThanOrEqual(600);
    expect(resumed.pausedSeconds).toBeLessThan(660);
    expectDeadlines(resumed);
    // And a change after the pause keeps it too.
    const lowered = (await stack.gql<{ setTicketPriority: Ticket }>(PRIORITY, { id: mine.id, p: 'LOW' }, admin)).data!.setTicketPriority;
    expect(lowered.pausedSeconds).toBe(resumed.pausedSeconds);
    expectDeadlines(lowered);
  });
});

describe('the assignee', () => {
  const LIST = '{ tickets(limit: 100) { id } }';

  test('sees the tickets assigned to them (list and one), and no longer once reassigned; other staff get FORBIDDEN', async () => {
    const reporter = await stack.newUser();
    const assignee = await stack.newUser('FACULTY');
    const other = await stack.newUser('FACULTY');
    const mine = await report(reporter.accessToken);
    const ids = async (token: string) => (await stack.gql<{ tickets: Array<{ id: string }> }>(LIST, {}, token)).data!.tickets.map((t) => t.id);
    expect(await ids(assignee.accessToken)).not.toContain(mine.id);
    expect(codes(await stack.gql(TICKET, { id: mine.id }, assignee.accessToken))).toEqual(['FORBIDDEN']);
    await stack.gql(ASSIGN, { id: mine.id, a: assignee.userId }, admin);
    expect(await ids(assignee.accessToken)).toEqual([mine.id]);
    expect((await ticket(mine.id, assignee.accessToken)).assignee).toEqual({ id: assignee.userId });
    expect(await ids(other.accessToken)).toEqual([]);
    expect(codes(await stack.gql(TICKET, { id: mine.id }, other.accessToken))).toEqual(['FORBIDDEN']);
    await stack.gql(ASSIGN, { id: mine.id, a: other.userId }, admin);
    expect(await ids(assignee.accessToken)).toEqual([]);
    expect(codes(await stack.gql(TICKET, { id: mine.id }, assignee.accessToken))).toEqual(['FORBIDDEN']);
    expect(await ids(other.accessToken)).toEqual([mine.id]);
    expect(await ids(reporter.accessToken)).toEqual([mine.id]);
  });

  test('reaches a ticket by entity reference only when canSee allows: the assignee yes, other staff null', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id } } }';
    /** As the gateway calls the subgraph when another subgraph names a ticket: signed, with the caller's token. */
    const resolveReference = async (token: string, id: string) => {
      const variables = { r: [{ __typename: 'Ticket', id }] };
      const extensions = { [HMAC_EXTENSION]: signOperation(stack.config.subgraphHmacSecret, { query, variables }) };
      const response = await fetch(stack.system.subgraphUrls.maintenance, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables, extensions }),
      });
      return ((await response.json()) as { data: { _entities: unknown[] } }).data._entities;
    };
    const reporter = await stack.newUser();
    const assignee = await stack.newUser('FACULTY');
    const other = await stack.newUser('FACULTY');
    const mine = await report(reporter.accessToken);
    expect(await resolveReference(assignee.accessToken, mine.id)).toEqual([null]);
    await stack.gql(ASSIGN, { id: mine.id, a: assignee.userId }, admin);
    expect(await resolveReference(assignee.accessToken, mine.id)).toEqual([{ id: mine.id }]);
    expect(await resolveReference(reporter.accessToken, mine.id)).toEqual([{ id: mine.id }]);
    expect(await resolveReference(other.accessToken, mine.id)).toEqual([null]);
  });

  test('follows the tickets assigned to them on ticketUpdated (the payload names the assignee); other staff receive nothing', async () => {
    type Message = ExecutionResult<{ ticketUpdated: { id: string; status: string; history: Array<{ reason: string | null }> } }, { topic: string }>;
    const UPDATES = 'subscription { ticketUpdated { id status history { reason } } }';
    const reporter = await stack.newUser();
    const assignee = await stack.newUser('FACULTY');
    const other = await stack.newUser('FACULTY');
    const mine = await report(reporter.accessToken);
    const theirs = follow<Message>(connect(stack.gatewayUrl, assignee.accessToken), UPDATES);
    const bystander = follow<Message>(connect(stack.gatewayUrl, other.accessToken), UPDATES);
    await eventually(async () => expect(stack.system.gateway.liveStats().subscribers).toBe(2));
    await stack.gql(ASSIGN, { id: mine.id, a: assignee.userId }, admin);
    await move(mine.id, 'ON_HOLD', 'Waiting for parts');
    await eventually(async () => expect(theirs.messages.map((m) => m.extensions?.topic)).toEqual(['ticket.assigned', 'ticket.status_changed']));
    expect(theirs.messages[1].data!.ticketUpdated).toMatchObject({ id: mine.id, status: 'ON_HOLD' });
    expect(theirs.messages[1].data!.ticketUpdated.history.at(-1)).toEqual({ reason: 'Waiting for parts' });
    const events = await knex()<{ id: number; aggregate_id: string; payload: { assigneeId: string | null } }>('outbox.events')
      .where({ aggregate_id: mine.id })
      .orderBy('id');
    expect(events.map((e) => e.payload.assigneeId)).toEqual([null, assignee.userId, assignee.userId]);
    expect(events[2].payload).toMatchObject({ from: 'OPEN', to: 'ON_HOLD', reason: 'Waiting for parts' });
    expect(bystander.messages).toEqual([]);
  });
});
