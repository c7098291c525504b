/** Data access for ticket comments. Rows are the parents resolvers receive (codegen mapper). */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';

export interface TicketCommentRow {
  id: string;
  ticket_id: string;
  author_id: string;
  body: string;
  created_at: Date;
}

const COMMENTS = 'maintenance.ticket_comments';
const TICKETS = 'maintenance.tickets';
const HISTORY = 'maintenance.ticket_history';

export class CommentStore {
  constructor(private readonly knex: Knex) {}

  /** Every ticket's comments in one query per request, oldest first. */
  createLoader() {
    return new DataLoader<string, TicketCommentRow[]>(async (ticketIds) => {
      const rows = await this.knex<TicketCommentRow>(COMMENTS)
        .comment('commentsByTickets')
        .whereIn('ticket_id', ticketIds)
        .orderBy([{ column: 'created_at' }, { column: 'id' }]);
      const byTicket = new Map<string, TicketCommentRow[]>(ticketIds.map((id) => [id, []]));
      for (const row of rows) byTicket.get(row.ticket_id)?.push(row);
      return ticketIds.map((id) => byTicket.get(id) ?? []);
    });
  }

  async insert(trx: Knex.Transaction, comment: { ticketId: string; authorId: string; body: string }): Promise<TicketCommentRow> {
    const [row] = await trx<TicketCommentRow>(COMMENTS)
      .comment('insertTicketComment')
      .insert({ ticket_id: comment.ticketId, author_id: comment.authorId, body: comment.body })
      .returning('*');
    return row;
  }

  /**
   * The ticket changed now; a staff comment is also its response, stamped only if it has none
   * (the first response stays the one that met the response clock).
   */
  async touchTicket(trx: Knex.Transaction, ticketId: string, staffResponse: boolean): Promise<void> {
    await trx(TICKETS)
      .comment('ticketCommented')
      .where({ id: ticketId })
      .update({
        updated_at: trx.fn.now(),
        ...(staffResponse ? { responded_at: trx.raw('coalesce(responded_at, now())') } : {}),
      });
  }

  async recordComment(trx: Knex.Transaction, change: { ticketId: string; commentId: string; changedBy: string }): Promise<void> {
    await trx(HISTORY)
      .comment('recordTicketComment')
      .insert({ ticket_id: change.ticketId, kind: 'COMMENT', from_value: null, to_value: change.commentId, changed_by: change.changedBy });
  }
}
