import type { Knex } from 'knex';

// The users subgraph's published, read-only view of who exists and in which role. Other
// subgraphs (notifications broadcasts to a role) read this view, never the accounts table, so
// a broadcast to thousands is one set-based insert and passwords stay out of reach.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create view users.user_directory as select id, role from users.users');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
