/**
 * Deadline alerts against a real database, through the gateway: each ticket's four alert rows
 * (75% and breach of the response and the resolution clock) follow holds, responses and
 * priority changes; due ones reach every ADMIN and the assignee exactly once, also with two
 * job instances at once and across a restart while a deadline passes. Due times compare with
 * the database clock, so tests move a ticket's clock into the past rather than wait.
 */
import { createLogger } from '../../lib/logger';
import { DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { DeadlineAlerts } from './alerts';
import { TicketStore, type TicketRow } from './store';

let stack: TestStack;
let admin: string;
let adminId: string;

const MINUTE = 60;
/** A CRITICAL ticket's clocks, in seconds: response 15 min, resolution 1 h. */
const CRITICAL = { responseWarning: 11.25 * MINUTE, responseBreach: 15 * MINUTE, resolutionWarning: 45 * MINUTE, resolutionBreach: 60 * MINUTE };

const knex = () => stack.system.db.knex;
const STATUS = 'mutation($id: ID!, $s: TicketStatus!, $r: String) { updateTicketStatus(id: $id, status: $s, reason: $r) { id } }';

interface AlertRow {
  clock: string;
  level: string;
  due_at: Date | null;
  sent_at: Date | null;
}

async function criticalTicket(token: string, assigneeId?: string): Promise<{ id: string; createdAt: Date }> {
  const made = await stack.gql<{ createTicket: { id: string; priority: string } }>(
    'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id priority } }',
    { i: { title: 'Gas smell in the lab', description: 'Strong smell of gas in chemistry lab 3.' } },
    token,
  );
  if (!made.data) throw new Error(JSON.stringify(made.errors));
  expect(made.data.createTicket.priority).toBe('CRITICAL');
  const { id } = made.data.createTicket;
  if (assigneeId) await stack.gql('mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { id } }', { id, a: assigneeId }, admin);
  return { id, createdAt: (await knex()<TicketRow>('maintenance.tickets').where({ id }).first())!.created_at };
}

async function move(id: string, status: string, reason?: string): Promise<void> {
  const result = await stack.gql(STATUS, { id, s: status, r: reason }, admin);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/** Moves the ticket's whole clock `seconds` into the past, as if it had been made that much earlier. */
const age = (id: string, seconds: number) =>
  knex().raw(
    `update maintenance.tickets set created_at = created_at - make_interval(secs => :s), sla_due_at = sla_due_at - make_interval(secs => :s),
       response_due_at = response_due_at - make_interval(secs => :s) where id = :id`,
    { s: seconds, id },
  );

const alertsOf = (id: string): Promise<AlertRow[]> =>
  knex()('maintenance.ticket_alerts').where({ ticket_id: id }).orderBy(['clock', 'level']).select('clock', 'level', 'due_at', 'sent_at');

/** The alert events written for a ticket, as `CLOCK LEVEL`. */
async function sentFor(id: string): Promise<string[]> {
  const events = await knex()('outbox.events').where({ topic: 'ticket.deadline_alert', aggregate_id: id }).orderBy('id');
  return events.map((e: { payload: { clock: string; level: string } }) => `${e.payload.clock} ${e.payload.level}`);
}

/**
 * Sends what is due from another instance, then expects exactly these alerts sent for the
 * ticket, in any order (the stack's own job may have claimed some first: they commit soon).
 */
async function expectSentAfterRun(id: string, expected: string[]): Promise<void> {
  await anotherInstance().runDue();
  await eventually(async () => expect((await sentFor(id)).sort()).toEqual([...expected].sort()));
}

/** Seconds from creation to each alert's due time (null: not armed), by `CLOCK LEVEL`. */
async function dueOffsets(id: string, createdAt: Date): Promise<Record<string, number | null>> {
  const rows = await alertsOf(id);
  return Object.fromEntries(rows.map((r) => [`${r.clock} ${r.level}`, r.due_at && (r.due_at.getTime() - createdAt.getTime()) / 1000]));
}

/** A job runner of its own, as another instance of the maintenance subgraph would run. */
const anotherInstance = () => new DeadlineAlerts(knex(), new TicketStore(knex()), createLogger('silent', 'test'), { pollMs: 3_600_000 });

/** The caller's own notifications with a matching title (`userId`: an ADMIN's own, not everyone's). */
async function notificationsOf(token: string, title: RegExp, userId?: string): Promise<Array<{ title: string; message: string }>> {
  const result = await stack.gql<{ notifications: Array<{ title: string; message: string }> }>(
    'query($u: ID) { notifications(limit: 100, userId: $u) { title message } }',
    { u: userId },
    token,
  );
  return result.data!.notifications.filter((n) => title.test(n.title));
}

const admins = async (): Promise<string[]> =>
  (await knex()('users.user_directory').where({ role: 'ADMIN' }).orderBy('id').select('id')).map((row: { id: string }) => row.id);

beforeAll(async () => {
  stack = await startTestStack();
  ({ accessToken: admin, userId: adminId } = await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password));
});
afterAll(() => stack?.close());

test('a ticket gets its four alerts with it: at 75% and at the breach of each clock', async () => {
  const reporter = await stack.newUser();
  const { id, createdAt } = await criticalTicket(reporter.accessToken);
  expect(await dueOffsets(id, createdAt)).toEqual({
    'RESOLUTION BREACH': CRITICAL.resolutionBreach,
    'RESOLUTION WARNING': CRITICAL.resolutionWarning,
    'RESPONSE BREACH': CRITICAL.responseBreach,
    'RESPONSE WARNING': CRITICAL.responseWarning,
  });
  expect((await alertsOf(id)).every((row) => row.sent_at === null)).toBe(true);
});

test('due times follow holds (none while ON_HOLD, later by the held time after), responses, priority changes and resolution', async () => {
  const reporter = await stack.newUser();
  const { id, createdAt } = await criticalTicket(reporter.accessToken);
  await move(id, 'ON_HOLD', 'Waiting for the gas engineer');
  expect(Object.values(await dueOffsets(id, createdAt))).toEqual([null, null, null, null]);
  await knex().raw("update maintenance.tickets set hold_started_at = hold_started_at - interval '100 seconds' where id = ?", [id]);
  await move(id, 'OPEN');
  const paused = (await knex()<TicketRow>('maintenance.tickets').where({ id }).first())!.paused_seconds;
  expect(paused).toBeGreaterThanOrEqual(100);
  expect(await dueOffsets(id, createdAt)).toEqual({
    'RESOLUTION BREACH': CRITICAL.resolutionBreach + paused,
    'RESOLUTION WARNING': CRITICAL.resolutionWarning + paused,
    'RESPONSE BREACH': CRITICAL.responseBreach + paused,
    'RESPONSE WARNING': CRITICAL.responseWarning + paused,
  });
  await move(id, 'IN_PROGRESS');
  const responded = await dueOffsets(id, createdAt);
  expect([responded['RESPONSE WARNING'], responded['RESPONSE BREACH']]).toEqual([null, null]);
  await stack.gql('mutation($id: ID!) { setTicketPriority(id: $id, priority: LOW) { id } }', { id }, admin);
  expect(await dueOffsets(id, createdAt)).toMatchObject({ 'RESOLUTION WARNING': 54 * 3600 + paused, 'RESOLUTION BREACH': 72 * 3600 + paused });
  await move(id, 'RESOLVED');
  expect(Object.values(await dueOffsets(id, createdAt))).toEqual([null, null, null, null]);
  await move(id, 'OPEN');
  expect(await dueOffsets(id, createdAt)).toMatchObject({ 'RESOLUTION BREACH': 72 * 3600 + paused, 'RESPONSE BREACH': null });
});

test('a response another writer records (a staff comment) disarms the response alerts too', async () => {
  const reporter = await stack.newUser();
  const { id, createdAt } = await criticalTicket(reporter.accessToken);
  await knex().raw('update maintenance.tickets set responded_at = coalesce(responded_at, now()) where id = ?', [id]);
  expect(await dueOffsets(id, createdAt)).toEqual({
    'RESOLUTION BREACH': CRITICAL.resolutionBreach,
    'RESOLUTION WARNING': CRITICAL.resolutionWarning,
    'RESPONSE BREACH': null,
    'RESPONSE WARNING': null,
  });
});

test('at 75% and at the breach, every ADMIN and the assignee are told once each; the reporter is not', async () => {
  await stack.newUser('ADMIN');
  const reporter = await stack.newUser();
  const assignee = await stack.newUser('FACULTY');
  const { id } = await criticalTicket(reporter.accessToken, assignee.userId);
  await age(id, CRITICAL.responseWarning + 1);
  await expectSentAfterRun(id, ['RESPONSE WARNING']);
  await expectSentAfterRun(id, ['RESPONSE WARNING']);
  const [event] = await knex()<{ topic: string; aggregate_id: string; payload: { recipientIds: string[] } }>('outbox.events').where({
    topic: 'ticket.deadline_alert',
    aggregate_id: id,
  });
  expect([...event.payload.recipientIds].sort()).toEqual([...(await admins()), assignee.userId].sort());
  expect(event.payload).toMatchObject({ ticketId: id, priority: 'CRITICAL', clock: 'RESPONSE', level: 'WARNING', title: 'Gas smell in the lab' });
  await age(id, CRITICAL.responseBreach - CRITICAL.responseWarning);
  await expectSentAfterRun(id, ['RESPONSE WARNING', 'RESPONSE BREACH']);
  for (const [token, userId] of [
    [assignee.accessToken, assignee.userId],
    [admin, adminId],
  ]) {
    await eventually(async () => {
      expect(await notificationsOf(token, /^Ticket response due soon$/, userId)).toHaveLength(1);
      expect(await notificationsOf(token, /^Ticket response overdue$/, userId)).toHaveLength(1);
    });
  }
  expect((await notificationsOf(assignee.accessToken, /^Ticket response/))[0].message).toMatch(
    /response deadline of CRITICAL ticket "Gas smell in the lab" passed/,
  );
  expect(await notificationsOf(reporter.accessToken, /^Ticket (response|resolution)/)).toEqual([]);
  expect((await alertsOf(id)).filter((row) => row.sent_at !== null).map((row) => `${row.clock} ${row.level}`)).toEqual([
    'RESPONSE BREACH',
    'RESPONSE WARNING',
  ]);
});

test('nothing is sent while ON_HOLD or for a clock that was met; resuming re-arms what is still due', async () => {
  const reporter = await stack.newUser();
  const { id } = await criticalTicket(reporter.accessToken);
  await move(id, 'ON_HOLD', 'Waiting for the reporter');
  await age(id, CRITICAL.responseBreach + 60);
  expect((await alertsOf(id)).map((row) => row.due_at)).toEqual([null, null, null, null]);
  expect(await anotherInstance().runDue()).toBe(0);
  expect(await sentFor(id)).toEqual([]);
  await move(id, 'OPEN');
  await expectSentAfterRun(id, ['RESPONSE WARNING', 'RESPONSE BREACH']);
  await move(id, 'IN_PROGRESS');
  // Just past 75% of the resolution time (45 min + the held seconds), not yet at 60 min.
  const { paused_seconds: paused } = (await knex()<TicketRow>('maintenance.tickets').where({ id }).first('paused_seconds'))!;
  await age(id, CRITICAL.resolutionWarning + paused - (CRITICAL.responseBreach + 60) + 5);
  await expectSentAfterRun(id, ['RESPONSE WARNING', 'RESPONSE BREACH', 'RESOLUTION WARNING']);
});

test('a row due behind the trigger’s back is checked against its ticket: a met clock is dismissed, not sent', async () => {
  const reporter = await stack.newUser();
  const { id } = await criticalTicket(reporter.accessToken);
  await move(id, 'IN_PROGRESS');
  await knex()('maintenance.ticket_alerts')
    .where({ ticket_id: id, clock: 'RESPONSE', level: 'WARNING' })
    .update({ due_at: knex().raw("now() - interval '1 second'") });
  expect(await anotherInstance().runDue()).toBe(0);
  // (The stack's own job may be the one that dismisses it.)
  await eventually(async () =>
    expect((await alertsOf(id)).find((row) => row.clock === 'RESPONSE' && row.level === 'WARNING')).toMatchObject({ due_at: null, sent_at: null }),
  );
  expect(await sentFor(id)).toEqual([]);
});

test('two instances at once send each due alert once', async () => {
  const reporter = await stack.newUser();
  const tickets = await Promise.all(Array.from({ length: 5 }, () => criticalTicket(reporter.accessToken)));
  for (const { id } of tickets) await age(id, CRITICAL.resolutionBreach + 1);
  await Promise.all([anotherInstance().runDue(), anotherInstance().runDue()]);
  for (const { id } of tickets) await expectSentAfterRun(id, ['RESOLUTION BREACH', 'RESOLUTION WARNING', 'RESPONSE BREACH', 'RESPONSE WARNING']);
});

test('a restart while a deadline passes: the alert comes exactly once', async () => {
  const reporter = await stack.newUser();
  const assignee = await stack.newUser('FACULTY');
  const { id } = await criticalTicket(reporter.accessToken, assignee.userId);
  await stack.system.stopSubgraph('maintenance');
  // Due two seconds from now, while no instance runs.
  await age(id, CRITICAL.responseWarning - 2);
  await eventually(async () => {
    const { rows } = await knex().raw<{ rows: Array<{ passed: boolean | null }> }>(
      "select bool_and(due_at < now()) as passed from maintenance.ticket_alerts where ticket_id = ? and clock = 'RESPONSE' and level = 'WARNING'",
      [id],
    );
    expect(rows[0].passed).toBe(true);
  });
  expect(await sentFor(id)).toEqual([]);
  await stack.system.startSubgraph('maintenance');
  await eventually(async () => expect(await notificationsOf(assignee.accessToken, /^Ticket response due soon$/)).toHaveLength(1));
  await stack.system.stopSubgraph('maintenance');
  await stack.system.startSubgraph('maintenance');
  await expectSentAfterRun(id, ['RESPONSE WARNING']);
  expect(await notificationsOf(assignee.accessToken, /^Ticket response/)).toHaveLength(1);
});

test('the running job sends at the due time, woken before its next poll (latency measured)', async () => {
  const reporter = await stack.newUser();
  const assignee = await stack.newUser('FACULTY');
  const { id } = await criticalTicket(reporter.accessToken, assignee.userId);
  // Due six seconds from now: the job's next poll (every 5 s) comes before and sets its wake-up.
  await age(id, CRITICAL.responseWarning - 6);
  const [alert] = await alertsOf(id).then((rows) => rows.filter((row) => row.clock === 'RESPONSE' && row.level === 'WARNING'));
  await eventually(async () => expect(await notificationsOf(assignee.accessToken, /^Ticket response due soon$/)).toHaveLength(1), 20_000, 100);
  const note = await knex()<{ user_id: string; created_at: Date }>('notifications.notifications')
    .where({ user_id: assignee.userId })
    .first('created_at');
  const latencyMs = new Date(note!.created_at).getTime() - alert.due_at!.getTime();
  console.info(`deadline alert latency, due time to notification row: ${latencyMs} ms`);
  expect(latencyMs).toBeGreaterThanOrEqual(0);
});
