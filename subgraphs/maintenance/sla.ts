/** The SLA promise that follows from a priority (the contract's table). */
export type TicketPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type TicketStatus = 'OPEN' | 'IN_PROGRESS' | 'ON_HOLD' | 'RESOLVED' | 'CLOSED';

export const PRIORITIES: readonly TicketPriority[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export const SLA_HOURS: Readonly<Record<TicketPriority, number>> = { CRITICAL: 1, HIGH: 4, MEDIUM: 24, LOW: 72 };

/** Time to the first response (a move to IN_PROGRESS or a staff comment), in minutes. */
export const RESPONSE_MINUTES: Readonly<Record<TicketPriority, number>> = { CRITICAL: 15, HIGH: 60, MEDIUM: 240, LOW: 1440 };

/** Due time: creation time plus the priority's hours (always from creation, also after a change). */
export function slaDueAt(createdAt: Date, priority: TicketPriority): Date {
  return new Date(createdAt.getTime() + SLA_HOURS[priority] * 3_600_000);
}

/** Work not finished by its due time; a RESOLVED or CLOSED ticket is never overdue. */
export function isOverdue(ticket: { status: TicketStatus; sla_due_at: Date }, now: Date): boolean {
  return (ticket.status === 'OPEN' || ticket.status === 'IN_PROGRESS') && now.getTime() > ticket.sla_due_at.getTime();
}
