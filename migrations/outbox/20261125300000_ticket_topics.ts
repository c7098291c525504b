import type { Knex } from 'knex';

// Notifications also tells a reporter when their ticket's status changes.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `update outbox.consumers set topics = array_append(topics, 'ticket.status_changed') where name = 'notifications' and not 'ticket.status_changed' = any(topics)`,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
