import type { Knex } from 'knex';

// Faults reported by maintenance: the fault's own words (to name it in refusals and notices),
// the newest event seen per fault, and one row per booking whose holder was told, so a redelivered event or a restart never
// tells anyone twice. Notices outlive the fault (a reopened ticket does not repeat them).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table booking.room_faults add column description text check (length(description) <= 500)');
  // The newest event handled per fault: with several consumer instances an older event (opened)
  // can be handled after a newer one (cleared), and must then change nothing.
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
      source text not null,
      reference text not null,
      notified_at timestamptz not null default now(),
      primary key (booking_id, source, reference)
    )`);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
