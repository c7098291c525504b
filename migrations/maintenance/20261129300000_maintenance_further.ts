import type { Knex } from 'knex';

// Maintenance, further: ON_HOLD, the response clock beside the resolution clock (both paused by
// holds), priority reasons, comments, duplicate links, a ticket's room, and deadline alerts that
// are sent once each (a due time per alert row, claimed and stamped in one transaction).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table maintenance.tickets drop constraint tickets_status_check');
  await knex.raw(`
    alter table maintenance.tickets
      add constraint tickets_status_check check (status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED', 'CLOSED')),
      add column priority_reasons text[] not null default '{}',
      add column response_due_at timestamptz,
      add column responded_at timestamptz,
      add column paused_seconds integer not null default 0 check (paused_seconds >= 0),
      add column hold_started_at timestamptz,
      add column room_id uuid,
      add column duplicate_of uuid references maintenance.tickets (id),
      add constraint tickets_not_own_duplicate check (duplicate_of <> id)`);
  await knex.raw(`
    update maintenance.tickets set response_due_at = created_at + case priority
      when 'CRITICAL' then interval '15 minutes' when 'HIGH' then interval '1 hour'
      when 'MEDIUM' then interval '4 hours' else interval '24 hours' end`);
  await knex.raw(`
    alter table maintenance.tickets
      alter column response_due_at set not null,
      add constraint tickets_hold_while_on_hold check ((status = 'ON_HOLD') = (hold_started_at is not null))`);
  await knex.raw('create index tickets_duplicate_of on maintenance.tickets (duplicate_of) where duplicate_of is not null');
  await knex.raw(
    "create index tickets_room_unresolved on maintenance.tickets (room_id) where room_id is not null and status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD')",
  );
  await knex.raw('create index tickets_location_recent on maintenance.tickets (lower(location), created_at) where location is not null');

  await knex.raw('alter table maintenance.ticket_history drop constraint ticket_history_kind_check');
  await knex.raw(`
    alter table maintenance.ticket_history
      add constraint ticket_history_kind_check check (kind in ('CREATED', 'STATUS', 'PRIORITY', 'ASSIGNEE', 'COMMENT', 'DUPLICATE')),
      add column reason text check (length(reason) between 1 and 5000)`);

  await knex.raw(`
    create table maintenance.ticket_comments (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references maintenance.tickets (id) on delete cascade,
      author_id uuid not null,
      body text not null check (length(body) between 1 and 5000),
      created_at timestamptz not null default now()
    )`);
  await knex.raw('create index ticket_comments_ticket on maintenance.ticket_comments (ticket_id, created_at, id)');

  // One row per deadline alert: 75% of a clock (WARNING) and its breach (BREACH). due_at is null
  // while the ticket is ON_HOLD or the clock is met; sent_at is set in the sending transaction.
  await knex.raw(`
    create table maintenance.ticket_alerts (
      ticket_id uuid not null references maintenance.tickets (id) on delete cascade,
      clock text not null check (clock in ('RESPONSE', 'RESOLUTION')),
      level text not null check (level in ('WARNING', 'BREACH')),
      due_at timestamptz,
      sent_at timestamptz,
      primary key (ticket_id, clock, level)
    )`);
  await knex.raw('create index ticket_alerts_due on maintenance.ticket_alerts (due_at) where sent_at is null and due_at is not null');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
