import type { Knex } from 'knex';

// Per-consumer delivery queue. `appendEvent` queues each event, in the producer's transaction,
// for every consumer registered for its topic; a consumer takes rows with
// FOR UPDATE SKIP LOCKED and deletes them in the transaction that handles them. So nothing
// committed is missed (no id gaps to skip), nothing is handled twice, and several instances of
// a consumer can run at once. Consumers are registered here, before any event can be written.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table outbox.consumers (
      name text primary key,
      topics text[] not null
    )`);
  await knex.raw(`
    create table outbox.deliveries (
      consumer text not null references outbox.consumers (name),
      event_id bigint not null references outbox.events (id) on delete cascade,
      primary key (consumer, event_id)
    )`);
  await knex.raw(`insert into outbox.consumers (name, topics) values ('notifications', '{booking.created,booking.cancelled}')`);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
