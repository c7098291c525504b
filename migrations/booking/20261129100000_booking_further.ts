import type { Knex } from 'knex';

// Booking, further: series, check-in with release, waitlists, closures, room faults, reminders,
// calendar feeds. Every job that must happen once is a due-time column cleared (or a status
// changed) in the transaction that does the job, so workers claim rows with SKIP LOCKED.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table booking.rooms add column check_in_required boolean not null default false');

  // Why a room is out of service; the maintenance side (CRITICAL tickets) fills it through events.
  await knex.raw(`
    create table booking.room_faults (
      room_id uuid not null references booking.rooms (id),
      source text not null,
      reference text not null,
      since timestamptz not null default now(),
      primary key (room_id, source, reference)
    )`);

  await knex.raw(`
    create table booking.series (
      id uuid primary key default gen_random_uuid(),
      room_id uuid not null references booking.rooms (id),
      user_id uuid not null,
      time_slot text not null,
      start_date date not null,
      weeks integer not null check (weeks between 1 and 26),
      status text not null default 'ACTIVE' check (status in ('ACTIVE', 'CANCELLED')),
      releases_in_a_row integer not null default 0 check (releases_in_a_row >= 0),
      created_at timestamptz not null default now(),
      cancelled_at timestamptz
    )`);

  await knex.raw('alter table booking.bookings drop constraint bookings_status_check');
  await knex.raw("alter table booking.bookings add constraint bookings_status_check check (status in ('ACTIVE', 'CANCELLED', 'RELEASED'))");
  await knex.raw(`
    alter table booking.bookings
      add column series_id uuid references booking.series (id),
      add column checked_in_at timestamptz,
      add column released_at timestamptz,
      add column release_due_at timestamptz,
      add column remind_at timestamptz,
      add constraint bookings_released_at check ((status = 'RELEASED') = (released_at is not null)),
      add constraint bookings_jobs_only_active check (status = 'ACTIVE' or (release_due_at is null and remind_at is null))`);
  await knex.raw('create index bookings_release_due on booking.bookings (release_due_at) where release_due_at is not null');
  await knex.raw('create index bookings_remind_at on booking.bookings (remind_at) where remind_at is not null');
  await knex.raw('create index bookings_series on booking.bookings (series_id, date) where series_id is not null');
  await knex.raw('create index bookings_room_date on booking.bookings (room_id, date)');

  await knex.raw(`
    create table booking.waitlist_entries (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      user_id uuid not null,
      room_id uuid not null references booking.rooms (id),
      date date not null,
      time_slot text not null,
      status text not null default 'WAITING' check (status in ('WAITING', 'SERVED', 'LEFT', 'EXPIRED')),
      booking_id uuid unique references booking.bookings (id),
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'SERVED') = (booking_id is not null))
    )`);
  await knex.raw("create unique index waitlist_once on booking.waitlist_entries (user_id, room_id, date, time_slot) where status = 'WAITING'");
  await knex.raw("create index waitlist_queue on booking.waitlist_entries (room_id, date, time_slot, seq) where status = 'WAITING'");
  await knex.raw("create index waitlist_expiry on booking.waitlist_entries (expires_at) where status = 'WAITING'");
  await knex.raw('create index waitlist_user on booking.waitlist_entries (user_id, created_at desc)');

  await knex.raw(`
    create table booking.closures (
      id uuid primary key default gen_random_uuid(),
      room_id uuid references booking.rooms (id),
      start_date date not null,
      end_date date not null,
      time_slots text[] check (time_slots is null or cardinality(time_slots) between 1 and 8),
      reason text not null check (length(reason) between 1 and 200),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      cancellations_done_at timestamptz,
      check (end_date >= start_date)
    )`);
  await knex.raw('create index closures_dates on booking.closures (start_date, end_date)');
  await knex.raw('create index closures_pending on booking.closures (created_at) where cancellations_done_at is null');

  // A feed's token is an HMAC of owner and version; resetting bumps the version.
  await knex.raw(`
    create table booking.calendar_feeds (
      kind text not null check (kind in ('user', 'room')),
      owner_id uuid not null,
      version integer not null default 0,
      primary key (kind, owner_id)
    )`);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
