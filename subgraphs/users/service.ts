/**
 * The rules of accounts and sign-in, between the resolvers (which only translate GraphQL) and
 * the stores (which only run SQL).
 */
import type { Knex } from 'knex';
import type { AccessTokenService, AuthUser, Role } from '../../lib/auth';
import { AppError, ErrorCode, badInput, forbidden, notFound, rateLimited, registerConstraintMessages } from '../../lib/errors';
import { appendEvent } from '../../lib/outbox';
import { TEXT_LIMITS, requireId, requirePassword, requireText } from '../../lib/validation';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { SessionStore, isWellFormedRefreshToken } from './sessions';
import { UsersStore, type UserRow } from './store';
import { SignInThrottle, throttleKeys } from './throttle';

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

  async login(emailInput: string, password: string, clientAddress: string | null): Promise<AuthPayloadValue> {
    const email = emailInput.trim();
    if (email.length === 0) throw badInput('email', 'must not be empty');
    if (password.length > MAX_PRESENTED_PASSWORD) throw badInput('password', 'is too long');
    const keys = throttleKeys(email, clientAddress);
    const lockedFor = await this.throttle.lockedForSeconds(keys);
    if (lockedFor > 0) {
      throw rateLimited(`Too many failed sign-ins; try again in ${Math.ceil(lockedFor / 60)} minutes`, lockedFor);
    }
    const account = await this.users.findCredentials(email);
    const valid = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDecoy(password);
    if (!account || !valid) {
      await this.throttle.recordFailure(keys);
      throw invalidCredentials();
    }
    await this.throttle.clearAccount(keys);
    const { password_hash: _hash, ...user } = account;
    return this.payload(user, await this.sessions.issue(user.id));
  }

  async refresh(refreshToken: string): Promise<AuthPayloadValue> {
    const rotated = await this.sessions.rotate(refreshToken);
    if (!rotated.ok) {
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
    return this.payload(user, rotated.token);
  }

  async logout(refreshToken: string): Promise<boolean> {
    if (!isWellFormedRefreshToken(refreshToken)) throw badInput('refreshToken', 'is not a well-formed refresh token');
    await this.sessions.revoke(refreshToken);
    return true;
  }

  async createUser(input: { email: string; name: string; password: string; role?: Role | null }): Promise<UserRow> {
    const email = requireEmail('input.email', input.email);
    const name = requireText('input.name', input.name, TEXT_LIMITS.name);
    const password = requirePassword('input.password', input.password);
    return this.users.create({ email, name, role: input.role ?? 'STUDENT', passwordHash: await hashPassword(password) });
  }

  async updateUser(
    caller: AuthUser,
    idInput: string,
    input: { name?: string | null; password?: string | null; role?: Role | null },
  ): Promise<UserRow> {
    const id = requireId('id', idInput);
    if (input.role != null && caller.role !== 'ADMIN') throw forbidden('Only an ADMIN may change a role');
    const name = input.name != null ? requireText('input.name', input.name, TEXT_LIMITS.name) : undefined;
    const password = input.password != null ? requirePassword('input.password', input.password) : undefined;
    const passwordHash = password !== undefined ? await hashPassword(password) : undefined;
    return this.knex.transaction(async (trx) => {
      const current = await trx('users.users').comment('userForUpdate').where({ id }).whereNull('deleted_at').forUpdate().first('id', 'role');
      if (!current) throw notFound('User');
      if (input.role != null && current.role === 'ADMIN' && input.role !== 'ADMIN') {
        const admins = await trx('users.users').comment('lockAdmins').where({ role: 'ADMIN' }).whereNull('deleted_at').forUpdate().select('id');
        if (admins.length <= 1) throw badInput('input.role', 'the last ADMIN cannot lose the role');
      }
      const updated = await this.users.update(id, { name, role: input.role ?? undefined, passwordHash }, trx);
      if (!updated) throw notFound('User');
      // A new password ends every session signed in with the old one.
      if (passwordHash !== undefined) await this.sessions.revokeAllOf(id, trx);
      return updated;
    });
  }

  async deleteUser(caller: AuthUser, idInput: string): Promise<boolean> {
    const id = requireId('id', idInput);
    if (id === caller.id) throw badInput('id', 'you cannot delete your own account');
    return this.knex.transaction(async (trx) => {
      if (!(await this.users.markDeleted(id, trx))) throw notFound('User');
      // Every session of the account ends with it; other subgraphs learn of it from the outbox.
      await this.sessions.revokeAllOf(id, trx);
      await appendEvent(trx, 'user.deleted', id, { userId: id });
      return true;
    });
  }

  private payload(user: UserRow, refreshToken: string): AuthPayloadValue {
    const { accessToken, expiresIn } = this.tokens.issue({ id: user.id, role: user.role });
    return { accessToken, refreshToken, expiresIn, user };
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
