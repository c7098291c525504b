/**
 * `ticketUpdated`: ticket events from the outbox, for ADMIN every ticket and for anyone else
 * the ones they reported or are assigned, checked for every event before anything leaves this
 * subgraph: first on the event's payload (no read), then on the ticket as it is now.
 */
import type { AuthUser } from '../../lib/auth';
import type { Database } from '../../lib/db';
import { badInput } from '../../lib/errors';
import { liveStream, perEvent, type LivePayload } from '../../lib/liveStream';
import type { Logger } from '../../lib/logger';
import { OutboxFeed } from '../../lib/outboxFeed';
import { isUuid } from '../../lib/validation';
import type { MaintenanceService } from './service';
import type { TicketRow } from './store';

export const TICKET_TOPICS = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.priority_changed',
  'ticket.assigned',
  'ticket.commented',
  'ticket.duplicate_changed',
] as const;
type TicketTopic = (typeof TICKET_TOPICS)[number];

export class LiveTickets {
  readonly feed: OutboxFeed<TicketTopic>;
  /** One read of the ticket per event, however many subscribers here receive it. */
  private readonly ticketAt: (eventId: number, ticketId: string) => Promise<TicketRow | null>;

  constructor(
    db: Database,
    private readonly service: MaintenanceService,
    private readonly logger: Logger,
  ) {
    this.feed = new OutboxFeed(db, logger, TICKET_TOPICS);
    const loader = () => service.store.createLoader();
    this.ticketAt = perEvent(async (ticketId) => (await loader().load(ticketId)) ?? null);
  }

  subscribe(
    caller: AuthUser,
    args: { ticketId?: string | null; afterEventId?: string | null },
  ): AsyncIterableIterator<LivePayload<'ticketUpdated', TicketRow>> {
    const ticketId = args.ticketId == null ? null : args.ticketId.toLowerCase();
    if (ticketId !== null && !isUuid(ticketId)) throw badInput('ticketId', 'is not a valid id');
    return liveStream('ticketUpdated', {
      feed: this.feed,
      afterEventId: args.afterEventId,
      aggregateId: ticketId ?? undefined,
      concerns: (event) =>
        (ticketId === null || event.payload.ticketId === ticketId) &&
        this.service.canSee(caller, { reporter_id: event.payload.reporterId, assignee_id: event.payload.assigneeId ?? null }),
      // The ticket as it is now: a subscriber who may no longer see it is sent nothing.
      resolve: async (event) => {
        const ticket = await this.ticketAt(event.id, event.payload.ticketId);
        return ticket && this.service.canSee(caller, ticket) ? ticket : null;
      },
      logger: this.logger,
    });
  }
}
