import type { Knex } from 'knex';

// Deadline alerts keep their due times in step with the ticket in the database itself: a
// trigger creates a ticket's four alert rows with it, and recomputes the due time of every
// unsent one whenever the ticket's status, deadlines or response change, whoever writes them
// (a status move, a priority change, a hold, a staff comment). 75% of a clock is counted on
// its working time: the deadline minus a quarter of (deadline - creation - paused time).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function maintenance.alert_due_at(t maintenance.tickets, clock text, level text) returns timestamptz
    language sql stable as $$
      select case
        when t.status not in ('OPEN', 'IN_PROGRESS') then null
        when clock = 'RESPONSE' and t.responded_at is not null then null
        else deadline - case when level = 'WARNING'
          then (deadline - t.created_at - make_interval(secs => t.paused_seconds)) * 0.25
          else interval '0' end
      end
      from (select case when clock = 'RESPONSE' then t.response_due_at else t.sla_due_at end as deadline) d
    $$`);
  await knex.raw(`
    create function maintenance.sync_ticket_alerts() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into maintenance.ticket_alerts (ticket_id, clock, level)
          select new.id, c, l from unnest(array['RESPONSE', 'RESOLUTION']) c, unnest(array['WARNING', 'BREACH']) l;
      end if;
      update maintenance.ticket_alerts a set due_at = maintenance.alert_due_at(new, a.clock, a.level)
        where a.ticket_id = new.id and a.sent_at is null
          and a.due_at is distinct from maintenance.alert_due_at(new, a.clock, a.level);
      return null;
    end $$`);
  await knex.raw(`
    create trigger tickets_sync_alerts
      after insert or update of status, priority, sla_due_at, response_due_at, responded_at, paused_seconds on maintenance.tickets
      for each row execute function maintenance.sync_ticket_alerts()`);
  // Tickets made before alerts existed get theirs too; an alert whose time had already come
  // counts as sent, so the first start after this change does not send every old breach at once.
  await knex.raw(`
    insert into maintenance.ticket_alerts (ticket_id, clock, level, due_at)
      select t.id, c, l, maintenance.alert_due_at(t, c, l)
        from maintenance.tickets t, unnest(array['RESPONSE', 'RESOLUTION']) c, unnest(array['WARNING', 'BREACH']) l
      on conflict do nothing`);
  await knex.raw('update maintenance.ticket_alerts set sent_at = now() where sent_at is null and due_at <= now()');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
