/**
 * Accounts and sign-in through the gateway, against a real database: tokens, rotation,
 * logout, throttling, the account rules and every bad input.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createAccessTokenService } from '../../lib/auth';
import { DEV_JWT_SECRET } from '../../lib/config';
import { UsersService } from './service';
import type { StoredUser } from './store';
import { codes, DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
});
afterAll(() => stack?.close());

const CREATE = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id email name role createdAt } }';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken expiresIn user { id email role } } }';
const REFRESH = 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }';
const LOGOUT = 'mutation($t: String!) { logout(refreshToken: $t) }';
const UPDATE = 'mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id name role } }';
const DELETE = 'mutation($id: ID!) { deleteUser(id: $id) }';

async function newUser(role = 'STUDENT', password = 'correct-horse-battery') {
  const email = `user-${randomUUID()}@example.com`;
  const result = await stack.gql<{ createUser: { id: string } }>(CREATE, { i: { email, name: 'Test Person', password, role } }, admin);
  expect(result.errors).toBeUndefined();
  return { id: result.data!.createUser.id, email, password };
}

describe('login', () => {
  test.each(Object.entries(DEMO))('the demo %s signs in with a 15-minute access token', async (role, { email, password }) => {
    const result = await stack.gql<{ login: { accessToken: string; expiresIn: number; user: { role: string; email: string } } }>(LOGIN, {
      e: email,
      p: password,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.login.user).toMatchObject({ role, email });
    expect(result.data!.login.expiresIn).toBeLessThanOrEqual(900);
    const claims = jwt.decode(result.data!.login.accessToken) as jwt.JwtPayload;
    expect(claims).toMatchObject({ role, iss: 'campus-services-hub', aud: 'campus-services-hub' });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
    expect(jwt.decode(result.data!.login.accessToken, { complete: true })!.header.alg).toBe('HS256');
  });

  test('email is matched case-insensitively', async () => {
    const result = await stack.gql(LOGIN, { e: '  Faculty@Example.COM ', p: DEMO.FACULTY.password });
    expect(result.errors).toBeUndefined();
  });

  test('an unknown email and a wrong password get the same answer', async () => {
    const unknown = await stack.gql(LOGIN, { e: `nobody-${randomUUID()}@example.com`, p: 'whatever-password' });
    const wrong = await stack.gql(LOGIN, { e: DEMO.STUDENT.email, p: 'not-the-password' });
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
    expect(unknown.data).toBeNull();
  });

  test('five failures lock the account for everyone, even with the right password', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) {
      expect(codes(await stack.gql(LOGIN, { e: user.email, p: `wrong-${i}` }))).toEqual(['UNAUTHENTICATED']);
    }
    const locked = await stack.gql(LOGIN, { e: user.email, p: user.password });
    expect(codes(locked)).toEqual(['RATE_LIMITED']);
    expect(codes(await stack.gql(LOGIN, { e: user.email.toUpperCase(), p: user.password }))).toEqual(['RATE_LIMITED']);
    // Another account is not affected.
    expect((await stack.gql(LOGIN, { e: DEMO.STUDENT.email, p: DEMO.STUDENT.password })).errors).toBeUndefined();
  });

  test('housekeeping forgets counts whose window and lock have passed, and only those', async () => {
    const knex = stack.system.db.knex;
    const old = `account:old-${randomUUID()}`;
    const stillLocked = `account:locked-${randomUUID()}`;
    const current = `account:current-${randomUUID()}`;
    await knex('users.sign_in_throttle').insert([
      { key: old, failures: 3, window_started_at: knex.raw("now() - interval '1 hour'"), locked_until: null },
      {
        key: stillLocked,
        failures: 5,
        window_started_at: knex.raw("now() - interval '20 minutes'"),
        locked_until: knex.raw("now() + interval '5 minutes'"),
      },
      { key: current, failures: 2, window_started_at: knex.raw('now()'), locked_until: null },
    ]);
    await new UsersService(knex, createAccessTokenService(stack.config.jwt), 7).throttle.prune();
    const keys = (await knex('users.sign_in_throttle').whereIn('key', [old, stillLocked, current]).select('key')).map((r: { key: string }) => r.key);
    expect(keys.sort()).toEqual([current, stillLocked].sort());
  });

  test('successful sign-ins never count towards the lock', async () => {
    const user = await newUser();
    for (let i = 0; i < 4; i++) await stack.gql(LOGIN, { e: user.email, p: `wrong-${i}` });
    for (let i = 0; i < 6; i++) expect((await stack.gql(LOGIN, { e: user.email, p: user.password })).errors).toBeUndefined();
  });
});

describe('refresh tokens', () => {
  test('refreshToken rotates: the new pair works, the old token does not', async () => {
    const first = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    const rotated = await stack.gql<{ refreshToken: { accessToken: string; refreshToken: string; user: { id: string } } }>(REFRESH, {
      t: first.refreshToken,
    });
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data!.refreshToken.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.data!.refreshToken.user.id).toBe(first.userId);
    const me = await stack.gql<{ me: { id: string } }>('{ me { id } }', {}, rotated.data!.refreshToken.accessToken);
    expect(me.data!.me.id).toBe(first.userId);
    expect(codes(await stack.gql(REFRESH, { t: rotated.data!.refreshToken.refreshToken }))).toEqual([]);
  });

  test('presenting a rotated token revokes its whole family', async () => {
    const first = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    const second = await stack.gql<{ refreshToken: { refreshToken: string } }>(REFRESH, { t: first.refreshToken });
    const latest = second.data!.refreshToken.refreshToken;
    expect(codes(await stack.gql(REFRESH, { t: first.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.gql(REFRESH, { t: latest }))).toEqual(['UNAUTHENTICATED']);
    // Another sign-in's family is untouched.
    const other = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    expect(codes(await stack.gql(REFRESH, { t: other.refreshToken }))).toEqual([]);
  });

  test('two concurrent rotations of one token: exactly one succeeds', async () => {
    const { refreshToken } = await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password);
    const results = await Promise.all([stack.gql(REFRESH, { t: refreshToken }), stack.gql(REFRESH, { t: refreshToken })]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
  });

  test('unknown and malformed refresh tokens are refused', async () => {
    expect(codes(await stack.gql(REFRESH, { t: 'A'.repeat(43) }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.gql(REFRESH, { t: 'not a token' }))).toEqual(['UNAUTHENTICATED']);
  });

  test('logout revokes, and is idempotent for any well-formed token', async () => {
    const session = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    // The logged-out session's own access token ends with it (sessions.test.ts), so another signs the repeats.
    const other = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    const once = await stack.gql<{ logout: boolean }>(LOGOUT, { t: session.refreshToken }, session.accessToken);
    expect(once.data).toEqual({ logout: true });
    expect(await stack.gql(LOGOUT, { t: session.refreshToken }, other.accessToken)).toMatchObject({ data: { logout: true } });
    expect(await stack.gql(LOGOUT, { t: 'B'.repeat(43) }, other.accessToken)).toMatchObject({ data: { logout: true } });
    expect(codes(await stack.gql(REFRESH, { t: session.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    const malformed = await stack.gql(LOGOUT, { t: 'short' }, other.accessToken);
    expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.errors![0].message).toMatch(/refreshToken/);
  });
});

describe('access tokens', () => {
  const sign = (claims: object, secret = DEV_JWT_SECRET, options: jwt.SignOptions = {}) =>
    jwt.sign({ role: 'ADMIN', ...claims }, secret, {
      issuer: 'campus-services-hub',
      audience: 'campus-services-hub',
      subject: randomUUID(),
      ...options,
    });

  test.each([
    ['expired', () => sign({}, DEV_JWT_SECRET, { expiresIn: -10 })],
    ['signed with another key', () => sign({}, 'someone-elses-secret', { expiresIn: 60 })],
    ['for another audience', () => sign({}, DEV_JWT_SECRET, { expiresIn: 60, audience: 'elsewhere' })],
    ['unsigned (alg none)', () => jwt.sign({ role: 'ADMIN', sub: randomUUID() }, '', { algorithm: 'none' })],
    ['with an unknown role', () => sign({ role: 'ROOT' }, DEV_JWT_SECRET, { expiresIn: 60 })],
    ['not a JWT at all', () => 'garbage'],
  ])('a token %s is UNAUTHENTICATED', async (_name, token) => {
    const result = await stack.gql('{ users { id } }', {}, token());
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toBeNull();
  });
});

describe('accounts', () => {
  test('createUser stores a hashed password and the new account can sign in', async () => {
    const user = await newUser('FACULTY');
    const row = await stack.system.db.knex<StoredUser>('users.users').where({ id: user.id }).first('password_hash', 'role');
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.role).toBe('FACULTY');
    expect((await stack.gql(LOGIN, { e: user.email, p: user.password })).errors).toBeUndefined();
  });

  test('role defaults to STUDENT', async () => {
    const result = await stack.gql<{ createUser: { role: string } }>(
      CREATE,
      { i: { email: `d-${randomUUID()}@example.com`, name: 'Default Role', password: 'long-enough-pw' } },
      admin,
    );
    expect(result.data!.createUser.role).toBe('STUDENT');
  });

  test('emails are unique case-insensitively: CONFLICT', async () => {
    const result = await stack.gql(CREATE, { i: { email: 'ADMIN@example.com', name: 'Dup', password: 'long-enough-pw', role: 'STUDENT' } }, admin);
    expect(codes(result)).toEqual(['CONFLICT']);
    expect(result.errors![0].message).toMatch(/email/i);
  });

  test('the database itself refuses a duplicate email', async () => {
    await expect(
      stack.system.db.knex('users.users').insert({ email: 'Student@Example.com', name: 'x', role: 'STUDENT', password_hash: 'x' }),
    ).rejects.toMatchObject({ code: '23505' });
  });

  test('concurrent creation of one email: one wins, the rest CONFLICT', async () => {
    const email = `race-${randomUUID()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        stack.gql(CREATE, { i: { email: i % 2 ? email.toUpperCase() : email, name: 'Racer', password: 'long-enough-pw' } }, admin),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(codes).sort()).toEqual(Array(7).fill('CONFLICT'));
  });

  test.each([
    ['input.email', { email: 'not-an-email' }],
    ['input.email', { email: '   ' }],
    ['input.name', { name: '' }],
    ['input.name', { name: '    ' }],
    ['input.name', { name: 'x'.repeat(201) }],
    ['input.password', { password: 'short-pw1' }],
    ['input.password', { password: 'p'.repeat(129) }],
  ])('createUser refuses a bad %s', async (argument, change) => {
    const input = { email: `v-${randomUUID()}@example.com`, name: 'Valid Name', password: 'valid-password', role: 'STUDENT', ...change };
    const result = await stack.gql(CREATE, { i: input }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toContain(argument);
  });

  test('limits are inclusive: 200-character name, 10- and 128-character passwords', async () => {
    for (const change of [{ name: 'n'.repeat(200) }, { password: 'p'.repeat(10) }, { password: 'p'.repeat(128) }]) {
      const input = { email: `ok-${randomUUID()}@example.com`, name: 'Valid Name', password: 'valid-password', ...change };
      expect((await stack.gql(CREATE, { i: input }, admin)).errors).toBeUndefined();
    }
  });

  test('a user renames themself but cannot change their own role', async () => {
    const user = await newUser();
    const { accessToken } = await stack.login(user.email, user.password);
    expect((await stack.gql(UPDATE, { id: user.id, i: { name: '  New Name  ' } }, accessToken)).data).toEqual({
      updateUser: { id: user.id, name: 'New Name', role: 'STUDENT' },
    });
    const promote = await stack.gql(UPDATE, { id: user.id, i: { role: 'ADMIN' } }, accessToken);
    expect(codes(promote)).toEqual(['FORBIDDEN']);
    const row = await stack.system.db.knex<StoredUser>('users.users').where({ id: user.id }).first('role');
    expect(row?.role).toBe('STUDENT');
  });

  test('a new password ends the old sessions and works for sign-in', async () => {
    const user = await newUser();
    const session = await stack.login(user.email, user.password);
    const changed = await stack.gql(UPDATE, { id: user.id, i: { password: 'a-brand-new-password' } }, session.accessToken);
    expect(changed.errors).toBeUndefined();
    expect(codes(await stack.gql(REFRESH, { t: session.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.gql(LOGIN, { e: user.email, p: user.password }))).toEqual(['UNAUTHENTICATED']);
    expect((await stack.gql(LOGIN, { e: user.email, p: 'a-brand-new-password' })).errors).toBeUndefined();
  });

  test('an ADMIN changes roles, but the last ADMIN keeps the role', async () => {
    const user = await newUser();
    expect((await stack.gql(UPDATE, { id: user.id, i: { role: 'FACULTY' } }, admin)).data).toMatchObject({ updateUser: { role: 'FACULTY' } });
    const me = await stack.gql<{ me: { id: string } }>('{ me { id } }', {}, admin);
    const demote = await stack.gql(UPDATE, { id: me.data!.me.id, i: { role: 'STUDENT' } }, admin);
    expect(codes(demote)).toEqual(['BAD_USER_INPUT']);
    expect(demote.errors![0].message).toContain('input.role');
  });

  test('updateUser and deleteUser: unknown ids are NOT_FOUND, malformed ids BAD_USER_INPUT', async () => {
    expect(codes(await stack.gql(UPDATE, { id: randomUUID(), i: { name: 'x' } }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(DELETE, { id: randomUUID() }, admin))).toEqual(['NOT_FOUND']);
    for (const id of ['42', "1' OR '1'='1", '']) {
      expect(codes(await stack.gql(UPDATE, { id, i: { name: 'x' } }, admin))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.gql(DELETE, { id }, admin))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.gql('query($id: ID!) { user(id: $id) { id } }', { id }, admin))).toEqual(['BAD_USER_INPUT']);
    }
  });

  test('an ADMIN cannot delete their own account', async () => {
    const me = await stack.gql<{ me: { id: string } }>('{ me { id } }', {}, admin);
    expect(codes(await stack.gql(DELETE, { id: me.data!.me.id }, admin))).toEqual(['BAD_USER_INPUT']);
  });

  test('a deleted account: gone from user(id), its sessions and access tokens refused', async () => {
    const user = await newUser();
    const session = await stack.login(user.email, user.password);
    expect((await stack.gql(DELETE, { id: user.id }, admin)).data).toEqual({ deleteUser: true });
    expect((await stack.gql('query($id: ID!) { user(id: $id) { id } }', { id: user.id }, admin)).data).toEqual({ user: null });
    expect(codes(await stack.gql(REFRESH, { t: session.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    await eventually(async () => expect(codes(await stack.gql('{ me { id } }', {}, session.accessToken))).toEqual(['UNAUTHENTICATED']));
  });

  test('what a deleted account left behind still resolves its user; its email can be used again', async () => {
    const user = await newUser();
    const session = await stack.login(user.email, user.password);
    const ticket = await stack.gql<{ createTicket: { id: string } }>(
      'mutation { createTicket(input: { title: "Broken chair", description: "A chair is broken." }) { id } }',
      {},
      session.accessToken,
    );
    expect((await stack.gql(DELETE, { id: user.id }, admin)).data).toEqual({ deleteUser: true });
    const listed = await stack.gql<{ ticket: { reporter: { id: string; name: string } } }>(
      'query($id: ID!) { ticket(id: $id) { reporter { id name } } }',
      { id: ticket.data!.createTicket.id },
      admin,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.ticket.reporter).toEqual({ id: user.id, name: 'Test Person' });
    const all = await stack.gql<{ users: Array<{ id: string }> }>('{ users(limit: 100) { id } }', {}, admin);
    expect(all.data!.users.map((u) => u.id)).not.toContain(user.id);
    expect(codes(await stack.gql(DELETE, { id: user.id }, admin))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql(LOGIN, { e: user.email, p: user.password }))).toEqual(['UNAUTHENTICATED']);
    const again = await stack.gql(CREATE, { i: { email: user.email, name: 'New Owner', password: 'another-password' } }, admin);
    expect(again.errors).toBeUndefined();
  });

  test('users: role filter, default and maximum page size, offset', async () => {
    for (let i = 0; i < 3; i++) await newUser('FACULTY');
    const faculty = await stack.gql<{ users: Array<{ role: string }> }>('{ users(role: FACULTY) { role } }', {}, admin);
    expect(faculty.data!.users.length).toBeGreaterThanOrEqual(4);
    expect(new Set(faculty.data!.users.map((u) => u.role))).toEqual(new Set(['FACULTY']));
    const all = await stack.gql<{ users: Array<{ id: string }> }>('{ users(limit: 1000) { id } }', {}, admin);
    expect(all.data!.users.length).toBeLessThanOrEqual(100);
    const count = Number((await stack.system.db.knex('users.users').whereNull('deleted_at').count({ n: '*' }).first())!.n);
    expect(all.data!.users.length).toBe(Math.min(count, 100));
    const defaults = await stack.gql<{ users: unknown[] }>('{ users { id } }', {}, admin);
    expect(defaults.data!.users.length).toBe(Math.min(count, 50));
    const page = await stack.gql<{ users: Array<{ id: string }> }>('{ users(limit: 2, offset: 1) { id } }', {}, admin);
    expect(page.data!.users.map((u) => u.id)).toEqual(all.data!.users.slice(1, 3).map((u) => u.id));
    expect(codes(await stack.gql('{ users(limit: -1) { id } }', {}, admin))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.gql('{ users(offset: -5) { id } }', {}, admin))).toEqual(['BAD_USER_INPUT']);
  });
});
