/**
 * The promises that follow from a priority (the contract's tables). The deadlines themselves
 * are computed in the database, on its clock (TicketStore): creation + these times + paused time.
 */
export type TicketPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type TicketStatus = 'OPEN' | 'IN_PROGRESS' | 'ON_HOLD' | 'RESOLVED' | 'CLOSED';

export const PRIORITIES: readonly TicketPriority[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export const SLA_HOURS: Readonly<Record<TicketPriority, number>> = { CRITICAL: 1, HIGH: 4, MEDIUM: 24, LOW: 72 };

/** Time to the first response (a move to IN_PROGRESS or a staff comment), in minutes. */
export const RESPONSE_MINUTES: Readonly<Record<TicketPriority, number>> = { CRITICAL: 15, HIGH: 60, MEDIUM: 240, LOW: 1440 };

/** Work not finished by its due time; an ON_HOLD (paused), RESOLVED or CLOSED ticket is never overdue. */
export function isOverdue(ticket: { status: TicketStatus; sla_due_at: Date }, now: Date): boolean {
  return (ticket.status === 'OPEN' || ticket.status === 'IN_PROGRESS') && now.getTime() > ticket.sla_due_at.getTime();
}

/** Whole seconds of the hold running at `now` (0 when the ticket is not ON_HOLD). */
export function runningHoldSeconds(ticket: { hold_started_at: Date | null }, now: Date): number {
  if (!ticket.hold_started_at) return 0;
  return Math.max(0, Math.floor((now.getTime() - ticket.hold_started_at.getTime()) / 1000));
}

/**
 * A deadline as it stands at `now`: a running hold keeps moving it later (the stored one moves
 * when the hold ends), so it is always creation + the priority's time + every paused second.
 */
export function deadlineAt(stored: Date, ticket: { hold_started_at: Date | null }, now: Date): Date {
  return new Date(stored.getTime() + runningHoldSeconds(ticket, now) * 1000);
}
