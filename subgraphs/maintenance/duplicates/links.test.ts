/**
 * Duplicate links through the gateway against a real database: automatic linking of a new
 * ticket (same place, similar text, within 7 days, to the original), what each caller may see
 * of a link, ADMIN marking and unmarking, cycles (also two opposite marks at once), and the
 * original's status change reaching its duplicates' reporters.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql-ws';
import { connect, disconnectAll, follow } from '../../../test/liveClient';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../../test/stack';

let stack: TestStack;
let admin: string;

type Person = { accessToken: string; userId: string };
interface Ticket {
  id: string;
  duplicateOf: { id: string } | null;
  duplicates: Array<{ id: string }>;
  history: Array<{ kind: string; from: string | null; to: string | null; reason: string | null; changedBy: { id: string } }>;
}

const FIELDS = 'id duplicateOf { id } duplicates { id } history { kind from to reason changedBy { id } }';
const PROJECTOR = { title: 'Projector not working', description: 'The projector in the seminar room will not turn on.' };
const BEAMER = { title: 'Beamer dead', description: 'The beamer in the seminar room does not turn on at all.' };
const BROKEN = { title: 'Projector broken', description: 'Projector does not turn on, nothing happens.' };
const CABLE = { title: 'Projector cable missing', description: 'The HDMI cable for the projector is gone.' };
const MARK = `mutation($id: ID!, $of: ID!) { markDuplicate(id: $id, of: $of) { ${FIELDS} } }`;
const UNMARK = `mutation($id: ID!) { unmarkDuplicate(id: $id) { ${FIELDS} } }`;

const place = () => `Seminar room ${randomUUID().slice(0, 8)}`;

async function report(person: Person, text: { title: string; description: string }, location: string | null): Promise<Ticket> {
  const result = await stack.gql<{ createTicket: Ticket }>(
    `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${FIELDS} } }`,
    { i: { ...text, location } },
    person.accessToken,
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createTicket;
}

async function view(id: string, token: string): Promise<Ticket> {
  const result = await stack.gql<{ ticket: Ticket }>(`query($id: ID!) { ticket(id: $id) { ${FIELDS} } }`, { id }, token);
  if (!result.data?.ticket) throw new Error(JSON.stringify(result.errors));
  return result.data.ticket;
}

const ids = (tickets: Array<{ id: string }>) => tickets.map((t) => t.id);

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
});
afterEach(() => disconnectAll());
afterAll(() => stack?.close());

describe('linking a new ticket', () => {
  test('similar text at the same location (case aside) is linked to the earlier ticket, with a DUPLICATE history row', async () => {
    const [first, second] = [await stack.newUser(), await stack.newUser()];
    const location = place();
    const original = await report(first, PROJECTOR, location);
    const duplicate = await report(second, BEAMER, location.toUpperCase());
    expect(original.duplicateOf).toBeNull();
    const asAdmin = await view(duplicate.id, admin);
    expect(asAdmin.duplicateOf).toEqual({ id: original.id });
    expect(asAdmin.history.at(-1)).toEqual({
      kind: 'DUPLICATE',
      from: null,
      to: original.id,
      reason: expect.stringMatching(/^Linked automatically: very similar text at the same place within 7 days \(similarity 1\.00\)$/) as unknown,
      changedBy: { id: second.userId },
    });
    expect(ids((await view(original.id, admin)).duplicates)).toEqual([duplicate.id]);
    const events = await stack.system.db.knex('outbox.events').where({ aggregate_id: original.id, topic: 'ticket.duplicate_changed' });
    expect(events).toHaveLength(1);
  });

  test('another reporter sees neither side of the link; the same reporter sees both', async () => {
    const [first, second] = [await stack.newUser(), await stack.newUser()];
    const location = place();
    const original = await report(first, PROJECTOR, location);
    const theirs = await report(second, BEAMER, location);
    const mine = await report(first, BROKEN, location);
    expect((await view(theirs.id, admin)).duplicateOf).toEqual({ id: original.id });
    expect(theirs.duplicateOf).toBeNull();
    expect((await view(theirs.id, second.accessToken)).duplicateOf).toBeNull();
    expect(mine.duplicateOf).toEqual({ id: original.id });
    expect(ids((await view(original.id, first.accessToken)).duplicates)).toEqual([mine.id]);
    expect(ids((await view(original.id, admin)).duplicates)).toEqual([theirs.id, mine.id]);
  });

  test('a ticket like a duplicate is linked to its original', async () => {
    const person = await stack.newUser();
    const location = place();
    const original = await report(person, PROJECTOR, location);
    const second = await report(person, BEAMER, location);
    const third = await report(person, BROKEN, location);
    expect(second.duplicateOf).toEqual({ id: original.id });
    expect(third.duplicateOf).toEqual({ id: original.id });
    expect(ids((await view(original.id, admin)).duplicates)).toEqual([second.id, third.id]);
    expect((await view(second.id, admin)).duplicates).toEqual([]);
  });

  test('not linked: another location, no location, another fault at the same place, or an original that is resolved', async () => {
    const person = await stack.newUser();
    const location = place();
    const original = await report(person, PROJECTOR, location);
    expect((await report(person, BEAMER, place())).duplicateOf).toBeNull();
    expect((await report(person, BEAMER, null)).duplicateOf).toBeNull();
    expect((await report(person, CABLE, location)).duplicateOf).toBeNull();
    for (const status of ['IN_PROGRESS', 'RESOLVED']) {
      await stack.gql(
        'mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { id } }',
        { id: original.id, s: status },
        admin,
      );
    }
    // The linking itself happens here: this ticket repeats the cable one, which is still open.
    const again = await report(person, BEAMER, location);
    expect(again.duplicateOf).toBeNull();
    expect((await report(person, CABLE, location)).duplicateOf).not.toBeNull();
  });

  test('an original older than 7 days is not linked; one of 6 days is', async () => {
    const person = await stack.newUser();
    const location = place();
    const original = await report(person, PROJECTOR, location);
    const setAge = (days: number) =>
      stack.system.db
        .knex('maintenance.tickets')
        .where({ id: original.id })
        .update({ created_at: stack.system.db.knex.raw('now() - make_interval(days => ?)', [days]) });
    await setAge(8);
    expect((await report(person, BEAMER, location)).duplicateOf).toBeNull();
    // That ticket is now the most recent candidate too: move it away so only the original is left.
    await stack.system.db
      .knex('maintenance.tickets')
      .where({ location, duplicate_of: null })
      .whereNot({ id: original.id })
      .update({ location: place() });
    await setAge(6);
    expect((await report(person, BEAMER, location)).duplicateOf).toEqual({ id: original.id });
  });
});

describe('marking by hand', () => {
  test('an ADMIN marks and unmarks; each is in the history and an event; unmarking a ticket that is no duplicate changes nothing', async () => {
    const person = await stack.newUser();
    const original = await report(person, PROJECTOR, place());
    const other = await report(person, CABLE, place());
    const marked = await stack.gql<{ markDuplicate: Ticket }>(MARK, { id: other.id, of: original.id }, admin);
    expect(marked.data!.markDuplicate.duplicateOf).toEqual({ id: original.id });
    expect(marked.data!.markDuplicate.history.at(-1)).toMatchObject({ kind: 'DUPLICATE', from: null, to: original.id, reason: null });
    expect(ids((await view(original.id, person.accessToken)).duplicates)).toEqual([other.id]);
    const again = await stack.gql<{ markDuplicate: Ticket }>(MARK, { id: other.id, of: original.id }, admin);
    expect(again.data!.markDuplicate.history.filter((h) => h.kind === 'DUPLICATE')).toHaveLength(1);

    const unmarked = await stack.gql<{ unmarkDuplicate: Ticket }>(UNMARK, { id: other.id }, admin);
    expect(unmarked.data!.unmarkDuplicate.duplicateOf).toBeNull();
    expect(unmarked.data!.unmarkDuplicate.history.at(-1)).toMatchObject({ kind: 'DUPLICATE', from: original.id, to: null });
    expect((await view(original.id, admin)).duplicates).toEqual([]);
    const twice = await stack.gql<{ unmarkDuplicate: Ticket }>(UNMARK, { id: other.id }, admin);
    expect(twice.errors).toBeUndefined();
    expect(twice.data!.unmarkDuplicate.history).toEqual(unmarked.data!.unmarkDuplicate.history);
    const topics = await stack.system.db
      .knex('outbox.events')
      .where({ topic: 'ticket.duplicate_changed' })
      .whereIn('aggregate_id', [original.id, other.id]);
    expect(topics).toHaveLength(4);
  });

  test('ticketUpdated subscribers of the duplicate and of the original hear of a link', async () => {
    const person = await stack.newUser();
    const original = await report(person, PROJECTOR, place());
    const other = await report(person, CABLE, place());
    type Message = ExecutionResult<
      { ticketUpdated: { id: string; duplicateOf: { id: string } | null; duplicates: Array<{ id: string }> } },
      { topic: string }
    >;
    const watcher = follow<Message>(
      connect(stack.gatewayUrl, person.accessToken),
      'subscription { ticketUpdated { id duplicateOf { id } duplicates { id } } }',
    );
    await eventually(async () => expect(stack.system.gateway.liveStats().subscribers).toBe(1));
    await stack.gql(MARK, { id: other.id, of: original.id }, admin);
    await eventually(async () => expect(watcher.messages).toHaveLength(2));
    expect(watcher.messages.map((m) => m.extensions?.topic)).toEqual(['ticket.duplicate_changed', 'ticket.duplicate_changed']);
    expect(watcher.messages.map((m) => m.data?.ticketUpdated)).toEqual([
      { id: other.id, duplicateOf: { id: original.id }, duplicates: [] },
      { id: original.id, duplicateOf: null, duplicates: [{ id: other.id }] },
    ]);
  });

  test('only an ADMIN; unknown ids are NOT_FOUND; a ticket of its own or of its duplicate is BAD_USER_INPUT naming `of`', async () => {
    const person = await stack.newUser();
    const first = await report(person, PROJECTOR, place());
    const second = await report(person, CABLE, place());
    expect(codes(await stack.gql(MARK, { id: second.id, of: first.id }, person.accessToken))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.gql(UNMARK, { id: second.id }, person.accessToken))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.gql(MARK, { id: randomUUID(), of: first.id }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(MARK, { id: second.id, of: randomUUID() }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(UNMARK, { id: randomUUID() }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(MARK, { id: 'nope', of: first.id }, admin))).toEqual(['BAD_USER_INPUT']);
    const own = await stack.gql(MARK, { id: first.id, of: first.id }, admin);
    expect(codes(own)).toEqual(['BAD_USER_INPUT']);
    expect(own.errors![0].message).toMatch(/^of: /);
    expect((await stack.gql(MARK, { id: second.id, of: first.id }, admin)).errors).toBeUndefined();
    const cycle = await stack.gql(MARK, { id: first.id, of: second.id }, admin);
    expect(codes(cycle)).toEqual(['BAD_USER_INPUT']);
    expect(cycle.errors![0].message).toMatch(/^of: .*cycle/);
  });

  test("a ticket with duplicates marked as another's duplicate brings them along: links stay one level deep", async () => {
    const person = await stack.newUser();
    const location = place();
    const middle = await report(person, PROJECTOR, location);
    const child = await report(person, BEAMER, location);
    expect(child.duplicateOf).toEqual({ id: middle.id });
    const top = await report(person, CABLE, place());
    await stack.gql(MARK, { id: middle.id, of: top.id }, admin);
    expect(ids((await view(top.id, admin)).duplicates)).toEqual([middle.id, child.id]);
    const moved = await view(child.id, admin);
    expect(moved.duplicateOf).toEqual({ id: top.id });
    expect(moved.history.at(-1)).toMatchObject({
      kind: 'DUPLICATE',
      from: middle.id,
      to: top.id,
      reason: 'Its original was marked a duplicate of another ticket',
    });
    // Marking onto a duplicate links to its original.
    const late = await report(person, CABLE, place());
    const onto = await stack.gql<{ markDuplicate: Ticket }>(MARK, { id: late.id, of: child.id }, admin);
    expect(onto.data!.markDuplicate.duplicateOf).toEqual({ id: top.id });
  });

  test('two opposite marks at once: one wins, the other is refused, and no cycle is stored', async () => {
    const person = await stack.newUser();
    for (let round = 0; round < 5; round += 1) {
      const a = await report(person, PROJECTOR, place());
      const b = await report(person, CABLE, place());
      const results = await Promise.all([stack.gql(MARK, { id: a.id, of: b.id }, admin), stack.gql(MARK, { id: b.id, of: a.id }, admin)]);
      expect(results.flatMap(codes)).toEqual(['BAD_USER_INPUT']);
      const rows: Array<{ id: string; duplicate_of: string | null }> = await stack.system.db
        .knex('maintenance.tickets')
        .whereIn('id', [a.id, b.id])
        .select('id', 'duplicate_of');
      expect(rows.filter((row) => row.duplicate_of !== null)).toHaveLength(1);
    }
  });
});

test("the original's status change reaches every duplicate's reporter, and its own reporter as before", async () => {
  const [first, second] = [await stack.newUser(), await stack.newUser()];
  const location = place();
  const original = await report(first, PROJECTOR, location);
  const duplicate = await report(second, BEAMER, location);
  expect((await view(duplicate.id, admin)).duplicateOf).toEqual({ id: original.id });
  await stack.gql('mutation($id: ID!) { updateTicketStatus(id: $id, status: IN_PROGRESS) { id } }', { id: original.id }, admin);
  const notices = (person: Person, title: string) =>
    eventually(async () => {
      const result = await stack.gql<{ notifications: Array<{ title: string; message: string }> }>(
        '{ notifications { title message } }',
        {},
        person.accessToken,
      );
      const found = result.data!.notifications.filter((n) => n.title === title);
      expect(found).toHaveLength(1);
      return found[0];
    });
  expect(await notices(second, 'Merged ticket updated')).toEqual({
    title: 'Merged ticket updated',
    message: 'The ticket yours was merged into moved from open to in progress.',
  });
  expect((await notices(first, 'Ticket updated')).message).toBe('Your ticket "Projector not working" moved from open to in progress.');
});
