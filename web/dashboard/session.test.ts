/** Sign-in for ADMINs only, one refresh however many callers, and the end of a session. */
import type { DashboardSessionFragment } from '../__generated__/graphql';
import { GraphQLRequestError } from './api';
import { NotAnAdminError, Session, SessionEndedError, type SessionApi } from './session';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

const payload = (n: number, role: 'ADMIN' | 'STUDENT' = 'ADMIN'): DashboardSessionFragment => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user: { id: 'u1', name: 'Ada Admin', role },
});

type FakeApi = SessionApi & { signedOut: string[]; refreshes: number };

function fakeApi(overrides: Partial<SessionApi> = {}): FakeApi {
  const api: FakeApi = {
    signedOut: [],
    refreshes: 0,
    signIn: async () => payload(1),
    refresh: async () => payload(++api.refreshes + 1),
    signOut: async (token) => void api.signedOut.push(token),
    ...overrides,
  };
  return api;
}

test('an ADMIN signs in, and a reload of the tab finds the session again', async () => {
  const storage = memoryStorage();
  const session = new Session(fakeApi(), storage);
  expect((await session.signIn('admin@example.com', 'pw')).name).toBe('Ada Admin');
  expect(await session.accessToken()).toBe('access-1');
  expect(new Session(fakeApi(), storage).user?.role).toBe('ADMIN');
});

test('anyone else is refused, and the tokens they were given are revoked', async () => {
  const api = fakeApi({ signIn: async () => payload(1, 'STUDENT') });
  const session = new Session(api, memoryStorage());
  await expect(session.signIn('student@example.com', 'pw')).rejects.toBeInstanceOf(NotAnAdminError);
  expect(api.signedOut).toEqual(['refresh-1']);
  expect(session.user).toBeNull();
});

test('an expiring token is refreshed once for every caller waiting on it', async () => {
  let now = 0;
  const api = fakeApi();
  const session = new Session(api, memoryStorage(), () => now);
  await session.signIn('admin@example.com', 'pw');
  now = 880_000; // 20 s left
  expect(await Promise.all([session.accessToken(), session.accessToken()])).toEqual(['access-2', 'access-2']);
  expect(api.refreshes).toBe(1);
});

test('a refresh the gateway refuses ends the session; a network failure does not', async () => {
  let now = 0;
  let refusal: Error = new TypeError('fetch failed');
  const storage = memoryStorage();
  const session = new Session(fakeApi({ refresh: async () => Promise.reject(refusal) }), storage, () => now);
  await session.signIn('admin@example.com', 'pw');
  now = 900_000;
  await expect(session.accessToken()).rejects.toThrow('fetch failed');
  expect(session.user).not.toBeNull();
  refusal = new GraphQLRequestError('Invalid refresh token', ['UNAUTHENTICATED']);
  await expect(session.accessToken()).rejects.toBeInstanceOf(SessionEndedError);
  expect(session.user).toBeNull();
  expect(storage.items.size).toBe(0);
});
