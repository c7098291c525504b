import type { Knex } from 'knex';

// Faults reported by maintenance: the fault's own words (to name it in refusals and notices), the
// start of the room's out-of-service period it belongs to (faults that overlap share it), the
// newest event seen per fault, and one row per booking and period whose holder was told, so a
// redelivered event, a second fault or a restart never tells anyone twice.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table booking.room_faults
      add column description text check (length(description) <= 500),
      add column period_since timestamptz not null default now()`);
  // With several consumer instances an older event (opened) can be handled after a newer one
  // (cleared) of the same fault, and must then change nothing.
  await knex.raw(`
    create table booking.room_fault_events (
      source text not null,
      reference text not null,
      last_event_id bigint not null,
      primary key (source, reference)
    )`);
  await knex.raw(`
    create table booking.room_fault_notices (
      booking_id uuid not null references booking.bookings (id),
      period_since timestamptz not null,
      source text not null,
      reference text not null,
      notified_at timestamptz not null default now(),
      primary key (booking_id, period_since)
    )`);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
