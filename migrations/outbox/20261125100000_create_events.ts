import type { Knex } from 'knex';

// The transactional outbox every subgraph writes to in the same transaction as the change it
// records. Ids only grow, so consumers and subscribers can say "everything after N".
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table outbox.events (
      id bigint generated always as identity primary key,
      topic text not null check (topic ~ '^[a-z]+\\.[a-z_]+$'),
      aggregate_id text not null,
      payload jsonb not null,
      created_at timestamptz not null default now()
    )`);
  await knex.raw('create index events_topic_id on outbox.events (topic, id)');
  await knex.raw('create index events_created_at on outbox.events (created_at)');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
