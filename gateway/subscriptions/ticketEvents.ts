/**
 * Ticket events for one gateway process: one LISTEN on the outbox channel (so a change made
 * through any instance reaches subscribers on every instance), fanned out to this process's
 * subscribers, and the outbox table for replaying what a client missed.
 */
import type { Database } from '../../lib/db';
import { listen, type Unlisten } from '../../lib/listen';
import type { Logger } from '../../lib/logger';
import { eventsAfter, OUTBOX_CHANNEL, type OutboxEvent, type OutboxNotification, type TicketEventPayload } from '../../lib/outbox';

export interface TicketEvent {
  /** The outbox event id: grows with every event, so clients resume after it. */
  id: number;
  topic: string;
  ticketId: string;
  reporterId: string;
}

/** How far back `afterEventId` may reach, and how many events a replay returns at most. */
export const REPLAY_WINDOW_HOURS = 24;
export const REPLAY_LIMIT = 1000;

const TICKET_TOPIC_PREFIX = 'ticket.';
const isTicketTopic = (topic: string) => topic.startsWith(TICKET_TOPIC_PREFIX);

function toTicketEvent(event: Pick<OutboxEvent, 'id' | 'topic' | 'payload'>): TicketEvent {
  const payload = event.payload as TicketEventPayload;
  return { id: event.id, topic: event.topic, ticketId: payload.ticketId, reporterId: payload.reporterId };
}

export class TicketEventHub {
  private readonly subscribers = new Set<(event: TicketEvent) => void>();
  private unlisten?: Unlisten;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  get listening(): boolean {
    return this.unlisten !== undefined;
  }

  /** Subscribers in this process (a test checks that closed connections leave none behind). */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async start(): Promise<void> {
    this.unlisten = await listen(this.db, OUTBOX_CHANNEL, (message) => void this.receive(message), this.logger);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  subscribe(onEvent: (event: TicketEvent) => void): () => void {
    this.subscribers.add(onEvent);
    return () => this.subscribers.delete(onEvent);
  }

  /** Ticket events after `afterId` within the replay window, oldest first. */
  async replay(afterId: number, ticketId: string | null): Promise<TicketEvent[]> {
    const events = await eventsAfter(this.db.knex, afterId, {
      topicPrefix: TICKET_TOPIC_PREFIX,
      aggregateId: ticketId ?? undefined,
      withinHours: REPLAY_WINDOW_HOURS,
      limit: REPLAY_LIMIT,
    });
    return events.map(toTicketEvent);
  }

  private async receive(message: string): Promise<void> {
    try {
      const notification = JSON.parse(message) as OutboxNotification;
      if (!isTicketTopic(notification.topic)) return;
      // An oversized event arrives as its id alone.
      const payload = notification.payload ?? (await this.db.knex('outbox.events').where({ id: notification.id }).first())?.payload;
      if (!payload) return;
      const event = toTicketEvent({ id: notification.id, topic: notification.topic, payload });
      for (const subscriber of this.subscribers) subscriber(event);
    } catch (error) {
      this.logger.error({ err: error }, 'could not read an outbox notification');
    }
  }
}
