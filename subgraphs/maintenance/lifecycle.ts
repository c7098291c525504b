/**
 * Which status moves a ticket may make. ON_HOLD is entered from OPEN or IN_PROGRESS and left
 * back to either; it cannot be resolved straight away: work resumes first, so the hold ends
 * (its time is counted) before anyone can call the work done.
 */
import { badInput } from '../../lib/errors';
import type { TicketStatus } from './sla';

export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  OPEN: ['IN_PROGRESS', 'ON_HOLD'],
  IN_PROGRESS: ['ON_HOLD', 'RESOLVED'],
  ON_HOLD: ['OPEN', 'IN_PROGRESS'],
  RESOLVED: ['CLOSED', 'OPEN'],
  CLOSED: [],
};

/** Refuses any move not in the lifecycle, naming both states. */
export function requireTransition(from: TicketStatus, to: TicketStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from].length > 0 ? `; from ${from} a ticket can move to ${TRANSITIONS[from].join(' or ')}` : `; ${from} is final`;
    throw badInput('status', `a ticket cannot move from ${from} to ${to}${allowed}`);
  }
}
