/**
 * The rules of tickets: who sees which, the lifecycle, the SLA, and the history row and outbox
 * event that every change writes in its own transaction.
 */
import type { Knex } from 'knex';
import { recordAudit, type AuditSource } from '../../lib/audit';
import type { AuthUser } from '../../lib/auth';
import { badInput, forbidden, notFound } from '../../lib/errors';
import { appendEvent, type OutboxTopic } from '../../lib/outbox';
import { TEXT_LIMITS, requireId, requireText } from '../../lib/validation';
import { requireTransition } from './lifecycle';
import type { PriorityVerdict, PriorityClassifier } from './priority/classifier';
import { requireTicketRoom, syncRoomFault } from './roomFaults';
import { RESPONSE_MINUTES, SLA_HOURS, slaDueAt, type TicketPriority, type TicketStatus } from './sla';
import { TicketStore, type ChangeKind, type TicketRow } from './store';

export const CLASSIFY_TEXT_LIMIT = 10_000;

export class MaintenanceService {
  readonly store: TicketStore;

  constructor(
    private readonly knex: Knex,
    private readonly classifier: PriorityClassifier,
  ) {
    this.store = new TicketStore(knex);
  }

  classify(textInput: string): PriorityVerdict {
    const text = requireText('text', textInput, CLASSIFY_TEXT_LIMIT);
    return this.classifier.assess(text);
  }

  /** ADMIN may see every ticket; anyone else only the ones they reported. */
  canSee(caller: AuthUser, ticket: TicketRow): boolean {
    return caller.role === 'ADMIN' || ticket.reporter_id === caller.id;
  }

  async ticket(caller: AuthUser, idInput: string, load: (id: string) => Promise<TicketRow | null>): Promise<TicketRow> {
    const ticket = await load(requireId('id', idInput));
    if (!ticket) throw notFound('Ticket');
    if (!this.canSee(caller, ticket)) throw forbidden('You may see only the tickets you reported');
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
      await syncRoomFault(trx, null, ticket);
      return ticket;
    });
  }

  updateStatus(caller: AuthUser, id: string, status: TicketStatus): Promise<TicketRow> {
    return this.change(id, async (trx, ticket) => {
      requireTransition(ticket.status, status);
      const updated = await this.store.update(trx, ticket.id, { status });
      await this.record(trx, updated, 'STATUS', ticket.status, status, caller.id, 'ticket.status_changed');
      return updated;
    });
  }

  setPriority(caller: AuthUser, id: string, priority: TicketPriority, origin: AuditSource): Promise<TicketRow> {
    return this.change(id, async (trx, ticket) => {
      if (ticket.priority === priority) return ticket;
      const updated = await this.store.update(trx, ticket.id, { priority, sla_due_at: slaDueAt(ticket.created_at, priority) });
      await this.record(trx, updated, 'PRIORITY', ticket.priority, priority, caller.id, 'ticket.priority_changed');
      await recordAudit(trx, origin, { action: 'ticket.priority_overridden', target: ticket.id, details: { from: ticket.priority, to: priority } });
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
  ): Promise<void> {
    await this.store.recordChange(trx, { ticketId: ticket.id, kind, from, to, changedBy });
    await appendEvent(trx, topic, ticket.id, { ticketId: ticket.id, reporterId: ticket.reporter_id, title: ticket.title, from, to, changedBy });
  }
}
