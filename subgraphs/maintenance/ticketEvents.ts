/** The payload every ticket event carries: who may see the ticket (for `ticketUpdated`), and what changed. */
import type { TicketEventPayload } from '../../lib/outbox';
import type { TicketRow } from './store';

export function ticketEvent(
  ticket: Pick<TicketRow, 'id' | 'reporter_id' | 'assignee_id' | 'title'>,
  change: { from: string | null; to: string | null; changedBy: string },
): TicketEventPayload {
  return { ticketId: ticket.id, reporterId: ticket.reporter_id, assigneeId: ticket.assignee_id, title: ticket.title, ...change };
}
