import type { Knex } from 'knex';

// Notifications. A system notification keeps the id of the outbox event it came from, unique
// per recipient, so replaying an event can never deliver it twice.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table notifications.notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null,
      title text not null check (length(title) between 1 and 200),
      message text not null check (length(message) between 1 and 5000),
      source text not null check (source in ('ADMIN', 'SYSTEM')),
      event_id bigint,
      read_at timestamptz,
      created_at timestamptz not null default now(),
      check ((source = 'SYSTEM') = (event_id is not null))
    )`);
  await knex.raw('create unique index notifications_event_recipient on notifications.notifications (event_id, user_id) where event_id is not null');
  await knex.raw('create index notifications_user_created on notifications.notifications (user_id, created_at desc, id desc)');
  await knex.raw('create index notifications_created on notifications.notifications (created_at desc, id desc)');
  await knex.raw('create index notifications_unread on notifications.notifications (user_id) where read_at is null');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
