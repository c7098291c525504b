import type { Knex } from 'knex';

// The booking subgraph cancels the future bookings of an account that was deleted.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`insert into outbox.consumers (name, topics) values ('booking', '{user.deleted}') on conflict (name) do nothing`);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
