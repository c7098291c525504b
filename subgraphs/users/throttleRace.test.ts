/**
 * Sign-in throttling under concurrency: each attempt is reserved in the database before its
 * password hash runs, so parallel wrong passwords cannot slip past the limit (on PostgreSQL the
 * attempts run on separate pooled connections). Its own file: the locks would hold elsewhere.
 */
import { codes, startTestStack, type TestStack } from '../../test/stack';
import { THROTTLE } from './throttle';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
const tally = (all: string[]) => all.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});

test('40 parallel wrong passwords for one account: exactly 5 UNAUTHENTICATED, 35 RATE_LIMITED, then locked', async () => {
  const victim = await stack.newUser('STUDENT');
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => stack.gql(LOGIN, { e: victim.email, p: `wrong-password-${i}` })));
  expect(tally(results.flatMap(codes))).toEqual({ UNAUTHENTICATED: THROTTLE.accountFailures, RATE_LIMITED: 40 - THROTTLE.accountFailures });
  expect(codes(await stack.gql(LOGIN, { e: victim.email, p: victim.password }))).toEqual(['RATE_LIMITED']);
});

test('aliased logins in one document count one by one', async () => {
  const victim = await stack.newUser('STUDENT');
  const fields = Array.from({ length: 7 }, (_, i) => `a${i}: login(email: $e, password: "wrong-password-${i}") { accessToken }`).join(' ');
  const document = `mutation($e: String!) { ${fields} }`;
  // Mutations run in order and a failed non-null login ends the document: one attempt each.
  for (let i = 0; i < THROTTLE.accountFailures; i++) expect(codes(await stack.gql(document, { e: victim.email }))).toEqual(['UNAUTHENTICATED']);
  const row = await stack.system.db
    .knex<{ key: string; failures: number }>('users.sign_in_throttle')
    .where({ key: `account:${victim.email}` })
    .first('failures');
  expect(row?.failures).toBe(THROTTLE.accountFailures);
  expect(codes(await stack.gql(document, { e: victim.email }))).toEqual(['RATE_LIMITED']);
});

test('parallel sign-ins with the right password all succeed: only failures count', async () => {
  const person = await stack.newUser('STUDENT');
  const results = await Promise.all(Array.from({ length: 12 }, () => stack.gql(LOGIN, { e: person.email, p: person.password })));
  expect(results.flatMap(codes)).toEqual([]);
});
