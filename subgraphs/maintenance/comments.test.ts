/**
 * Comments through the gateway against a real database: who may comment (and who is told the
 * ticket does not exist), the body's limits, oldest-first order, the history row, the response
 * clock, who is notified, and the live update.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql-ws';
import { connect, disconnectAll, follow } from '../../test/liveClient';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';

let stack: TestStack;
let admin: { accessToken: string; userId: string };

type Person = { accessToken: string; userId: string };
interface Comment {
  id: string;
  body: string;
  author: { id: string };
  createdAt: string;
}

const COMMENT = 'mutation($t: ID!, $b: String!) { addTicketComment(ticketId: $t, body: $b) { id body author { id } createdAt } }';
const TICKET =
  'query($id: ID!) { ticket(id: $id) { updatedAt comments { id body author { id name } createdAt } history { kind from to changedBy { id } } } }';

async function report(person: Person, title = 'Projector not working', location = `Room ${randomUUID().slice(0, 8)}`): Promise<string> {
  const result = await stack.gql<{ createTicket: { id: string } }>(
    'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
    { i: { title, description: `${title}: please have a look.`, location } },
    person.accessToken,
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createTicket.id;
}

async function comment(person: Person, ticketId: string, body: string): Promise<Comment> {
  const result = await stack.gql<{ addTicketComment: Comment }>(COMMENT, { t: ticketId, b: body }, person.accessToken);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.addTicketComment;
}

async function assign(ticketId: string, assignee: Person): Promise<void> {
  const result = await stack.gql(
    'mutation($id: ID!, $a: ID!) { assignTicket(id: $id, assigneeId: $a) { id } }',
    { id: ticketId, a: assignee.userId },
    admin.accessToken,
  );
  expect(result.errors).toBeUndefined();
}

/** The response stamp, read from the table: the field is served by the clocks' resolvers. */
async function respondedAt(ticketId: string): Promise<Date | null> {
  const row = await stack.system.db
    .knex<{ id: string; responded_at: Date | null }>('maintenance.tickets')
    .where({ id: ticketId })
    .first('responded_at');
  return row!.responded_at;
}

/** The recipient's comment notifications, once there are `count` of them. */
function commentNotices(person: Person, count: number) {
  return eventually(async () => {
    const result = await stack.gql<{ notifications: Array<{ title: string; message: string }> }>(
      '{ notifications(limit: 100) { title message } }',
      {},
      person.accessToken,
    );
    const notices = result.data!.notifications.filter((n) => n.title.startsWith('New comment'));
    expect(notices).toHaveLength(count);
    return notices;
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password);
});
afterEach(() => disconnectAll());
afterAll(() => stack?.close());

describe('who may comment', () => {
  test('the reporter, the assignee and an ADMIN; oldest first, each with its author and a COMMENT history row', async () => {
    const reporter = await stack.newUser();
    const assignee = await stack.newUser('FACULTY');
    const ticketId = await report(reporter);
    await assign(ticketId, assignee);
    const first = await comment(reporter, ticketId, 'It flickers, then goes dark.');
    const second = await comment(assignee, ticketId, '  I will bring a spare lamp.  ');
    const third = await comment(admin, ticketId, 'Spare ordered.');
    expect(first).toMatchObject({ body: 'It flickers, then goes dark.', author: { id: reporter.userId } });
    expect(second.body).toBe('I will bring a spare lamp.');
    const seen = await stack.gql<{
      ticket: { comments: Array<Comment & { author: { name: string } }>; history: Array<{ kind: string; to: string; changedBy: { id: string } }> };
    }>(TICKET, { id: ticketId }, reporter.accessToken);
    const { comments, history } = seen.data!.ticket;
    expect(comments.map((c) => c.id)).toEqual([first.id, second.id, third.id]);
    expect(comments.map((c) => c.author.id)).toEqual([reporter.userId, assignee.userId, admin.userId]);
    expect(comments[0].author.name).toBe('Test Person');
    expect(history.filter((h) => h.kind === 'COMMENT')).toEqual([
      { kind: 'COMMENT', from: null, to: first.id, changedBy: { id: reporter.userId } },
      { kind: 'COMMENT', from: null, to: second.id, changedBy: { id: assignee.userId } },
      { kind: 'COMMENT', from: null, to: third.id, changedBy: { id: admin.userId } },
    ]);
  });

  test('anyone else gets NOT_FOUND, exactly like a ticket that does not exist, and nothing is written', async () => {
    const reporter = await stack.newUser();
    const ticketId = await report(reporter);
    const otherStudent = await stack.newUser();
    const otherFaculty = await stack.newUser('FACULTY');
    for (const stranger of [otherStudent, otherFaculty]) {
      const refused = await stack.gql(COMMENT, { t: ticketId, b: 'Me too' }, stranger.accessToken);
      expect(codes(refused)).toEqual(['NOT_FOUND']);
      expect(refused.errors![0].message).toBe('Ticket not found');
    }
    const unknown = await stack.gql(COMMENT, { t: randomUUID(), b: 'Me too' }, otherStudent.accessToken);
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(unknown.errors![0].message).toBe('Ticket not found');
    expect(codes(await stack.gql(COMMENT, { t: ticketId, b: 'Me too' }, null))).toEqual(['UNAUTHENTICATED']);
    expect(await stack.system.db.knex('maintenance.ticket_comments').where({ ticket_id: ticketId })).toEqual([]);
  });

  test('a former assignee may no longer comment', async () => {
    const reporter = await stack.newUser();
    const [first, second] = [await stack.newUser('FACULTY'), await stack.newUser('FACULTY')];
    const ticketId = await report(reporter);
    await assign(ticketId, first);
    await comment(first, ticketId, 'On it.');
    await assign(ticketId, second);
    expect(codes(await stack.gql(COMMENT, { t: ticketId, b: 'Still on it.' }, first.accessToken))).toEqual(['NOT_FOUND']);
    await comment(second, ticketId, 'Taking over.');
  });
});

describe('bad input', () => {
  test.each([
    ['body', 'empty', ''],
    ['body', 'blank', '   \n\t'],
    ['body', '5,001 characters', 'x'.repeat(5001)],
    ['ticketId', 'not an id', 'not-an-id'],
  ])('%s (%s) is BAD_USER_INPUT naming it', async (argument, _label, value) => {
    const reporter = await stack.newUser();
    const ticketId = await report(reporter);
    const variables = argument === 'body' ? { t: ticketId, b: value } : { t: value, b: 'Fine text' };
    const result = await stack.gql(COMMENT, variables, reporter.accessToken);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message.startsWith(`${argument}:`)).toBe(true);
  });

  test('5,000 characters, emoji counted as one each, are accepted', async () => {
    const reporter = await stack.newUser();
    const ticketId = await report(reporter);
    const body = '🔧'.repeat(5000);
    expect((await comment(reporter, ticketId, body)).body).toBe(body);
  });
});

describe('notifications and the response clock', () => {
  test("a staff comment tells the reporter and stamps the response once; the reporter's own comment tells nobody while unassigned", async () => {
    const reporter = await stack.newUser();
    const ticketId = await report(reporter, 'Broken blinds');
    await comment(reporter, ticketId, 'The blinds are stuck half way.');
    expect(await respondedAt(ticketId)).toBeNull();
    await comment(admin, ticketId, 'We will look at them today.');
    const [notice] = await commentNotices(reporter, 1);
    expect(notice).toEqual({
      title: 'New comment on your ticket',
      message: 'Staff commented on your ticket "Broken blinds": We will look at them today.',
    });
    const responded = await respondedAt(ticketId);
    expect(responded).not.toBeNull();
    await comment(admin, ticketId, 'Parts ordered.');
    await commentNotices(reporter, 2);
    expect(await respondedAt(ticketId)).toEqual(responded);
  });

  test("the reporter's comment tells the assignee; the assignee's comment tells the reporter and counts as the response", async () => {
    const reporter = await stack.newUser();
    const assignee = await stack.newUser('FACULTY');
    const ticketId = await report(reporter, 'No sound from the speakers');
    await assign(ticketId, assignee);
    await comment(reporter, ticketId, 'Still silent this morning.');
    const [toAssignee] = await commentNotices(assignee, 1);
    expect(toAssignee).toEqual({
      title: 'New comment on a ticket you handle',
      message: 'The reporter commented on "No sound from the speakers": Still silent this morning.',
    });
    await comment(assignee, ticketId, 'Amplifier replaced.');
    const [toReporter] = await commentNotices(reporter, 1);
    expect(toReporter.message).toBe('Staff commented on your ticket "No sound from the speakers": Amplifier replaced.');
    expect(await respondedAt(ticketId)).not.toBeNull();
    // The assignee heard only of the reporter's comment, not of their own.
    expect(await commentNotices(assignee, 1)).toHaveLength(1);
  });

  test('a long comment is quoted in short', async () => {
    const reporter = await stack.newUser();
    const ticketId = await report(reporter, 'Leaking radiator');
    await comment(admin, ticketId, `Start. ${'word '.repeat(100)}End.`);
    const [notice] = await commentNotices(reporter, 1);
    expect(notice.message).toMatch(/^Staff commented on your ticket "Leaking radiator": Start\. (word ){20,}/);
    expect(notice.message).toMatch(/…$/);
    expect(notice.message).not.toContain('End.');
  });
});

test("the comments of many tickets, and of their duplicates' lists, are one query each per request", async () => {
  const reporter = await stack.newUser();
  for (let i = 0; i < 3; i += 1) {
    const ticketId = await report(reporter, `Broken chair ${i}`);
    await comment(reporter, ticketId, `Chair ${i} wobbles.`);
  }
  const queries: string[] = [];
  const record = (query: { sql: string }) => queries.push(query.sql);
  stack.system.db.knex.on('query', record);
  try {
    const result = await stack.gql<{ tickets: Array<{ comments: Array<{ body: string }> }> }>(
      '{ tickets { comments { body author { id } } duplicates { id } } }',
      {},
      reporter.accessToken,
    );
    expect(result.data!.tickets.map((t) => t.comments.map((c) => c.body))).toEqual([
      ['Chair 2 wobbles.'],
      ['Chair 1 wobbles.'],
      ['Chair 0 wobbles.'],
    ]);
  } finally {
    stack.system.db.knex.off('query', record);
  }
  const names = queries
    .map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1])
    .filter((name) => name === 'commentsByTickets' || name === 'duplicatesOfTickets');
  expect(names.sort()).toEqual(['commentsByTickets', 'duplicatesOfTickets']);
});

test('ticketUpdated subscribers receive the ticket with its new comment', async () => {
  const reporter = await stack.newUser();
  const ticketId = await report(reporter, 'Door squeaks');
  const watcher = follow<ExecutionResult<{ ticketUpdated: { id: string; comments: Array<{ body: string }> } }, { eventId: string; topic: string }>>(
    connect(stack.gatewayUrl, reporter.accessToken),
    'subscription($id: ID) { ticketUpdated(ticketId: $id) { id comments { body } } }',
    {
      id: ticketId,
    },
  );
  await eventually(async () => expect(stack.system.gateway.liveStats().subscribers).toBe(1));
  await comment(admin, ticketId, 'Oiled the hinge.');
  await eventually(async () => expect(watcher.messages.map((m) => m.extensions?.topic)).toEqual(['ticket.commented']));
  expect(watcher.messages[0].data).toEqual({ ticketUpdated: { id: ticketId, comments: [{ body: 'Oiled the hinge.' }] } });
});
