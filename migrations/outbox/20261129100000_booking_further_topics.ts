import type { Knex } from 'knex';

// Notifications also tells people about releases, reminders, waitlist places and series.
const TOPICS = ['booking.released', 'booking.reminder', 'waitlist.served', 'waitlist.cancelled', 'series.created', 'series.cancelled'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`update outbox.consumers set topics = array(select distinct unnest(topics || ?::text[]) order by 1) where name = 'notifications'`, [
    TOPICS,
  ]);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
