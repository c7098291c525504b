/** Data access for duplicate links: candidates for a new ticket, locks, links and their history. */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { TicketRow } from '../store';

/** A ticket a new one may repeat, with the original it would be linked to. */
export interface DuplicateCandidate {
  id: string;
  title: string;
  description: string;
  /** The candidate itself, or the original it is a duplicate of. */
  root_id: string;
  created_at: Date;
}

const TICKETS = 'maintenance.tickets';
const HISTORY = 'maintenance.ticket_history';
export const UNRESOLVED = ['OPEN', 'IN_PROGRESS', 'ON_HOLD'] as const;
/** How far back a new ticket looks for the one it repeats. */
export const DUPLICATE_WINDOW_DAYS = 7;
/** At most this many recent tickets at one place are compared with a new one. */
const MAX_CANDIDATES = 200;

export class DuplicateStore {
  constructor(private readonly knex: Knex) {}

  /** Every ticket's duplicates in one query per request, oldest first. */
  createLoader() {
    return new DataLoader<string, TicketRow[]>(async (parentIds) => {
      const rows = await this.knex<TicketRow>(TICKETS)
        .comment('duplicatesOfTickets')
        .whereIn('duplicate_of', parentIds)
        .orderBy([{ column: 'created_at' }, { column: 'id' }]);
      const byParent = new Map<string, TicketRow[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) byParent.get(row.duplicate_of!)?.push(row);
      return parentIds.map((id) => byParent.get(id) ?? []);
    });
  }

  /**
   * Unresolved tickets of the last 7 days in the same room or at the same location (case aside),
   * whose original, if they have one, is unresolved too.
   */
  candidates(trx: Knex.Transaction, ticket: TicketRow): Promise<DuplicateCandidate[]> {
    if (!ticket.room_id && !ticket.location) return Promise.resolve([]);
    return trx(`${TICKETS} as t`)
      .comment('duplicateCandidates')
      .leftJoin(`${TICKETS} as p`, 'p.id', 't.duplicate_of')
      .whereNot('t.id', ticket.id)
      .whereIn('t.status', [...UNRESOLVED])
      .where('t.created_at', '>=', trx.raw('now() - make_interval(days => ?)', [DUPLICATE_WINDOW_DAYS]))
      .where((place) => {
        if (ticket.room_id) void place.orWhere('t.room_id', ticket.room_id);
        if (ticket.location) void place.orWhereRaw('lower(t.location) = lower(?)', [ticket.location]);
      })
      .where((original) => void original.whereNull('p.id').orWhereIn('p.status', [...UNRESOLVED]))
      .orderBy([{ column: 't.created_at' }, { column: 't.id' }])
      .limit(MAX_CANDIDATES)
      .select<DuplicateCandidate[]>('t.id', 't.title', 't.description', 't.created_at', trx.raw('coalesce(t.duplicate_of, t.id) as root_id'));
  }

  /** Looks a ticket up without locking it (the caller locks and checks again). */
  peek(trx: Knex.Transaction, id: string): Promise<TicketRow | undefined> {
    return trx<TicketRow>(TICKETS).comment('peekTicket').where({ id }).first();
  }

  /** Locks tickets in id order, the one order every linking transaction uses, so none deadlock. */
  async lockInOrder(trx: Knex.Transaction, ids: string[]): Promise<Map<string, TicketRow>> {
    const sorted = [...new Set(ids)].sort();
    const rows = await trx<TicketRow>(TICKETS).comment('lockTicketsInOrder').whereIn('id', sorted).orderBy('id').forUpdate();
    return new Map(rows.map((row) => [row.id, row]));
  }

  async setOriginal(trx: Knex.Transaction, id: string, originalId: string | null): Promise<TicketRow> {
    const [row] = await trx<TicketRow>(TICKETS)
      .comment('setDuplicateOf')
      .where({ id })
      .update({ duplicate_of: originalId, updated_at: trx.fn.now() })
      .returning('*');
    return row;
  }

  /** Moves every duplicate of `fromId` to `toId`, so links stay one level deep; returns the moved. */
  moveDuplicates(trx: Knex.Transaction, fromId: string, toId: string): Promise<TicketRow[]> {
    return trx<TicketRow>(TICKETS)
      .comment('moveDuplicates')
      .where({ duplicate_of: fromId })
      .update({ duplicate_of: toId, updated_at: trx.fn.now() })
      .returning('*');
  }

  /** The ids of a ticket's duplicates, in id order. */
  async duplicateIdsOf(trx: Knex.Transaction, originalId: string): Promise<string[]> {
    const rows = await trx<TicketRow>(TICKETS).comment('duplicateIds').where({ duplicate_of: originalId }).orderBy('id').select('id');
    return rows.map((row) => row.id);
  }

  /** The reporters of a ticket's duplicates (each once). */
  async duplicateReporterIds(trx: Knex.Transaction, originalId: string): Promise<string[]> {
    const rows = await trx<TicketRow>(TICKETS)
      .comment('duplicateReporters')
      .where({ duplicate_of: originalId })
      .distinct('reporter_id')
      .orderBy('reporter_id');
    return rows.map((row) => row.reporter_id);
  }

  async recordLink(
    trx: Knex.Transaction,
    change: { ticketId: string; from: string | null; to: string | null; changedBy: string; reason: string | null },
  ): Promise<void> {
    await trx(HISTORY).comment('recordDuplicateLink').insert({
      ticket_id: change.ticketId,
      kind: 'DUPLICATE',
      from_value: change.from,
      to_value: change.to,
      changed_by: change.changedBy,
      reason: change.reason,
    });
  }
}
