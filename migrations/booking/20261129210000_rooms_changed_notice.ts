import type { Knex } from 'knex';

// Every write to booking.rooms tells listeners (lib/tableCache.ts: each process's cache of room
// rows) on commit, whoever wrote it, so no process serves a changed room for longer than a notice takes.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function booking.notify_table_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('table_changed', tg_table_schema || '.' || tg_table_name);
      return null;
    end $$`);
  await knex.raw(`
    create trigger rooms_changed after insert or update or delete or truncate on booking.rooms
      for each statement execute function booking.notify_table_changed()`);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
