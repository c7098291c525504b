/**
 * Tickets through the gateway against a real database: priority from text and its SLA, who
 * sees what, the lifecycle, history, assignment, overdue, notifications and bad input.
 */
import { randomUUID } from 'node:crypto';
import type { EventRow } from '../../lib/outbox';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';

let stack: TestStack;
let admin: string;
let faculty: { accessToken: string; userId: string };
let student: { accessToken: string; userId: string };

const TICKET_FIELDS =
  'id title description location priority status slaDueAt overdue createdAt updatedAt reporter { id email } assignee { id name } history { kind from to changedBy { id } changedAt }';
const CREATE = `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${TICKET_FIELDS} } }`;
const STATUS = 'mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { status history { kind from to } } }';

interface Ticket {
  id: string;
  priority: string;
  status: string;
  slaDueAt: string;
  overdue: boolean;
  createdAt: string;
  reporter: { id: string; email: string };
  assignee: { id: string; name: string } | null;
  history: Array<{ kind: string; from: string | null; to: string | null; changedBy: { id: string } }>;
}

async function report(token: string, title: string, description = title, location: string | null = 'Library, floor 2'): Promise<Ticket> {
  const result = await stack.gql<{ createTicket: Ticket }>(CREATE, { i: { title, description, location } }, token);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createTicket;
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  faculty = await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password);
  student = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
});
afterAll(() => stack?.close());

const hours = (ticket: Ticket) => (Date.parse(ticket.slaDueAt) - Date.parse(ticket.createdAt)) / 3_600_000;

describe('creating tickets', () => {
  test('danger is CRITICAL with a 1-hour SLA, reported by the caller, with a CREATED history row', async () => {
    const ticket = await report(
      student.accessToken,
      'Sparks from a socket',
      'There are sparks and a burning smell coming from the socket by the window.',
    );
    expect(ticket).toMatchObject({
      priority: 'CRITICAL',
      status: 'OPEN',
      overdue: false,
      assignee: null,
      reporter: { id: student.userId, email: DEMO.STUDENT.email },
    });
    expect(hours(ticket)).toBe(1);
    expect(ticket.history).toEqual([{ kind: 'CREATED', from: null, to: 'CRITICAL', changedBy: { id: student.userId }, changedAt: ticket.createdAt }]);
  });

  test('a cosmetic request is LOW with a 72-hour SLA', async () => {
    const ticket = await report(
      faculty.accessToken,
      'Scuffed paint in the corridor',
      'The paint on the corridor wall is scuffed, could it be repainted when convenient?',
    );
    expect(ticket.priority).toBe('LOW');
    expect(hours(ticket)).toBe(72);
  });

  test('location is optional', async () => {
    const ticket = await report(student.accessToken, 'Projector not working', 'The projector does not turn on.', null);
    expect(ticket).toMatchObject({ status: 'OPEN' });
  });

  test.each([
    ['input.title', { title: '' }],
    ['input.title', { title: '   ' }],
    ['input.title', { title: 't'.repeat(201) }],
    ['input.description', { description: '' }],
    ['input.description', { description: '\n\t ' }],
    ['input.description', { description: 'd'.repeat(5001) }],
    ['input.location', { location: 'l'.repeat(201) }],
  ])('a bad %s is BAD_USER_INPUT', async (argument, change) => {
    const result = await stack.gql(CREATE, { i: { title: 'Broken chair', description: 'A chair is broken.', ...change } }, student.accessToken);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(`${argument}:`)).toBe(true);
  });

  test('every ticket change writes an outbox event in its transaction', async () => {
    const ticket = await report(student.accessToken, 'Leaking radiator', 'The radiator is leaking onto the floor.');
    await stack.gql(STATUS, { id: ticket.id, s: 'IN_PROGRESS' }, admin);
    const events = await stack.system.db.knex<EventRow>('outbox.events').where({ aggregate_id: ticket.id }).orderBy('id');
    expect(events.map((e) => e.topic)).toEqual(['ticket.created', 'ticket.status_changed']);
    expect(events[1].payload).toMatchObject({ ticketId: ticket.id, reporterId: student.userId, from: 'OPEN', to: 'IN_PROGRESS' });
  });
});

describe('who sees which tickets', () => {
  test('a reporter sees their own; an ADMIN sees all; others get FORBIDDEN', async () => {
    const mine = await report(student.accessToken, 'Broken chair in room 101', 'One of the chairs has a broken leg.');
    const theirs = await report(faculty.accessToken, 'Flickering light in office', 'The light in my office keeps flickering.');
    const asStudent = await stack.gql<{ tickets: Array<{ id: string }> }>('{ tickets(limit: 100) { id } }', {}, student.accessToken);
    expect(asStudent.data!.tickets.map((t) => t.id)).toContain(mine.id);
    expect(asStudent.data!.tickets.map((t) => t.id)).not.toContain(theirs.id);
    const asAdmin = await stack.gql<{ tickets: Array<{ id: string }> }>('{ tickets(limit: 100) { id } }', {}, admin);
    expect(asAdmin.data!.tickets.map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const other = await stack.gql('query($id: ID!) { ticket(id: $id) { id title } }', { id: theirs.id }, student.accessToken);
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.data).toEqual({ ticket: null });
    expect((await stack.gql('query($id: ID!) { ticket(id: $id) { id } }', { id: mine.id }, student.accessToken)).data).toEqual({
      ticket: { id: mine.id },
    });
    expect(codes(await stack.gql('query($id: ID!) { ticket(id: $id) { id } }', { id: randomUUID() }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql('query($id: ID!) { ticket(id: $id) { id } }', { id: "1' OR '1'='1" }, admin))).toEqual(['BAD_USER_INPUT']);
  });

  test('filters by status and priority; ordered by due time on request', async () => {
    const person = await stack.newUser();
    const low = await report(person.accessToken, 'Stain on the carpet', 'There is a coffee stain on the carpet near the entrance.');
    const critical = await report(person.accessToken, 'Gas smell in the lab', 'Strong smell of gas in chemistry lab 3.');
    await stack.gql(STATUS, { id: low.id, s: 'IN_PROGRESS' }, admin);
    const byDue = await stack.gql<{ tickets: Array<{ id: string }> }>('{ tickets(orderBy: DUE_AT) { id } }', {}, person.accessToken);
    expect(byDue.data!.tickets.map((t) => t.id)).toEqual([critical.id, low.id]);
    const newest = await stack.gql<{ tickets: Array<{ id: string }> }>('{ tickets { id } }', {}, person.accessToken);
    expect(newest.data!.tickets.map((t) => t.id)).toEqual([critical.id, low.id]);
    const inProgress = await stack.gql<{ tickets: Array<{ id: string }> }>('{ tickets(status: IN_PROGRESS) { id } }', {}, person.accessToken);
    expect(inProgress.data!.tickets.map((t) => t.id)).toEqual([low.id]);
    const criticalOnly = await stack.gql<{ tickets: Array<{ id: string }> }>('{ tickets(priority: CRITICAL) { id } }', {}, person.accessToken);
    expect(criticalOnly.data!.tickets.map((t) => t.id)).toEqual([critical.id]);
  });
});

describe('lifecycle, priority and assignment', () => {
  test('OPEN → IN_PROGRESS → RESOLVED → OPEN → … → CLOSED, each move in the history; the reporter is notified', async () => {
    const person = await stack.newUser();
    const ticket = await report(person.accessToken, 'No heating in the classroom', 'The heating is off in classroom 12 and it is freezing.');
    for (const status of ['IN_PROGRESS', 'RESOLVED', 'OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']) {
      const moved = await stack.gql(STATUS, { id: ticket.id, s: status }, admin);
      expect(moved.errors).toBeUndefined();
    }
    const final = await stack.gql<{ ticket: Ticket }>(
      `query($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`,
      { id: ticket.id },
      person.accessToken,
    );
    expect(final.data!.ticket.status).toBe('CLOSED');
    expect(final.data!.ticket.history.map((h) => `${h.kind}:${h.from ?? ''}>${h.to}`)).toEqual([
      `CREATED:>${ticket.priority}`,
      'STATUS:OPEN>IN_PROGRESS',
      'STATUS:IN_PROGRESS>RESOLVED',
      'STATUS:RESOLVED>OPEN',
      'STATUS:OPEN>IN_PROGRESS',
      'STATUS:IN_PROGRESS>RESOLVED',
      'STATUS:RESOLVED>CLOSED',
    ]);
    const notified = await eventually(async () => {
      const result = await stack.gql<{ notifications: Array<{ title: string; message: string }> }>(
        '{ notifications(limit: 100) { title message } }',
        {},
        person.accessToken,
      );
      expect(result.data!.notifications.filter((n) => n.title === 'Ticket updated')).toHaveLength(6);
      return result.data!.notifications;
    });
    expect(notified[0].message).toMatch(/from resolved to closed/);
  });

  test('any other move is BAD_USER_INPUT naming both states', async () => {
    const ticket = await report(student.accessToken, 'Window will not open', 'The window in seminar room 4 is stuck shut.');
    const skip = await stack.gql(STATUS, { id: ticket.id, s: 'RESOLVED' }, admin);
    expect(codes(skip)).toEqual(['BAD_USER_INPUT']);
    expect(skip.errors![0].message).toMatch(/OPEN.*RESOLVED/);
    expect(codes(await stack.gql(STATUS, { id: ticket.id, s: 'OPEN' }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.gql(STATUS, { id: randomUUID(), s: 'IN_PROGRESS' }, admin))).toEqual(['NOT_FOUND']);
  });

  test('two concurrent moves from OPEN: one wins, the other is refused, the history stays true', async () => {
    const ticket = await report(student.accessToken, 'Slow drain in the sink', 'The sink in the kitchen drains very slowly.');
    const results = await Promise.all([
      stack.gql(STATUS, { id: ticket.id, s: 'IN_PROGRESS' }, admin),
      stack.gql(STATUS, { id: ticket.id, s: 'IN_PROGRESS' }, admin),
    ]);
    expect(results.flatMap(codes)).toEqual(['BAD_USER_INPUT']);
    const history = await stack.system.db.knex('maintenance.ticket_history').where({ ticket_id: ticket.id, kind: 'STATUS' });
    expect(history).toHaveLength(1);
  });

  test('setTicketPriority recomputes the SLA from the creation time and is recorded', async () => {
    const ticket = await report(student.accessToken, 'Sparks from the light switch', 'The light switch sparks when I press it.');
    expect(ticket.priority).toBe('CRITICAL');
    const changed = await stack.gql<{ setTicketPriority: Ticket }>(
      `mutation($id: ID!) { setTicketPriority(id: $id, priority: LOW) { ${TICKET_FIELDS} } }`,
      { id: ticket.id },
      admin,
    );
    const updated = changed.data!.setTicketPriority;
    expect(updated.priority).toBe('LOW');
    expect(updated.createdAt).toBe(ticket.createdAt);
    expect(hours(updated)).toBe(72);
    expect(updated.history.at(-1)).toMatchObject({ kind: 'PRIORITY', from: 'CRITICAL', to: 'LOW' });
  });

  test('assignTicket: to FACULTY or ADMIN only, resolved through federation and recorded', async () => {
    const ticket = await report(student.accessToken, 'Broken microphone', 'The microphone in hall A crackles and cuts out.');
    const assigned = await stack.gql<{ assignTicket: Ticket }>(
      `mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { ${TICKET_FIELDS} } }`,
      { id: ticket.id, a: faculty.userId },
      admin,
    );
    expect(assigned.data!.assignTicket.assignee).toEqual({ id: faculty.userId, name: 'Fred Faculty' });
    expect(assigned.data!.assignTicket.history.at(-1)).toMatchObject({ kind: 'ASSIGNEE', from: null, to: faculty.userId });
    const toStudent = await stack.gql(
      'mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { id } }',
      { id: ticket.id, a: student.userId },
      admin,
    );
    expect(codes(toStudent)).toEqual(['BAD_USER_INPUT']);
    expect(toStudent.errors![0].message).toMatch(/^assigneeId/);
    expect(
      codes(
        await stack.gql('mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { id } }', { id: ticket.id, a: randomUUID() }, admin),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  test('a ticket past its due time is overdue until it is resolved', async () => {
    const ticket = await report(student.accessToken, 'Leak under the sink', 'Water is dripping from the pipe under the sink.');
    await stack.system.db
      .knex('maintenance.tickets')
      .where({ id: ticket.id })
      .update({ sla_due_at: new Date(Date.now() - 60_000) });
    const query = 'query($id: ID!) { ticket(id: $id) { overdue } }';
    expect((await stack.gql(query, { id: ticket.id }, admin)).data).toEqual({ ticket: { overdue: true } });
    await stack.gql(STATUS, { id: ticket.id, s: 'IN_PROGRESS' }, admin);
    await stack.gql(STATUS, { id: ticket.id, s: 'RESOLVED' }, admin);
    expect((await stack.gql(query, { id: ticket.id }, admin)).data).toEqual({ ticket: { overdue: false } });
  });
});

describe('classifyPriority', () => {
  const CLASSIFY = 'query($t: String!) { classifyPriority(text: $t) { priority confidence } }';

  test('gives a priority and a confidence in 0..1, the same every time', async () => {
    const first = await stack.gql<{ classifyPriority: { priority: string; confidence: number } }>(
      CLASSIFY,
      { t: 'Flooding in the basement of the gym' },
      student.accessToken,
    );
    const second = await stack.gql(CLASSIFY, { t: 'Flooding in the basement of the gym' }, admin);
    expect(first.data!.classifyPriority.priority).toBe('CRITICAL');
    expect(first.data!.classifyPriority.confidence).toBeGreaterThan(0);
    expect(first.data!.classifyPriority.confidence).toBeLessThanOrEqual(1);
    expect(second.data).toEqual(first.data);
  });

  test('empty text is BAD_USER_INPUT; any language or emoji is fine', async () => {
    for (const t of ['', '   ']) {
      const result = await stack.gql(CLASSIFY, { t }, student.accessToken);
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toMatch(/^text:/);
    }
    for (const t of ['🔥 in the kitchen!!', 'La calefacción no funciona', 'Лифт не работает']) {
      expect((await stack.gql(CLASSIFY, { t }, student.accessToken)).errors).toBeUndefined();
    }
  });
});
