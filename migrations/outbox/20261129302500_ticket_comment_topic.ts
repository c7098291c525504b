import type { Knex } from 'knex';

// Notifications also tells a ticket's reporter of staff comments and its assignee of the reporter's.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `update outbox.consumers set topics = array_append(topics, 'ticket.commented') where name = 'notifications' and not 'ticket.commented' = any(topics)`,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
