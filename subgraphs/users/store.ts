/** Data access for accounts. Rows are what resolvers receive as `User` parents (codegen mapper). */
import type { Knex } from 'knex';
import type { Role } from '../../lib/auth';
import { createRowLoader } from '../../lib/loaders';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
  updated_at: Date;
  /** Set when the account was deleted; the row stays so that what it left behind still resolves. */
  deleted_at: Date | null;
}

/** The stored account, password hash included: for writes and sign-in only. */
export interface StoredUser extends UserRow {
  password_hash: string;
}

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'created_at', 'updated_at', 'deleted_at'] as const;
const USERS = 'users.users';

export class UsersStore {
  constructor(private readonly knex: Knex) {}

  /** Batches every id asked for during one request into one query (deleted accounts included). */
  createLoader() {
    return createRowLoader<UserRow>(
      (ids) =>
        this.knex<StoredUser>(USERS)
          .comment('usersByIds')
          .select(...USER_COLUMNS)
          .whereIn('id', ids),
      (row) => row.id,
    );
  }

  async findById(id: string): Promise<UserRow | undefined> {
    return this.knex<StoredUser>(USERS)
      .comment('userById')
      .select(...USER_COLUMNS)
      .where({ id })
      .whereNull('deleted_at')
      .first();
  }

  async list(filter: { role?: Role | null; limit: number; offset: number }): Promise<UserRow[]> {
    const query = this.knex<StoredUser>(USERS)
      .comment('listUsers')
      .select(...USER_COLUMNS)
      .whereNull('deleted_at');
    if (filter.role) query.where('role', filter.role);
    return query
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .limit(filter.limit)
      .offset(filter.offset);
  }

  /** The account and its password hash, for sign-in only. */
  async findCredentials(email: string): Promise<StoredUser | undefined> {
    return this.knex<StoredUser>(USERS)
      .comment('userCredentialsByEmail')
      .select([...USER_COLUMNS, 'password_hash'])
      .whereRaw('lower(email) = lower(?)', [email])
      .whereNull('deleted_at')
      .first();
  }

  async create(input: { email: string; name: string; role: Role; passwordHash: string }, trx: Knex = this.knex): Promise<UserRow> {
    const [row] = await trx<StoredUser>(USERS)
      .comment('createUser')
      .insert({ email: input.email, name: input.name, role: input.role, password_hash: input.passwordHash })
      .returning([...USER_COLUMNS]);
    return row;
  }

  /** Inserts the account unless its email exists (demo seeding); true when inserted. */
  async createIfMissing(input: { email: string; name: string; role: Role; passwordHash: string }): Promise<boolean> {
    const rows = await this.knex.raw<{ rows: Array<{ id: string }> }>(
      `/* seedUser */ insert into users.users (email, name, role, password_hash) values (?, ?, ?, ?)
       on conflict ((lower(email))) where deleted_at is null do nothing returning id`,
      [input.email, input.name, input.role, input.passwordHash],
    );
    return rows.rows.length > 0;
  }

  /** Whether a live account has this id. */
  async exists(id: string): Promise<boolean> {
    return Boolean(await this.knex<StoredUser>(USERS).comment('userExists').where({ id }).whereNull('deleted_at').first('id'));
  }

  async emailExists(email: string): Promise<boolean> {
    return Boolean(
      await this.knex<StoredUser>(USERS).comment('emailExists').whereRaw('lower(email) = lower(?)', [email]).whereNull('deleted_at').first('id'),
    );
  }

  async update(id: string, changes: { name?: string; role?: Role; passwordHash?: string }, trx: Knex = this.knex): Promise<UserRow | undefined> {
    const [row] = await trx<StoredUser>(USERS)
      .comment('updateUser')
      .where({ id })
      .whereNull('deleted_at')
      .update({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
        updated_at: this.knex.fn.now(),
      })
      .returning([...USER_COLUMNS]);
    return row;
  }

  /** Marks the account deleted; false when there is no live account with this id. */
  async markDeleted(id: string, trx: Knex = this.knex): Promise<boolean> {
    const deleted = await trx<StoredUser>(USERS)
      .comment('deleteUser')
      .where({ id })
      .whereNull('deleted_at')
      .update({ deleted_at: trx.fn.now() })
      .returning('id');
    return deleted.length > 0;
  }
}
