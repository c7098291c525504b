import type { Knex } from 'knex';

// Rooms and bookings. The rules that protect bookings are constraints: one ACTIVE booking per
// room, date and slot, and one ACTIVE booking per person, date and slot.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table booking.rooms (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      capacity integer not null check (capacity between 1 and 1000),
      building text check (length(building) between 1 and 200),
      floor integer check (floor between -20 and 300),
      amenities text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
  await knex.raw('create unique index rooms_name_unique on booking.rooms (lower(name))');

  await knex.raw(`
    create table booking.bookings (
      id uuid primary key default gen_random_uuid(),
      room_id uuid not null references booking.rooms (id),
      user_id uuid not null,
      date date not null,
      time_slot text not null check (time_slot in (
        '06:00-08:00', '08:00-10:00', '10:00-12:00', '12:00-14:00',
        '14:00-16:00', '16:00-18:00', '18:00-20:00', '20:00-22:00')),
      status text not null default 'ACTIVE' check (status in ('ACTIVE', 'CANCELLED')),
      created_at timestamptz not null default now(),
      cancelled_at timestamptz,
      cancelled_by uuid,
      check ((status = 'CANCELLED') = (cancelled_at is not null))
    )`);
  await knex.raw("create unique index bookings_room_slot_active on booking.bookings (room_id, date, time_slot) where status = 'ACTIVE'");
  await knex.raw("create unique index bookings_user_slot_active on booking.bookings (user_id, date, time_slot) where status = 'ACTIVE'");
  await knex.raw('create index bookings_user_date on booking.bookings (user_id, date desc)');
  await knex.raw('create index bookings_date on booking.bookings (date desc, time_slot)');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
