import type { Knex } from 'knex';

// Faults reported by maintenance: the fault's own words (to name it in refusals and notices),
// and one row per booking whose holder was told, so a redelivered event or a restart never
// tells anyone twice. Notices outlive the fault (a reopened ticket does not repeat them).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table booking.room_faults add column description text check (length(description) <= 500)');
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
