/**
 * The contract's role table for the users and gpa operations, as one table: every role (and no
 * token) × every operation, through the gateway, gives the data or the exact error code.
 */
import { randomUUID } from 'node:crypto';
import { DEMO, startTestStack, type TestStack } from './stack';

type Caller = 'ADMIN' | 'FACULTY' | 'STUDENT' | 'ANONYMOUS';
type Outcome = 'data' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface Session {
  accessToken: string | null;
  userId: string | null;
}

interface Fixture {
  caller: Session;
  /** A STUDENT account made for this case only. */
  other: { id: string; email: string };
  freshRefreshToken: () => Promise<string>;
}

interface Operation {
  name: string;
  document: string;
  variables: (fixture: Fixture) => Promise<Record<string, unknown>> | Record<string, unknown>;
  field: string;
  expect: Record<Caller, Outcome>;
}

const ANY_SIGNED_IN: Record<Caller, Outcome> = { ADMIN: 'data', FACULTY: 'data', STUDENT: 'data', ANONYMOUS: 'UNAUTHENTICATED' };
const ADMIN_ONLY: Record<Caller, Outcome> = { ADMIN: 'data', FACULTY: 'FORBIDDEN', STUDENT: 'FORBIDDEN', ANONYMOUS: 'UNAUTHENTICATED' };
const EVERYONE: Record<Caller, Outcome> = { ADMIN: 'data', FACULTY: 'data', STUDENT: 'data', ANONYMOUS: 'data' };

const OPERATIONS: Operation[] = [
  {
    name: 'login',
    document: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { role } } }',
    variables: () => ({ e: DEMO.FACULTY.email, p: DEMO.FACULTY.password }),
    field: 'login',
    expect: EVERYONE,
  },
  {
    name: 'refreshToken',
    document: 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }',
    variables: async ({ freshRefreshToken }) => ({ t: await freshRefreshToken() }),
    field: 'refreshToken',
    expect: EVERYONE,
  },
  { name: 'me', document: '{ me { id role } }', variables: () => ({}), field: 'me', expect: ANY_SIGNED_IN },
  {
    name: 'logout',
    document: 'mutation($t: String!) { logout(refreshToken: $t) }',
    variables: async ({ freshRefreshToken }) => ({ t: await freshRefreshToken() }),
    field: 'logout',
    expect: ANY_SIGNED_IN,
  },
  { name: 'users', document: '{ users { id email } }', variables: () => ({}), field: 'users', expect: ADMIN_ONLY },
  {
    name: 'createUser',
    document: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    variables: () => ({ i: { email: `new-${randomUUID()}@example.com`, name: 'New Person', password: 'a-long-password', role: 'STUDENT' } }),
    field: 'createUser',
    expect: ADMIN_ONLY,
  },
  {
    name: 'deleteUser',
    document: 'mutation($id: ID!) { deleteUser(id: $id) }',
    variables: ({ other }) => ({ id: other.id }),
    field: 'deleteUser',
    expect: ADMIN_ONLY,
  },
  {
    name: 'user (own record)',
    document: 'query($id: ID!) { user(id: $id) { id email } }',
    variables: ({ caller, other }) => ({ id: caller.userId ?? other.id }),
    field: 'user',
    expect: ANY_SIGNED_IN,
  },
  {
    name: "user (someone else's record)",
    document: 'query($id: ID!) { user(id: $id) { id email } }',
    variables: ({ other }) => ({ id: other.id }),
    field: 'user',
    expect: ADMIN_ONLY,
  },
  {
    name: 'updateUser (own name)',
    document: 'mutation($id: ID!) { updateUser(id: $id, input: { name: "Renamed Person" }) { name } }',
    variables: ({ caller, other }) => ({ id: caller.userId ?? other.id }),
    field: 'updateUser',
    expect: ANY_SIGNED_IN,
  },
  {
    name: 'updateUser (own role)',
    document: 'mutation($id: ID!) { updateUser(id: $id, input: { role: ADMIN }) { role } }',
    variables: ({ caller, other }) => ({ id: caller.userId ?? other.id }),
    field: 'updateUser',
    expect: ADMIN_ONLY,
  },
  {
    name: "updateUser (someone else's record)",
    document: 'mutation($id: ID!) { updateUser(id: $id, input: { name: "Renamed Person" }) { name } }',
    variables: ({ other }) => ({ id: other.id }),
    field: 'updateUser',
    expect: ADMIN_ONLY,
  },
  {
    name: 'calculateGpa',
    document: '{ calculateGpa(classes: [{ grade: "A", weight: 3 }, { gpa: 3.0, weight: 1 }]) { gpa totalWeight classCount } }',
    variables: () => ({}),
    field: 'calculateGpa',
    expect: { ADMIN: 'FORBIDDEN', FACULTY: 'data', STUDENT: 'data', ANONYMOUS: 'UNAUTHENTICATED' },
  },
];

const CALLERS: Caller[] = ['ADMIN', 'FACULTY', 'STUDENT', 'ANONYMOUS'];
const CASES = OPERATIONS.flatMap((operation) => CALLERS.map((caller) => [operation.name, caller, operation.expect[caller], operation] as const));

let stack: TestStack;
let adminToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  adminToken = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
});
afterAll(() => stack?.close());

async function sessionOf(caller: Caller): Promise<Session> {
  if (caller === 'ANONYMOUS') return { accessToken: null, userId: null };
  const { accessToken, userId } = await stack.login(DEMO[caller].email, DEMO[caller].password);
  return { accessToken, userId };
}

test.each(CASES)('%s as %s gives %s', async (_name, caller, outcome, operation) => {
  const email = `other-${randomUUID()}@example.com`;
  const created = await stack.gql<{ createUser: { id: string } }>(
    'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    { i: { email, name: 'Other Person', password: 'other-password-1', role: 'STUDENT' } },
    adminToken,
  );
  const fixture: Fixture = {
    caller: await sessionOf(caller),
    other: { id: created.data!.createUser.id, email },
    freshRefreshToken: async () => (await stack.login(email, 'other-password-1')).refreshToken,
  };
  const response = await stack.gql(operation.document, await operation.variables(fixture), fixture.caller.accessToken);

  if (outcome === 'data') {
    expect(response.errors).toBeUndefined();
    expect(response.data?.[operation.field]).toBeDefined();
    expect(response.data?.[operation.field]).not.toBeNull();
  } else {
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual([outcome]);
    expect(response.errors?.[0].path).toEqual([operation.field]);
    // Nothing of a denied field leaks: it is null, or its null reached the root.
    expect(response.data?.[operation.field] ?? null).toBeNull();
  }
});
