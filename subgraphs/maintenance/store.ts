/** Data access for tickets and their history. Rows are the parents resolvers receive. */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRowLoader } from '../../lib/loaders';
import type { TicketPriority, TicketStatus } from './sla';

export interface TicketRow {
  id: string;
  title: string;
  description: string;
  location: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  reporter_id: string;
  assignee_id: string | null;
  sla_due_at: Date;
  response_due_at: Date;
  responded_at: Date | null;
  /** Seconds ON_HOLD in holds that ended; a running hold counts from hold_started_at. */
  paused_seconds: number;
  hold_started_at: Date | null;
  priority_reasons: string[];
  room_id: string | null;
  duplicate_of: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ChangeKind = 'CREATED' | 'STATUS' | 'PRIORITY' | 'ASSIGNEE' | 'COMMENT' | 'DUPLICATE';

export interface TicketChangeRow {
  id: number;
  ticket_id: string;
  kind: ChangeKind;
  from_value: string | null;
  to_value: string | null;
  changed_by: string;
  changed_at: Date;
  /** Why, when one was given (ON_HOLD always has one). */
  reason: string | null;
}

export type AlertClock = 'RESPONSE' | 'RESOLUTION';
export type AlertLevel = 'WARNING' | 'BREACH';

/** A due deadline alert, claimed with the ticket it is about. */
export interface DueAlert {
  ticket: TicketRow;
  clock: AlertClock;
  level: AlertLevel;
  dueAt: Date;
}

/** A deadline alert as stored (`maintenance.ticket_alerts`): due_at null once it waits for nothing. */
interface AlertRow {
  ticket_id: string;
  clock: AlertClock;
  level: AlertLevel;
  due_at: Date | null;
  sent_at: Date | null;
}

/** An account in the users subgraph's published directory view (`users.user_directory`). */
interface DirectoryRow {
  id: string;
  role: string;
}

/** A user known here only by id; the users subgraph resolves the rest. */
export interface UserReference {
  id: string;
}

export interface TicketFilter {
  /** Only the tickets this user reported or is assigned (the SQL form of MaintenanceService.canSee). */
  visibleTo?: string;
  status?: TicketStatus | null;
  priority?: TicketPriority | null;
  orderBy: 'NEWEST' | 'DUE_AT';
  limit: number;
  offset: number;
}

const TICKETS = 'maintenance.tickets';
const HISTORY = 'maintenance.ticket_history';
const ALERTS = 'maintenance.ticket_alerts';

/** Whole seconds of the hold running now (0 when there is none), on the transaction's clock. */
const RUNNING_HOLD_SECONDS = 'coalesce(greatest(0, floor(extract(epoch from now() - hold_started_at))), 0)::int';

export class TicketStore {
  constructor(private readonly knex: Knex) {}

  createLoader() {
    return createRowLoader<TicketRow>(
      (ids) => this.knex<TicketRow>(TICKETS).comment('ticketsByIds').whereIn('id', ids),
      (row) => row.id,
    );
  }

  /**
   * Every ticket's history in one query per request, oldest change first. `cache: false` for a
   * subscription, whose one context serves every event: each must read the history anew.
   */
  createHistoryLoader(options: { cache?: boolean } = {}) {
    return new DataLoader<string, TicketChangeRow[]>(async (ticketIds) => {
      const rows = await this.knex<TicketChangeRow>(HISTORY).comment('historyByTickets').whereIn('ticket_id', ticketIds).orderBy('id');
      const byTicket = new Map<string, TicketChangeRow[]>(ticketIds.map((id) => [id, []]));
      for (const row of rows) byTicket.get(row.ticket_id)?.push(row);
      return ticketIds.map((id) => byTicket.get(id) ?? []);
    }, options);
  }

  list(filter: TicketFilter): Promise<TicketRow[]> {
    const query = this.knex<TicketRow>(TICKETS).comment('listTickets');
    const userId = filter.visibleTo;
    if (userId) query.where((visible) => void visible.where('reporter_id', userId).orWhere('assignee_id', userId));
    if (filter.status) query.where('status', filter.status);
    if (filter.priority) query.where('priority', filter.priority);
    query.orderBy(
      filter.orderBy === 'DUE_AT'
        ? [
            { column: 'sla_due_at', order: 'asc' },
            { column: 'created_at', order: 'asc' },
          ]
        : [
            { column: 'created_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ],
    );
    return query.limit(filter.limit).offset(filter.offset);
  }

  async insert(
    trx: Knex.Transaction,
    ticket: {
      title: string;
      description: string;
      location: string | null;
      priority: TicketPriority;
      priorityReasons: string[];
      reporterId: string;
      roomId: string | null;
      slaHours: number;
      responseMinutes: number;
    },
  ): Promise<TicketRow> {
    const [row] = await trx<TicketRow>(TICKETS)
      .comment('insertTicket')
      .insert({
        title: ticket.title,
        description: ticket.description,
        location: ticket.location,
        priority: ticket.priority,
        priority_reasons: ticket.priorityReasons,
        reporter_id: ticket.reporterId,
        room_id: ticket.roomId,
        // The due times count from the same transaction clock as created_at.
        sla_due_at: trx.raw('now() + make_interval(hours => ?)', [ticket.slaHours]),
        response_due_at: trx.raw('now() + make_interval(mins => ?)', [ticket.responseMinutes]),
      })
      .returning('*');
    return row;
  }

  lock(trx: Knex.Transaction, id: string): Promise<TicketRow | undefined> {
    return trx<TicketRow>(TICKETS).comment('lockTicket').where({ id }).forUpdate().first();
  }

  async update(trx: Knex.Transaction, id: string, changes: Partial<Pick<TicketRow, 'assignee_id'>>): Promise<TicketRow> {
    const [row] = await trx<TicketRow>(TICKETS)
      .comment('updateTicket')
      .where({ id })
      .update({ ...changes, updated_at: trx.fn.now() })
      .returning('*');
    return row;
  }

  /**
   * Moves the status on the database clock: entering ON_HOLD starts the hold; leaving it adds
   * the held seconds to paused_seconds and moves both deadlines later by them; the first move
   * to IN_PROGRESS is the response (never moved once set; staff comments may set it too).
   */
  async moveStatus(trx: Knex.Transaction, id: string, status: TicketStatus): Promise<TicketRow> {
    const { rows } = await trx.raw<{ rows: TicketRow[] }>(
      `/* moveTicketStatus */ update ${TICKETS} set
         status = cast(:status as text),
         hold_started_at = case when cast(:status as text) = 'ON_HOLD' then now() end,
         paused_seconds = paused_seconds + ${RUNNING_HOLD_SECONDS},
         sla_due_at = sla_due_at + make_interval(secs => ${RUNNING_HOLD_SECONDS}),
         response_due_at = response_due_at + make_interval(secs => ${RUNNING_HOLD_SECONDS}),
         responded_at = case when cast(:status as text) = 'IN_PROGRESS' then coalesce(responded_at, now()) else responded_at end,
         updated_at = now()
       where id = :id returning *`,
      { id, status },
    );
    return rows[0];
  }

  /** A new priority: both deadlines again from creation, plus the time of the holds that ended. */
  async setPriority(
    trx: Knex.Transaction,
    id: string,
    change: { priority: TicketPriority; reasons: string[]; slaHours: number; responseMinutes: number },
  ): Promise<TicketRow> {
    const { rows } = await trx.raw<{ rows: TicketRow[] }>(
      `/* setTicketPriority */ update ${TICKETS} set
         priority = cast(:priority as text),
         priority_reasons = cast(:reasons as text[]),
         sla_due_at = created_at + make_interval(hours => :slaHours) + make_interval(secs => paused_seconds),
         response_due_at = created_at + make_interval(mins => :responseMinutes) + make_interval(secs => paused_seconds),
         updated_at = now()
       where id = :id returning *`,
      { id, priority: change.priority, reasons: change.reasons, slaHours: change.slaHours, responseMinutes: change.responseMinutes },
    );
    return rows[0];
  }

  async recordChange(
    trx: Knex.Transaction,
    change: { ticketId: string; kind: ChangeKind; from: string | null; to: string | null; changedBy: string; reason?: string | null },
  ): Promise<void> {
    await trx<TicketChangeRow>(HISTORY)
      .comment('recordTicketChange')
      .insert({
        ticket_id: change.ticketId,
        kind: change.kind,
        from_value: change.from,
        to_value: change.to,
        changed_by: change.changedBy,
        reason: change.reason ?? null,
      });
  }

  /**
   * Due alerts with their tickets, both locked; rows another instance holds, or whose ticket a
   * change holds, are skipped (that change moves their due time; the next run looks again).
   */
  async claimDueAlerts(trx: Knex.Transaction, limit: number): Promise<DueAlert[]> {
    const { rows } = await trx.raw<{ rows: Array<TicketRow & { clock: AlertClock; level: AlertLevel; alert_due_at: Date }> }>(
      `/* claimDueAlerts */ select a.clock, a.level, a.due_at as alert_due_at, t.*
         from ${ALERTS} a join ${TICKETS} t on t.id = a.ticket_id
        where a.sent_at is null and a.due_at <= now()
        order by a.due_at
        limit ? for update of a, t skip locked`,
      [limit],
    );
    return rows.map(({ clock, level, alert_due_at, ...ticket }) => ({
      ticket,
      clock,
      level,
      dueAt: alert_due_at,
    }));
  }

  async markAlertSent(trx: Knex.Transaction, alert: DueAlert): Promise<void> {
    await trx<AlertRow>(ALERTS)
      .comment('markAlertSent')
      .where({ ticket_id: alert.ticket.id, clock: alert.clock, level: alert.level })
      .update({ sent_at: trx.fn.now() });
  }

  /** An alert that no longer applies (its clock was met or stopped meanwhile) waits for none. */
  async dismissAlert(trx: Knex.Transaction, alert: DueAlert): Promise<void> {
    await trx<AlertRow>(ALERTS)
      .comment('dismissAlert')
      .where({ ticket_id: alert.ticket.id, clock: alert.clock, level: alert.level })
      .update({ due_at: null });
  }

  async nextAlertDueAt(): Promise<{ dueAt: Date; now: Date } | null> {
    const { rows } = await this.knex.raw<{ rows: Array<{ due_at: Date | null; now: Date }> }>(
      `/* nextAlertDueAt */ select min(due_at) as due_at, now() as now from ${ALERTS} where sent_at is null and due_at is not null`,
    );
    return rows[0]?.due_at ? { dueAt: new Date(rows[0].due_at), now: new Date(rows[0].now) } : null;
  }

  /** Every ADMIN, from the users subgraph's directory view. */
  async adminIds(trx: Knex.Transaction): Promise<string[]> {
    const rows = await trx<DirectoryRow>('users.user_directory').comment('adminsInDirectory').where({ role: 'ADMIN' }).orderBy('id').select('id');
    return rows.map((row) => row.id);
  }

  /** The role of an account, from the users subgraph's published directory view. */
  async roleOf(userId: string): Promise<string | undefined> {
    const row = await this.knex<DirectoryRow>('users.user_directory').comment('roleInDirectory').where({ id: userId }).first('role');
    return row?.role;
  }
}
