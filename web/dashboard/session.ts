/**
 * The signed-in ADMIN: tokens from `login`, kept in sessionStorage (this tab only, gone when
 * it closes), and a fresh access token on demand through `refreshToken`.
 */
import type { DashboardSessionFragment } from '../__generated__/graphql';
import { DashboardRefreshDocument, DashboardSignInDocument, DashboardSignOutDocument } from '../__generated__/graphql';
import { GraphQLRequestError, request, type GatewayEndpoint } from './api';

export type SessionUser = DashboardSessionFragment['user'];

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: SessionUser;
}

export interface SessionApi {
  signIn(email: string, password: string): Promise<DashboardSessionFragment>;
  refresh(refreshToken: string): Promise<DashboardSessionFragment>;
  signOut(refreshToken: string): Promise<void>;
}

export class NotAnAdminError extends Error {
  constructor() {
    super('This dashboard is for ADMIN accounts.');
    this.name = 'NotAnAdminError';
  }
}

/** The refresh token no longer works (revoked, expired, or the role changed): sign in again. */
export class SessionEndedError extends Error {
  constructor(message = 'Your session has ended. Please sign in again.') {
    super(message);
    this.name = 'SessionEndedError';
  }
}

const STORAGE_KEY = 'campus-dashboard-session';
/** A token with less left than this is refreshed before use. */
const REFRESH_MARGIN_MS = 30_000;

export function gatewaySessionApi(endpoint: GatewayEndpoint): SessionApi {
  return {
    signIn: async (email, password) => (await request(endpoint, DashboardSignInDocument, { email, password })).login,
    refresh: async (refreshToken) => (await request(endpoint, DashboardRefreshDocument, { refreshToken })).refreshToken,
    signOut: async (refreshToken) => void (await request(endpoint, DashboardSignOutDocument, { refreshToken })),
  };
}

export class Session {
  private stored: StoredSession | null;
  /** Refresh tokens work once, so concurrent callers share one refresh. */
  private refreshing: Promise<string> | undefined;

  constructor(
    private readonly api: SessionApi,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly now: () => number = Date.now,
  ) {
    this.stored = this.restore();
  }

  get user(): SessionUser | null {
    return this.stored?.user ?? null;
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    const payload = await this.api.signIn(email, password);
    if (payload.user.role !== 'ADMIN') {
      await this.api.signOut(payload.refreshToken).catch(() => undefined);
      throw new NotAnAdminError();
    }
    return this.keep(payload).user;
  }

  /** An access token good for a while yet, refreshed first when needed. */
  async accessToken(): Promise<string> {
    const stored = this.stored;
    if (!stored) throw new SessionEndedError('Not signed in.');
    if (stored.expiresAt - this.now() > REFRESH_MARGIN_MS) return stored.accessToken;
    this.refreshing ??= this.refresh(stored.refreshToken).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** The gateway refused the access token (a restart with new keys, say): refresh it on next use. */
  discardAccessToken(): void {
    if (this.stored) this.stored = { ...this.stored, expiresAt: 0 };
  }

  async signOut(): Promise<void> {
    const refreshToken = this.stored?.refreshToken;
    this.forget();
    if (refreshToken) await this.api.signOut(refreshToken).catch(() => undefined);
  }

  private async refresh(refreshToken: string): Promise<string> {
    let payload: DashboardSessionFragment;
    try {
      payload = await this.api.refresh(refreshToken);
    } catch (error) {
      // The gateway said no: this session is over. Anything else (offline) may pass; keep it.
      if (error instanceof GraphQLRequestError) {
        this.forget();
        throw new SessionEndedError();
      }
      throw error;
    }
    if (payload.user.role !== 'ADMIN') {
      this.forget();
      await this.api.signOut(payload.refreshToken).catch(() => undefined);
      throw new SessionEndedError('This account is no longer an ADMIN.');
    }
    return this.keep(payload).accessToken;
  }

  private keep(payload: DashboardSessionFragment): StoredSession {
    const stored: StoredSession = {
      accessToken: payload.accessToken,
      refreshToken: payload.refreshToken,
      expiresAt: this.now() + payload.expiresIn * 1000,
      user: payload.user,
    };
    this.stored = stored;
    this.storage.setItem(STORAGE_KEY, JSON.stringify(stored));
    return stored;
  }

  private forget(): void {
    this.stored = null;
    this.storage.removeItem(STORAGE_KEY);
  }

  private restore(): StoredSession | null {
    try {
      const stored = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
      return stored && typeof stored.refreshToken === 'string' && stored.user?.role === 'ADMIN' ? stored : null;
    } catch {
      return null;
    }
  }
}
