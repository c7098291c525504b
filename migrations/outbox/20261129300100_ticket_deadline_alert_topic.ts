import type { Knex } from 'knex';

// Notifications also tells ADMINs and a ticket's assignee when a deadline nears or passes.
const TOPICS = ['ticket.deadline_alert'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`update outbox.consumers set topics = array(select distinct unnest(topics || ?::text[]) order by 1) where name = 'notifications'`, [
    TOPICS,
  ]);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
