/** The typed example client (client/example.ts) against the live stack: sign in, book, open a ticket, follow it. */
import { runExample } from '../client/example';
import { DEMO, startGatewayBeside, startTestStack, type TestStack } from './stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Runs the example against `url` while staff move its ticket through the stack's own gateway. */
async function runWithStaff(url: string) {
  const admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  const lines: string[] = [];
  const result = await runExample({
    url,
    email: DEMO.STUDENT.email,
    password: DEMO.STUDENT.password,
    updates: 2,
    log: (line) => {
      lines.push(line);
      // Staff pick the ticket up as soon as it exists: the example must see that live.
      const opened = /^opened ticket ([0-9a-f-]{36})/.exec(line);
      if (opened) void stack.gql('mutation($id: ID!) { updateTicketStatus(id: $id, status: IN_PROGRESS) { id } }', { id: opened[1] }, admin);
    },
  });
  return { result, lines };
}

test('the example signs in, books a room, opens a ticket and receives its live updates', async () => {
  const { result, lines } = await runWithStaff(stack.gatewayUrl);
  expect(lines[0]).toMatch(/signed in as Sam Student \(STUDENT\)/);
  expect(result.updates.map((u) => u.status)).toEqual([expect.any(String), 'IN_PROGRESS']);
  expect(result.updates.every((u) => u.id === result.ticketId)).toBe(true);
  expect(Number(result.updates[1].eventId)).toBeGreaterThan(Number(result.updates[0].eventId));
  const booking = await stack.system.db.knex<{ id: string; status: string }>('booking.bookings').where({ id: result.bookingId }).first();
  expect(booking?.status).toBe('ACTIVE');
});

test('it works unchanged against a gateway that runs only trusted documents', async () => {
  const trustedOnly = await startGatewayBeside(stack, { TRUSTED_DOCUMENTS_ONLY: 'true' });
  try {
    const { result } = await runWithStaff(trustedOnly.url);
    expect(result.updates.map((u) => u.status)).toEqual([expect.any(String), 'IN_PROGRESS']);
  } finally {
    await trustedOnly.stop();
  }
});
