import type { Knex } from 'knex';

// Deleting an account keeps its row (marked deleted_at), so the bookings, tickets and
// notifications it left behind still resolve their user. Its email is free again: uniqueness
// now covers live accounts only. The directory other subgraphs read lists live accounts.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users.users add column deleted_at timestamptz');
  await knex.raw('drop index users.users_email_unique');
  await knex.raw('create unique index users_email_unique on users.users (lower(email)) where deleted_at is null');
  await knex.raw('create or replace view users.user_directory as select id, role from users.users where deleted_at is null');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
