import type { Knex } from 'knex';

// Accounts, refresh-token sessions and sign-in throttling. Case-insensitive email uniqueness
// and the role set are database constraints, so no code path can bypass them.
// (One statement per raw call: the embedded database prepares each call as one statement.)
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table users.users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (length(email) between 3 and 254),
      name text not null check (length(name) between 1 and 200),
      role text not null check (role in ('ADMIN', 'FACULTY', 'STUDENT')),
      password_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
  await knex.raw('create unique index users_email_unique on users.users (lower(email))');
  await knex.raw('create index users_role_created on users.users (role, created_at)');

  // One row per refresh token. Tokens of one sign-in share a family; presenting a token that
  // was already rotated revokes the whole family.
  await knex.raw(`
    create table users.refresh_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users.users (id) on delete cascade,
      family_id uuid not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      rotated_at timestamptz,
      revoked_at timestamptz
    )`);
  await knex.raw('create index refresh_tokens_family on users.refresh_tokens (family_id)');
  await knex.raw('create index refresh_tokens_user on users.refresh_tokens (user_id)');

  // Failed sign-ins per account ('account:<email>') and per client address ('address:<ip>').
  await knex.raw(`
    create table users.sign_in_throttle (
      key text primary key,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    )`);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
