/**
 * What the dashboard shows: the open tickets (OPEN, IN_PROGRESS, ON_HOLD) by priority, CRITICAL first,
 * and within a priority by SLA due time, soonest first. Tickets arrive from a snapshot query
 * and from live events in no guaranteed order, so a ticket's newest version (by `updatedAt`)
 * is the one kept.
 */
import type { BoardTicketFragment, TicketPriority, TicketStatus } from '../__generated__/graphql';

export type BoardTicket = BoardTicketFragment;

export const PRIORITIES: readonly TicketPriority[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const OPEN_STATUSES: readonly TicketStatus[] = ['OPEN', 'IN_PROGRESS', 'ON_HOLD'];
/** ON_HOLD pauses the deadlines: only these can fall due. */
const CLOCK_RUNNING: readonly TicketStatus[] = ['OPEN', 'IN_PROGRESS'];

/** The lifecycle's moves as the API allows them (its `updateTicketStatus` decides; this only offers them). */
export const STATUS_MOVES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  OPEN: ['IN_PROGRESS', 'ON_HOLD'],
  IN_PROGRESS: ['RESOLVED', 'ON_HOLD'],
  ON_HOLD: ['OPEN', 'IN_PROGRESS'],
  RESOLVED: ['CLOSED', 'OPEN'],
  CLOSED: [],
};

export interface PriorityGroup {
  priority: TicketPriority;
  tickets: BoardTicket[];
}

export function isOpen(ticket: Pick<BoardTicket, 'status'>): boolean {
  return OPEN_STATUSES.includes(ticket.status);
}

/** Still open, not on hold, past its due time; also true of a ticket that fell due since the gateway said. */
export function isOverdue(ticket: Pick<BoardTicket, 'status' | 'overdue' | 'slaDueAt'>, now: number): boolean {
  return CLOCK_RUNNING.includes(ticket.status) && (ticket.overdue || Date.parse(ticket.slaDueAt) <= now);
}

const time = (iso: string) => Date.parse(iso);

export class TicketBoard {
  /** Closed tickets stay here too, so that an older open version arriving late cannot bring one back. */
  private readonly tickets = new Map<string, BoardTicket>();
  /** False when the last snapshot hit the API's page limit: only the soonest due are shown. */
  complete = true;

  /** Keeps `ticket` unless a newer version is already here; true when the board changed. */
  apply(ticket: BoardTicket): boolean {
    const known = this.tickets.get(ticket.id);
    if (known && time(known.updatedAt) > time(ticket.updatedAt)) return false;
    this.tickets.set(ticket.id, ticket);
    return true;
  }

  /**
   * A fresh snapshot of the open tickets becomes the board (what closed meanwhile goes), then
   * the events that came while it was being fetched are applied on top of it.
   */
  replace(snapshot: readonly BoardTicket[], eventsDuringFetch: readonly BoardTicket[] = [], { complete = true } = {}): void {
    this.complete = complete;
    this.tickets.clear();
    for (const ticket of snapshot) this.apply(ticket);
    for (const ticket of eventsDuringFetch) this.apply(ticket);
  }

  get(id: string): BoardTicket | undefined {
    return this.tickets.get(id);
  }

  /** The open tickets by priority (every priority, empty ones too), each soonest due first. */
  groups(): PriorityGroup[] {
    const open = [...this.tickets.values()].filter(isOpen);
    return PRIORITIES.map((priority) => ({
      priority,
      tickets: open.filter((t) => t.priority === priority).sort((a, b) => time(a.slaDueAt) - time(b.slaDueAt) || a.title.localeCompare(b.title)),
    }));
  }

  openCount(): number {
    return [...this.tickets.values()].filter(isOpen).length;
  }
}
