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

export type ChangeKind = 'CREATED' | 'STATUS' | 'PRIORITY' | 'ASSIGNEE';

export interface TicketChangeRow {
  id: number;
  ticket_id: string;
  kind: ChangeKind;
  from_value: string | null;
  to_value: string | null;
  changed_by: string;
  changed_at: Date;
}

/** A user known here only by id; the users subgraph resolves the rest. */
export interface UserReference {
  id: string;
}

export interface TicketFilter {
  reporterId?: string;
  status?: TicketStatus | null;
  priority?: TicketPriority | null;
  orderBy: 'NEWEST' | 'DUE_AT';
  limit: number;
  offset: number;
}

const TICKETS = 'maintenance.tickets';
const HISTORY = 'maintenance.ticket_history';

export class TicketStore {
  constructor(private readonly knex: Knex) {}

  createLoader() {
    return createRowLoader<TicketRow>(
      (ids) => this.knex(TICKETS).comment('ticketsByIds').whereIn('id', ids),
      (row) => row.id,
    );
  }

  /** Every ticket's history in one query per request, oldest change first. */
  createHistoryLoader() {
    return new DataLoader<string, TicketChangeRow[]>(async (ticketIds) => {
      const rows: TicketChangeRow[] = await this.knex(HISTORY).comment('historyByTickets').whereIn('ticket_id', ticketIds).orderBy('id');
      const byTicket = new Map<string, TicketChangeRow[]>(ticketIds.map((id) => [id, []]));
      for (const row of rows) byTicket.get(row.ticket_id)?.push(row);
      return ticketIds.map((id) => byTicket.get(id) ?? []);
    });
  }

  list(filter: TicketFilter): Promise<TicketRow[]> {
    const query = this.knex(TICKETS).comment('listTickets');
    if (filter.reporterId) query.where('reporter_id', filter.reporterId);
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
    const [row] = await trx(TICKETS)
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
    return trx(TICKETS).comment('lockTicket').where({ id }).forUpdate().first();
  }

  async update(
    trx: Knex.Transaction,
    id: string,
    changes: Partial<Pick<TicketRow, 'status' | 'priority' | 'assignee_id' | 'sla_due_at'>>,
  ): Promise<TicketRow> {
    const [row] = await trx(TICKETS)
      .comment('updateTicket')
      .where({ id })
      .update({ ...changes, updated_at: trx.fn.now() })
      .returning('*');
    return row;
  }

  async recordChange(
    trx: Knex.Transaction,
    change: { ticketId: string; kind: ChangeKind; from: string | null; to: string | null; changedBy: string },
  ): Promise<void> {
    await trx(HISTORY)
      .comment('recordTicketChange')
      .insert({ ticket_id: change.ticketId, kind: change.kind, from_value: change.from, to_value: change.to, changed_by: change.changedBy });
  }

  /** The role of an account, from the users subgraph's published directory view. */
  async roleOf(userId: string): Promise<string | undefined> {
    const row = await this.knex('users.user_directory').comment('roleInDirectory').where({ id: userId }).first('role');
    return row?.role;
  }
}
