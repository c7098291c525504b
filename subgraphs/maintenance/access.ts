/** Who may reach a ticket (see it, follow it, comment on it): an ADMIN, its reporter or its assignee. */
import { adminOrOwner } from '../../lib/access';
import type { AuthUser } from '../../lib/auth';

/** The people a ticket belongs to, as a row or an event payload names them. */
export interface TicketParties {
  reporter_id: string;
  assignee_id: string | null;
}

export function canReachTicket(caller: AuthUser, ticket: TicketParties): boolean {
  return adminOrOwner.allows(caller, ticket.reporter_id, ticket.assignee_id);
}
