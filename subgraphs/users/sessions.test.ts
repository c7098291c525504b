/**
 * Sessions through the gateway: every cause of revocation ends the session's access tokens on
 * a query, a mutation and an open subscription (4403), on this gateway and on a second one
 * that has no database; mySessions and revokeSession; the revocation feed's signature.
 */
import { createClient, type Client } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { hmacBase64 } from '../../lib/hmac';
import { listen, type RunningServer } from '../../lib/http';
import { createLogger } from '../../lib/logger';
import { FEED_SIGNATURE_HEADER } from '../../lib/revocationFeed';
import { createGateway, type Gateway } from '../../gateway/server';
import { codes, DEMO, eventually, startTestStack, testConfig, type TestStack } from '../../test/stack';

let stack: TestStack;
let admin: string;
let second: { gateway: Gateway; server: RunningServer; url: string };
const clients: Client[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  // Another gateway instance with no database at all: it learns revocations from the feed only.
  const gateway = await createGateway({
    config: testConfig({ DATABASE_URL: '' }),
    logger: createLogger('silent', 'test'),
    subgraphUrls: stack.system.subgraphUrls,
  });
  const server = await listen(gateway.app, 0, '127.0.0.1');
  gateway.attachWebSockets(server.httpServer);
  second = { gateway, server, url: `${server.url}/graphql` };
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map(async (client) => client.dispose()));
});
afterAll(async () => {
  await second?.gateway.stop();
  await second?.server.close();
  await stack?.close();
});

const ME = '{ me { id } }';
const MUTATION = 'mutation { markAllNotificationsRead }';
const REFRESH = 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';
const sessionIdOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;

/** A graphql-ws connection through `url`, resolved once acknowledged; `closedWith()` is its close code (0 while open). */
async function openSocket(url: string, token: string): Promise<{ closedWith: () => number }> {
  let code = 0;
  let acknowledged = false;
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { connected: () => void (acknowledged = true), closed: (event) => void (code = (event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  client.subscribe({ query: 'subscription { ticketUpdated { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
  await eventually(async () => expect(acknowledged).toBe(true));
  return { closedWith: () => code };
}

interface Victim {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

interface Cause {
  name: string;
  /** Ends the victim's session; returns the access tokens that must stop working. */
  revoke(victim: Victim): Promise<string[]>;
}

const CAUSES: Cause[] = [
  {
    name: 'logout',
    revoke: async (v) => {
      expect((await stack.gql('mutation($t: String!) { logout(refreshToken: $t) }', { t: v.refreshToken }, v.accessToken)).data).toEqual({
        logout: true,
      });
      return [v.accessToken];
    },
  },
  {
    name: 'refresh-token reuse',
    revoke: async (v) => {
      const rotated = await stack.gql<{ refreshToken: { accessToken: string } }>(REFRESH, { t: v.refreshToken });
      expect(rotated.errors).toBeUndefined();
      expect(codes(await stack.gql(REFRESH, { t: v.refreshToken }))).toEqual(['UNAUTHENTICATED']);
      return [v.accessToken, rotated.data!.refreshToken.accessToken];
    },
  },
  {
    name: 'a password change',
    revoke: async (v) => {
      const changed = await stack.gql(
        'mutation($id: ID!) { updateUser(id: $id, input: { password: "a-brand-new-password" }) { id } }',
        { id: v.userId },
        v.accessToken,
      );
      expect(changed.errors).toBeUndefined();
      return [v.accessToken];
    },
  },
  {
    name: 'a role change',
    revoke: async (v) => {
      const changed = await stack.gql('mutation($id: ID!) { updateUser(id: $id, input: { role: FACULTY }) { role } }', { id: v.userId }, admin);
      expect(changed.errors).toBeUndefined();
      return [v.accessToken];
    },
  },
  {
    name: 'deleting the account',
    revoke: async (v) => {
      expect((await stack.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id: v.userId }, admin)).data).toEqual({ deleteUser: true });
      return [v.accessToken];
    },
  },
  {
    name: "an ADMIN's revokeSessions",
    revoke: async (v) => {
      const revoked = await stack.gql<{ revokeSessions: number }>('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: v.userId }, admin);
      expect(revoked.data).toEqual({ revokeSessions: 2 });
      return [v.accessToken];
    },
  },
  {
    name: 'their own revokeSession',
    revoke: async (v) => {
      const revoked = await stack.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: sessionIdOf(v.accessToken) }, v.accessToken);
      expect(revoked.data).toEqual({ revokeSession: true });
      return [v.accessToken];
    },
  },
];

describe.each(CAUSES)('after $name', (cause) => {
  test("the session's access tokens are refused on a query, a mutation and open subscriptions (4403) on every gateway", async () => {
    const victim = await stack.newUser('STUDENT');
    const untouched = await stack.login(victim.email, victim.password);
    // The positive case first: everything works before the revocation.
    expect((await stack.gql<{ me: { id: string } }>(ME, {}, victim.accessToken)).data?.me.id).toBe(victim.userId);
    expect((await stack.gql(MUTATION, {}, victim.accessToken)).errors).toBeUndefined();
    const sockets = [await openSocket(stack.gatewayUrl, victim.accessToken), await openSocket(second.url, victim.accessToken)];

    const ended = await cause.revoke(victim);

    for (const token of ended) {
      await eventually(async () => expect(codes(await stack.gql(ME, {}, token))).toEqual(['UNAUTHENTICATED']), 5000);
      await eventually(async () => expect(codes(await stack.gql(MUTATION, {}, token))).toEqual(['UNAUTHENTICATED']), 5000);
    }
    for (const socket of sockets) await eventually(async () => expect(socket.closedWith()).toBe(4403), 5000);
    // A new connection with the old token is refused too.
    const again = createClient({
      url: second.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${victim.accessToken}` },
      onNonLazyError: () => undefined,
    });
    clients.push(again);
    let refused = 0;
    again.on('closed', (event) => void (refused = (event as { code: number }).code));
    await eventually(async () => expect(refused).toBe(4403), 5000);

    // Only the causes that end every session of the account reach the other sign-in.
    const endsAll = ['a password change', 'a role change', 'deleting the account', "an ADMIN's revokeSessions"].includes(cause.name);
    expect(codes(await stack.gql(ME, {}, untouched.accessToken))).toEqual(endsAll ? ['UNAUTHENTICATED'] : []);
  });
});

test('a role change: the person signs in again and gets the new role', async () => {
  const victim = await stack.newUser('STUDENT');
  await stack.gql('mutation($id: ID!) { updateUser(id: $id, input: { role: FACULTY }) { role } }', { id: victim.userId }, admin);
  const again = await stack.login(victim.email, victim.password);
  expect((jwt.decode(again.accessToken) as { role: string }).role).toBe('FACULTY');
  expect((await stack.gql<{ me: { role: string } }>('{ me { role } }', {}, again.accessToken)).data?.me.role).toBe('FACULTY');
});

test('a gateway that cannot reach the feed keeps serving, and the subgraphs still refuse a revoked session', async () => {
  const blind = await createGateway({
    config: testConfig({ DATABASE_URL: '', REVOCATION_FEED_URL: 'http://127.0.0.1:9/revocations' }),
    logger: createLogger('silent', 'test'),
    subgraphUrls: stack.system.subgraphUrls,
  });
  const server = await listen(blind.app, 0, '127.0.0.1');
  try {
    const ask = async (token: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ME }),
      });
      return codes({ status: response.status, ...((await response.json()) as object) });
    };
    const victim = await stack.newUser('STUDENT');
    expect(await ask(victim.accessToken)).toEqual([]);
    await stack.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: victim.userId }, admin);
    await eventually(async () => expect(await ask(victim.accessToken)).toEqual(['UNAUTHENTICATED']), 5000);
  } finally {
    await blind.stop();
    await server.close();
  }
});

describe('mySessions and revokeSession', () => {
  const MY_SESSIONS = '{ mySessions { id createdAt lastUsedAt clientAddress userAgent current } }';

  test('lists the live sign-ins with device and address, marks the current one, and drops a revoked one', async () => {
    const person = await stack.newUser('FACULTY');
    const other = await stack.login(person.email, person.password);
    const listed = await stack.gql<{
      mySessions: Array<{ id: string; current: boolean; clientAddress: string; userAgent: string; lastUsedAt: string }>;
    }>(MY_SESSIONS, {}, person.accessToken);
    expect(listed.errors).toBeUndefined();
    const sessions = listed.data!.mySessions;
    expect(sessions.map((s) => s.id).sort()).toEqual([sessionIdOf(person.accessToken), sessionIdOf(other.accessToken)].sort());
    expect(sessions.find((s) => s.current)?.id).toBe(sessionIdOf(person.accessToken));
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    for (const session of sessions) {
      expect(session.clientAddress).toBe('127.0.0.1');
      expect(session.userAgent).toEqual(expect.any(String));
      expect(session.lastUsedAt).toEqual(expect.any(String));
    }
    await stack.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: sessionIdOf(other.accessToken) }, person.accessToken);
    const after = await stack.gql<{ mySessions: Array<{ id: string }> }>(MY_SESSIONS, {}, person.accessToken);
    expect(after.data!.mySessions.map((s) => s.id)).toEqual([sessionIdOf(person.accessToken)]);
    // Idempotent for one's own session.
    expect(
      (await stack.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: sessionIdOf(other.accessToken) }, person.accessToken)).data,
    ).toEqual({ revokeSession: true });
  });

  test("someone else's session is NOT_FOUND and stays alive; a malformed id is BAD_USER_INPUT", async () => {
    const owner = await stack.newUser('STUDENT');
    const intruder = await stack.newUser('STUDENT');
    expect(
      codes(await stack.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: sessionIdOf(owner.accessToken) }, intruder.accessToken)),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await stack.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: 'nope' }, intruder.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.gql(ME, {}, owner.accessToken))).toEqual([]);
  });

  test('revokeSessions of an unknown account is NOT_FOUND; it counts only sessions still active', async () => {
    expect(codes(await stack.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: '00000000-0000-4000-8000-000000000000' }, admin))).toEqual([
      'NOT_FOUND',
    ]);
    const person = await stack.newUser('STUDENT');
    await stack.login(person.email, person.password);
    expect((await stack.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: person.userId }, admin)).data).toEqual({ revokeSessions: 2 });
    expect((await stack.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: person.userId }, admin)).data).toEqual({ revokeSessions: 0 });
  });
});

describe('the revocation feed', () => {
  const feedUrl = () => new URL('/revocations', stack.system.subgraphUrls.users).toString();
  const post = (body: string, signature?: string) =>
    fetch(feedUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { [FEED_SIGNATURE_HEADER]: signature } : {}) },
      body,
    });

  test('answers a signed request with the sessions revoked since the cursor', async () => {
    const person = await stack.newUser('STUDENT');
    await stack.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: person.userId }, admin);
    const body = JSON.stringify({ since: null, at: Date.now() });
    const response = await post(body, hmacBase64(stack.config.subgraphHmacSecret, body));
    expect(response.status).toBe(200);
    const feed = (await response.json()) as { now: number; revocations: Array<{ sessionId: string; until: number }> };
    expect(feed.revocations.map((r) => r.sessionId)).toContain(sessionIdOf(person.accessToken));
    expect(feed.now).toEqual(expect.any(Number));
  });

  test.each([
    ['unsigned', (body: string) => post(body)],
    ['signed with another key', (body: string) => post(body, hmacBase64('someone-elses-secret', body))],
    [
      'signed but stale',
      () => {
        const stale = JSON.stringify({ since: null, at: Date.now() - 10 * 60_000 });
        return post(stale, hmacBase64(stack.config.subgraphHmacSecret, stale));
      },
    ],
  ])('refuses a request %s (401)', async (_name, send) => {
    const response = await send(JSON.stringify({ since: null, at: Date.now() }));
    expect(response.status).toBe(401);
  });
});
