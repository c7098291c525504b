/**
 * The rules of accounts and sign-in, between the resolvers (which only translate GraphQL) and
 * the stores (which only run SQL).
 */
import type { Knex } from 'knex';
import type { AccessTokenService, AuthUser, Role } from '../../lib/auth';
import { listAudit, recordAudit, type AuditEntryRow, type AuditSource } from '../../lib/audit';
import { AppError, ErrorCode, badInput, forbidden, notFound, rateLimited, registerConstraintMessages } from '../../lib/errors';
import { appendEvent } from '../../lib/outbox';
import { TEXT_LIMITS, requireId, requirePassword, requireText } from '../../lib/validation';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { SessionStore, isWellFormedRefreshToken, type RevokeReason, type SessionOrigin, type SessionRow } from './sessions';
import { UsersStore, type UserRow } from './store';
import { SignInThrottle, throttleKeys, type ThrottleKey } from './throttle';

/** The request a service call comes from: for the audit log and a new session's origin. */
export type Origin = AuditSource & SessionOrigin;

/** A session as `mySessions` shows it. */
export type SessionView = SessionRow & { current: boolean };

registerConstraintMessages({ users_email_unique: 'A user with this email already exists' });

export interface AuthPayloadValue {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserRow;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Longer passwords are refused before hashing (the contract's maximum for new ones is 128). */
const MAX_PRESENTED_PASSWORD = 1024;

function requireEmail(argument: string, value: string): string {
  const email = value.trim();
  if (email.length === 0) throw badInput(argument, 'must not be empty');
  if (email.length > 254 || !EMAIL.test(email)) throw badInput(argument, 'is not a valid email address');
  return email;
}

const invalidCredentials = () => new AppError(ErrorCode.UNAUTHENTICATED, 'Invalid email or password');

export class UsersService {
  readonly users: UsersStore;
  private readonly sessions: SessionStore;
  readonly throttle: SignInThrottle;

  constructor(
    private readonly knex: Knex,
    private readonly tokens: AccessTokenService,
    refreshTokenTtlDays: number,
  ) {
    this.users = new UsersStore(knex);
    this.sessions = new SessionStore(knex, refreshTokenTtlDays);
    this.throttle = new SignInThrottle(knex);
  }

  async login(emailInput: string, password: string, origin: Origin): Promise<AuthPayloadValue> {
    const email = emailInput.trim();
    if (email.length === 0) throw badInput('email', 'must not be empty');
    if (password.length > MAX_PRESENTED_PASSWORD) throw badInput('password', 'is too long');
    const keys = throttleKeys(email, origin.clientAddress);
    if ((await this.throttle.admit(keys)) === 'locked') {
      const lockedFor = Math.max(1, await this.throttle.lockedForSeconds(keys));
      throw rateLimited(`Too many failed sign-ins; try again in ${Math.ceil(lockedFor / 60)} minutes`, lockedFor);
    }
    const checked = await this.checkPassword(email, password).catch(async (error) => {
      await this.throttle.settle(keys, 'withdrawn');
      throw error;
    });
    if (!checked.valid) {
      const locked = await this.throttle.settle(keys, 'failed');
      await this.auditFailedSignIn(origin, email, checked.accountId, locked);
      throw invalidCredentials();
    }
    await this.throttle.settle(keys, 'succeeded');
    const user = checked.user;
    return this.knex.transaction(async (trx) => {
      const session = await this.sessions.start(user.id, origin, trx);
      await recordAudit(trx, origin, { action: 'login.succeeded', actorId: user.id, target: user.id, details: { sessionId: session.sessionId } });
      return this.payload(user, session);
    });
  }

  /** The account when the password is right; the same work is spent when the email is unknown. */
  private async checkPassword(email: string, password: string): Promise<{ valid: true; user: UserRow } | { valid: false; accountId: string | null }> {
    const account = await this.users.findCredentials(email);
    const valid = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDecoy(password);
    if (!account || !valid) return { valid: false, accountId: account?.id ?? null };
    const { password_hash: _hash, ...user } = account;
    return { valid: true, user };
  }

  /** A failed sign-in; and the lock, when this failure reached a limit. Emails that match no account are kept as typed. */
  private async auditFailedSignIn(origin: Origin, email: string, accountId: string | null, locked: ThrottleKey[]): Promise<void> {
    const target = accountId ?? email.toLowerCase();
    await recordAudit(this.knex, origin, { action: 'login.failed', actorId: null, target, details: { email } });
    for (const { key } of locked) {
      await recordAudit(this.knex, origin, { action: 'login.locked', actorId: null, target, details: { lock: key.split(':')[0] } });
    }
  }

  async refresh(refreshToken: string, origin: Origin): Promise<AuthPayloadValue> {
    const rotated = await this.sessions.rotate(refreshToken);
    if (!rotated.ok) {
      if (rotated.reason === 'reused') await this.auditReuse(origin, rotated);
      const messages = {
        unknown: 'Unknown refresh token',
        expired: 'The refresh token has expired; sign in again',
        revoked: 'The refresh token has been revoked; sign in again',
        reused: 'The refresh token was already used; every session from that sign-in is now revoked',
      };
      throw new AppError(ErrorCode.UNAUTHENTICATED, messages[rotated.reason]);
    }
    const user = await this.users.findById(rotated.userId);
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'The account no longer exists');
    return this.payload(user, rotated);
  }

  private async auditReuse(origin: Origin, reused: { userId: string; sessionId: string }): Promise<void> {
    const details = { sessionId: reused.sessionId };
    await recordAudit(this.knex, origin, { action: 'refresh.reused', actorId: null, target: reused.userId, details });
    await recordAudit(this.knex, origin, {
      action: 'session.revoked',
      actorId: null,
      target: reused.userId,
      details: { ...details, reason: 'refresh_reuse', sessions: 1 },
    });
  }

  async logout(refreshToken: string, origin: Origin): Promise<boolean> {
    if (!isWellFormedRefreshToken(refreshToken)) throw badInput('refreshToken', 'is not a well-formed refresh token');
    const session = await this.sessions.sessionOfToken(refreshToken);
    if (session) await this.endSessions(origin, session.userId, { id: session.sessionId }, 'logout');
    return true;
  }

  /** The caller's sessions that can still be refreshed, newest first; `current` is this request's. */
  async mySessions(caller: AuthUser, currentSessionId: string | null): Promise<SessionView[]> {
    const sessions = await this.sessions.listActive(caller.id);
    return sessions.map((session) => ({ ...session, current: session.id === currentSessionId }));
  }

  /** Ends one of the caller's own sessions; someone else's is NOT_FOUND. Idempotent. */
  async revokeSession(caller: AuthUser, idInput: string, origin: Origin): Promise<boolean> {
    const id = requireId('id', idInput);
    if ((await this.sessions.ownerOf(id)) !== caller.id) throw notFound('Session');
    await this.endSessions(origin, caller.id, { id }, 'self');
    return true;
  }

  /** ADMIN: ends every session of an account; returns how many were still active. */
  async revokeSessions(userIdInput: string, origin: Origin): Promise<number> {
    const userId = requireId('userId', userIdInput);
    if (!(await this.users.exists(userId))) throw notFound('User');
    return this.endSessions(origin, userId, { user_id: userId }, 'admin');
  }

  /** Revokes and records it, in one transaction (or in `trx`); returns how many sessions ended. */
  private async endSessions(
    origin: Origin,
    userId: string,
    which: { id: string } | { user_id: string },
    reason: RevokeReason,
    trx?: Knex.Transaction,
  ): Promise<number> {
    const run = async (t: Knex.Transaction) => {
      const ended = await this.sessions.revoke(t, which, reason);
      if (ended.length > 0) {
        await recordAudit(t, origin, {
          action: 'session.revoked',
          target: userId,
          details: { reason, sessions: ended.length, ...('id' in which ? { sessionId: which.id } : {}) },
        });
      }
      return ended.length;
    };
    return trx ? run(trx) : this.knex.transaction(run);
  }

  async auditLog(filter: {
    action?: string | null;
    actorId?: string | null;
    targetId?: string | null;
    limit: number;
    offset: number;
  }): Promise<AuditEntryRow[]> {
    const actorId = filter.actorId != null ? requireId('actorId', filter.actorId) : null;
    return listAudit(this.knex, { action: filter.action, actorId, target: filter.targetId, limit: filter.limit, offset: filter.offset });
  }

  async createUser(input: { email: string; name: string; password: string; role?: Role | null }, origin: Origin): Promise<UserRow> {
    const email = requireEmail('input.email', input.email);
    const name = requireText('input.name', input.name, TEXT_LIMITS.name);
    const password = requirePassword('input.password', input.password);
    const passwordHash = await hashPassword(password);
    return this.knex.transaction(async (trx) => {
      const user = await this.users.create({ email, name, role: input.role ?? 'STUDENT', passwordHash }, trx);
      await recordAudit(trx, origin, { action: 'user.created', target: user.id, details: { email: user.email, role: user.role } });
      return user;
    });
  }

  async updateUser(
    caller: AuthUser,
    idInput: string,
    input: { name?: string | null; password?: string | null; role?: Role | null },
    origin: Origin,
  ): Promise<UserRow> {
    const id = requireId('id', idInput);
    if (input.role != null && caller.role !== 'ADMIN') throw forbidden('Only an ADMIN may change a role');
    const name = input.name != null ? requireText('input.name', input.name, TEXT_LIMITS.name) : undefined;
    const password = input.password != null ? requirePassword('input.password', input.password) : undefined;
    const passwordHash = password !== undefined ? await hashPassword(password) : undefined;
    return this.knex.transaction(async (trx) => {
      const current = await trx<UserRow>('users.users')
        .comment('userForUpdate')
        .where({ id })
        .whereNull('deleted_at')
        .forUpdate()
        .first('id', 'role');
      if (!current) throw notFound('User');
      if (input.role != null && current.role === 'ADMIN' && input.role !== 'ADMIN') {
        const admins = await trx<UserRow>('users.users')
          .comment('lockAdmins')
          .where({ role: 'ADMIN' })
          .whereNull('deleted_at')
          .forUpdate()
          .select('id');
        if (admins.length <= 1) throw badInput('input.role', 'the last ADMIN cannot lose the role');
      }
      const updated = await this.users.update(id, { name, role: input.role ?? undefined, passwordHash }, trx);
      if (!updated) throw notFound('User');
      const roleChanged = updated.role !== current.role;
      await this.auditUpdate(trx, origin, { id, name, password, roleFrom: current.role, roleTo: roleChanged ? updated.role : undefined });
      // A new password ends every session signed in with the old one; a new role every session
      // holding the old one (they sign in again and get the new role).
      if (roleChanged) await this.endSessions(origin, id, { user_id: id }, 'role_changed', trx);
      else if (passwordHash !== undefined) await this.endSessions(origin, id, { user_id: id }, 'password_changed', trx);
      return updated;
    });
  }

  /** Which fields changed (never their values for a password), and the role change on its own. */
  private async auditUpdate(
    trx: Knex.Transaction,
    origin: Origin,
    change: { id: string; name?: string; password?: string; roleFrom: Role; roleTo?: Role },
  ): Promise<void> {
    const fields = [change.name !== undefined && 'name', change.password !== undefined && 'password', change.roleTo !== undefined && 'role'].filter(
      Boolean,
    );
    await recordAudit(trx, origin, { action: 'user.updated', target: change.id, details: { fields } });
    if (change.roleTo !== undefined)
      await recordAudit(trx, origin, { action: 'user.role_changed', target: change.id, details: { from: change.roleFrom, to: change.roleTo } });
  }

  async deleteUser(caller: AuthUser, idInput: string, origin: Origin): Promise<boolean> {
    const id = requireId('id', idInput);
    if (id === caller.id) throw badInput('id', 'you cannot delete your own account');
    return this.knex.transaction(async (trx) => {
      if (!(await this.users.markDeleted(id, trx))) throw notFound('User');
      await recordAudit(trx, origin, { action: 'user.deleted', target: id });
      // Every session of the account ends with it; other subgraphs learn of it from the outbox.
      await this.endSessions(origin, id, { user_id: id }, 'user_deleted', trx);
      await appendEvent(trx, 'user.deleted', id, { userId: id });
      return true;
    });
  }

  private payload(user: UserRow, session: { sessionId: string; token: string }): AuthPayloadValue {
    const { accessToken, expiresIn } = this.tokens.issue({ id: user.id, role: user.role }, session.sessionId);
    return { accessToken, refreshToken: session.token, expiresIn, user };
  }

  /** Demo accounts for development; the passwords are the contract's, seeded as they are. */
  async seedDemoUsers(): Promise<number> {
    const demo: Array<{ email: string; name: string; role: Role; password: string }> = [
      { email: 'admin@example.com', name: 'Ada Admin', role: 'ADMIN', password: 'admin123' },
      { email: 'faculty@example.com', name: 'Fred Faculty', role: 'FACULTY', password: 'faculty123' },
      { email: 'student@example.com', name: 'Sam Student', role: 'STUDENT', password: 'student123' },
    ];
    let created = 0;
    for (const user of demo) {
      if (await this.users.emailExists(user.email)) continue;
      if (await this.users.createIfMissing({ ...user, passwordHash: await hashPassword(user.password) })) created++;
    }
    return created;
  }
}
