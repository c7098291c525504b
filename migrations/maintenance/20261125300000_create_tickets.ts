import type { Knex } from 'knex';

// Tickets and their history. Every change (status, priority, assignment) is a history row
// written in the same transaction as the change.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table maintenance.tickets (
      id uuid primary key default gen_random_uuid(),
      title text not null check (length(title) between 1 and 200),
      description text not null check (length(description) between 1 and 5000),
      location text check (length(location) between 1 and 200),
      priority text not null check (priority in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
      status text not null default 'OPEN' check (status in ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
      reporter_id uuid not null,
      assignee_id uuid,
      sla_due_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
  await knex.raw('create index tickets_reporter_created on maintenance.tickets (reporter_id, created_at desc)');
  await knex.raw('create index tickets_created on maintenance.tickets (created_at desc)');
  await knex.raw("create index tickets_open_due on maintenance.tickets (sla_due_at) where status in ('OPEN', 'IN_PROGRESS')");

  await knex.raw(`
    create table maintenance.ticket_history (
      id bigint generated always as identity primary key,
      ticket_id uuid not null references maintenance.tickets (id) on delete cascade,
      kind text not null check (kind in ('CREATED', 'STATUS', 'PRIORITY', 'ASSIGNEE')),
      from_value text,
      to_value text,
      changed_by uuid not null,
      changed_at timestamptz not null default now()
    )`);
  await knex.raw('create index ticket_history_ticket on maintenance.ticket_history (ticket_id, id)');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
