import type { Knex } from 'knex';

// The audit log every subgraph appends to in the transaction of the action it records
// (lib/audit.ts). Append-only in the database itself: updates, deletes and truncation are
// refused, except the retention prune, which says so for its own transaction.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table audit.entries (
      id bigint generated always as identity primary key,
      action text not null check (action ~ '^[a-z]+\\.[a-z_]+$'),
      actor_id uuid,
      target text check (length(target) <= 300),
      at timestamptz not null default now(),
      client_address text check (length(client_address) <= 100),
      request_id text check (length(request_id) <= 100),
      details jsonb
    )`);
  await knex.raw('create index entries_action on audit.entries (action, id)');
  await knex.raw('create index entries_actor on audit.entries (actor_id, id)');
  await knex.raw('create index entries_target on audit.entries (target, id)');
  await knex.raw('create index entries_at on audit.entries (at)');
  await knex.raw(`
    create function audit.refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('audit.pruning', true) = 'on' then
        return old;
      end if;
      raise exception 'audit entries are append-only' using errcode = '42501';
    end $$`);
  await knex.raw('create trigger entries_append_only before update or delete on audit.entries for each row execute function audit.refuse_change()');
  await knex.raw('create trigger entries_no_truncate before truncate on audit.entries for each statement execute function audit.refuse_change()');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
