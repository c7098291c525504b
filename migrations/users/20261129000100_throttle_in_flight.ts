import type { Knex } from 'knex';

// Sign-in attempts whose password is still being checked, per throttle key: an attempt is
// admitted only while confirmed failures plus attempts in flight stay under the limit, so
// parallel attempts cannot all slip past it. A count left by a crashed process goes stale
// once no attempt has been admitted for a while (`in_flight_at`).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users.sign_in_throttle add column in_flight integer not null default 0 check (in_flight >= 0)');
  await knex.raw('alter table users.sign_in_throttle add column in_flight_at timestamptz');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
