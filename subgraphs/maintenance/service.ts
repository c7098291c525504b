/**
 * The rules of tickets: who sees which, the lifecycle, the SLA, and the history row and outbox
 * event that every change writes in its own transaction.
 */
import { ticketEvent } from './ticketEvents';
import type { Knex } from 'knex';
import { recordAudit, type AuditSource } from '../../lib/audit';
import type { AuthUser } from '../../lib/auth';
import { badInput, forbidden, notFound } from '../../lib/errors';
import { appendEvent, type OutboxTopic } from '../../lib/outbox';
import { TEXT_LIMITS, requireId, requireText } from '../../lib/validation';
import { canReachTicket, type TicketParties } from './access';
import { TicketComments } from './comments';
import { DuplicateLinks } from './duplicates/links';
import { requireTransition } from './lifecycle';
import type { PriorityVerdict, PriorityClassifier } from './priority/classifier';
import { requireTicketRoom, syncRoomFault } from './roomFaults';
import { RESPONSE_MINUTES, SLA_HOURS, type TicketPriority, type TicketStatus } from './sla';
import { TicketStore, type ChangeKind, type TicketRow } from './store';

export const CLASSIFY_TEXT_LIMIT = 10_000;
/** A reason for a hold or a priority override: 1-5,000 characters. */
export const REASON_LIMIT = 5000;

/** The ticket's explanation of a priority an ADMIN set. */
export function overrideReasons(priority: TicketPriority, reason: string | null): string[] {
  return [reason ? `${reason} (set to ${priority} by an administrator)` : `Set to ${priority} by an administrator`];
}

function optionalReason(reason: string | null | undefined): string | null {
  return reason == null ? null : requireText('reason', reason, REASON_LIMIT);
}

export class MaintenanceService {
  readonly store: TicketStore;
  readonly comments: TicketComments;
  readonly duplicates: DuplicateLinks;

  constructor(
    private readonly knex: Knex,
    private readonly classifier: PriorityClassifier,
  ) {
    this.store = new TicketStore(knex);
    this.comments = new TicketComments(knex, this.store);
    this.duplicates = new DuplicateLinks(knex);
  }

  classify(textInput: string): PriorityVerdict {
    const text = requireText('text', textInput, CLASSIFY_TEXT_LIMIT);
    return this.classifier.assess(text);
  }

  /**
   * The one visibility rule: ADMIN sees every ticket; anyone else the ones they reported or are
   * assigned. Queries, references and subscriptions all ask here (TicketStore.list has its SQL form).
   */
  canSee(caller: AuthUser, ticket: TicketParties): boolean {
    return canReachTicket(caller, ticket);
  }

  async ticket(caller: AuthUser, idInput: string, load: (id: string) => Promise<TicketRow | null>): Promise<TicketRow> {
    const ticket = await load(requireId('id', idInput));
    if (!ticket) throw notFound('Ticket');
    if (!this.canSee(caller, ticket)) throw forbidden('You may see only the tickets you reported or are assigned');
    return ticket;
  }

  async createTicket(
    caller: AuthUser,
    input: { title: string; description: string; location?: string | null; roomId?: string | null },
  ): Promise<TicketRow> {
    const title = requireText('input.title', input.title, TEXT_LIMITS.title);
    const description = requireText('input.description', input.description, TEXT_LIMITS.description);
    const room = await requireTicketRoom(this.knex, input.roomId);
    const location = input.location == null ? (room?.name ?? null) : requireText('input.location', input.location, TEXT_LIMITS.name);
    const { priority, reasons } = this.classifier.assess(`${title}. ${description}${location ? ` (${location})` : ''}`);
    return this.knex.transaction(async (trx) => {
      const ticket = await this.store.insert(trx, {
        title,
        description,
        location,
        priority,
        priorityReasons: reasons,
        reporterId: caller.id,
        roomId: room?.id ?? null,
        slaHours: SLA_HOURS[priority],
        responseMinutes: RESPONSE_MINUTES[priority],
      });
      await this.record(trx, ticket, 'CREATED', null, priority, caller.id, 'ticket.created');
      ticket.duplicate_of = await this.duplicates.linkNew(trx, ticket);
      await syncRoomFault(trx, null, ticket);
      return ticket;
    });
  }

  /** A move along the lifecycle; ON_HOLD needs a reason, any move may carry one. */
  updateStatus(caller: AuthUser, id: string, status: TicketStatus, reasonInput?: string | null): Promise<TicketRow> {
    const reason = optionalReason(reasonInput);
    if (status === 'ON_HOLD' && reason === null) throw badInput('reason', 'is required to put a ticket ON_HOLD (what it waits for)');
    return this.change(id, async (trx, ticket) => {
      requireTransition(ticket.status, status);
      const updated = await this.store.moveStatus(trx, ticket.id, status);
      await this.record(trx, updated, 'STATUS', ticket.status, status, caller.id, 'ticket.status_changed', reason);
      return updated;
    });
  }

  /** An ADMIN's priority: deadlines again from creation (paused time kept), the reason as its explanation. */
  setPriority(
    caller: AuthUser,
    id: string,
    priority: TicketPriority,
    reasonInput: string | null | undefined,
    origin: AuditSource,
  ): Promise<TicketRow> {
    const reason = optionalReason(reasonInput);
    return this.change(id, async (trx, ticket) => {
      // The same priority again changes nothing, unless it comes with a new reason to show.
      if (ticket.priority === priority && reason === null) return ticket;
      const updated = await this.store.setPriority(trx, ticket.id, {
        priority,
        reasons: overrideReasons(priority, reason),
        slaHours: SLA_HOURS[priority],
        responseMinutes: RESPONSE_MINUTES[priority],
      });
      await this.record(trx, updated, 'PRIORITY', ticket.priority, priority, caller.id, 'ticket.priority_changed', reason);
      await recordAudit(trx, origin, {
        action: 'ticket.priority_overridden',
        target: ticket.id,
        details: { from: ticket.priority, to: priority, reason },
      });
      return updated;
    });
  }

  async assign(caller: AuthUser, id: string, assigneeIdInput: string): Promise<TicketRow> {
    const assigneeId = requireId('assigneeId', assigneeIdInput);
    const role = await this.store.roleOf(assigneeId);
    if (!role) throw notFound('User');
    if (role !== 'FACULTY' && role !== 'ADMIN') throw badInput('assigneeId', 'a ticket can be assigned only to FACULTY or ADMIN members');
    return this.change(id, async (trx, ticket) => {
      if (ticket.assignee_id === assigneeId) return ticket;
      const updated = await this.store.update(trx, ticket.id, { assignee_id: assigneeId });
      await this.record(trx, updated, 'ASSIGNEE', ticket.assignee_id, assigneeId, caller.id, 'ticket.assigned');
      return updated;
    });
  }

  /** Locks the ticket for the change, so concurrent changes line up and history stays true. */
  private change(idInput: string, apply: (trx: Knex.Transaction, ticket: TicketRow) => Promise<TicketRow>): Promise<TicketRow> {
    const id = requireId('id', idInput);
    return this.knex.transaction(async (trx) => {
      const ticket = await this.store.lock(trx, id);
      if (!ticket) throw notFound('Ticket');
      const updated = await apply(trx, ticket);
      await syncRoomFault(trx, ticket, updated);
      return updated;
    });
  }

  /** One history row and one outbox event, in the transaction of the change. */
  private async record(
    trx: Knex.Transaction,
    ticket: TicketRow,
    kind: ChangeKind,
    from: string | null,
    to: string | null,
    changedBy: string,
    topic: OutboxTopic,
    reason: string | null = null,
  ): Promise<void> {
    await this.store.recordChange(trx, { ticketId: ticket.id, kind, from, to, changedBy, reason });
    // A status change also reaches the reporters of the ticket's duplicates.
    const duplicates = topic === 'ticket.status_changed' ? { duplicateReporterIds: await this.duplicates.duplicateReporterIds(trx, ticket.id) } : {};
    await appendEvent(trx, topic, ticket.id, {
      ...ticketEvent(ticket, { from, to, changedBy }),
      ...duplicates,
      ...(reason === null ? {} : { reason }),
    });
  }
}
