/** Which status moves a ticket may make. */
import { badInput } from '../../lib/errors';
import type { TicketStatus } from './sla';

export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  OPEN: ['IN_PROGRESS'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'OPEN'],
  ON_HOLD: [],
  CLOSED: [],
};

/** Refuses any move not in the lifecycle, naming both states. */
export function requireTransition(from: TicketStatus, to: TicketStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from].length > 0 ? `; from ${from} a ticket can move to ${TRANSITIONS[from].join(' or ')}` : `; ${from} is final`;
    throw badInput('status', `a ticket cannot move from ${from} to ${to}${allowed}`);
  }
}
