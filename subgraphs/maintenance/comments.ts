/**
 * Comments on tickets: who may write them, who is told, and the response they count as. Each
 * comment writes its row, a COMMENT history row and an outbox event in one transaction.
 *
 * "Staff" on a ticket means an ADMIN, or the ticket's assignee while they are FACULTY or ADMIN
 * (the people who act on it). A staff comment is the ticket's response (`respondedAt`, stamped
 * once) and tells the reporter; the reporter's comment tells the assignee. Nobody is told of
 * their own comment, and an ADMIN's comment does not tell an assignee who did not write it.
 */
import { ticketEvent } from './ticketEvents';
import { canReachTicket } from './access';
import type { Knex } from 'knex';
import type { AuthUser } from '../../lib/auth';
import { notFound } from '../../lib/errors';
import { appendEvent, type TicketCommentEventPayload } from '../../lib/outbox';
import { TEXT_LIMITS, requireId, requireText } from '../../lib/validation';
import { CommentStore, type TicketCommentRow } from './commentStore';
import type { TicketRow, TicketStore } from './store';

/** How much of a comment its notification quotes. */
const EXCERPT_CHARACTERS = 140;

export function isStaffOn(caller: AuthUser, ticket: TicketRow): boolean {
  return caller.role === 'ADMIN' || (caller.role === 'FACULTY' && caller.id === ticket.assignee_id);
}

/** The reporter, the assignee or an ADMIN; to anyone else the ticket does not exist. */
export const mayComment = canReachTicket;

export function recipientsOf(caller: AuthUser, ticket: TicketRow): TicketCommentEventPayload['notify'] {
  const notify: TicketCommentEventPayload['notify'] = [];
  if (isStaffOn(caller, ticket) && ticket.reporter_id !== caller.id) notify.push({ userId: ticket.reporter_id, as: 'REPORTER' });
  if (caller.id === ticket.reporter_id && ticket.assignee_id && ticket.assignee_id !== caller.id) {
    notify.push({ userId: ticket.assignee_id, as: 'ASSIGNEE' });
  }
  return notify;
}

function excerpt(body: string): string {
  const characters = [...body.replace(/\s+/g, ' ')];
  return characters.length <= EXCERPT_CHARACTERS ? characters.join('') : `${characters.slice(0, EXCERPT_CHARACTERS - 1).join('')}…`;
}

export class TicketComments {
  readonly store: CommentStore;

  constructor(
    private readonly knex: Knex,
    private readonly tickets: TicketStore,
  ) {
    this.store = new CommentStore(knex);
  }

  async add(caller: AuthUser, ticketIdInput: string, bodyInput: string): Promise<TicketCommentRow> {
    const ticketId = requireId('ticketId', ticketIdInput);
    const body = requireText('body', bodyInput, TEXT_LIMITS.description);
    return this.knex.transaction(async (trx) => {
      // Locked: the assignee read here is the one told, and the response is stamped once.
      const ticket = await this.tickets.lock(trx, ticketId);
      if (!ticket || !mayComment(caller, ticket)) throw notFound('Ticket');
      const comment = await this.store.insert(trx, { ticketId, authorId: caller.id, body });
      await this.store.touchTicket(trx, ticketId, isStaffOn(caller, ticket));
      await this.store.recordComment(trx, { ticketId, commentId: comment.id, changedBy: caller.id });
      await appendEvent(trx, 'ticket.commented', ticketId, {
        ...ticketEvent(ticket, { from: null, to: comment.id, changedBy: caller.id }),
        excerpt: excerpt(body),
        notify: recipientsOf(caller, ticket),
      });
      return comment;
    });
  }
}
