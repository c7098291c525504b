/**
 * Live outbox events for the subscriptions a subgraph serves: one LISTEN per process on the
 * outbox channel, fanned out to that process's subscribers, and the outbox table for
 * catch-up. After the LISTEN connection is lost and comes back, the events committed meanwhile
 * are read from the table and delivered, each once.
 */
import type { Database } from './db';
import { listen, type Unlisten } from './listen';
import type { Logger } from './logger';
import { eventsAfter, OUTBOX_CHANNEL, type EventRow, type OutboxEvent, type OutboxNotification, type OutboxTopic, type OutboxTopics } from './outbox';

/** How far back `afterEventId` may reach, and how many events a replay returns at most. */
export const REPLAY_WINDOW_HOURS = 24;
export const REPLAY_LIMIT = 1000;
/**
 * Events commit out of id order, so a catch-up after a lost connection rereads this many ids
 * below the last one seen; the ids already delivered are remembered to drop the repeats.
 */
const CATCH_UP_SLACK = 1000;
const REMEMBERED_IDS = 10_000;

export type FeedEvent<T extends OutboxTopic = OutboxTopic> = Pick<OutboxEvent<T>, 'id' | 'topic' | 'aggregateId' | 'payload'>;

/** The feed's connection, as /health reports it. */
type FeedState = { kind: 'stopped' } | { kind: 'listening' } | { kind: 'lost'; since: Date };

export class OutboxFeed<T extends OutboxTopic> {
  private readonly subscribers = new Set<(event: FeedEvent<T>) => void>();
  private readonly delivered = new Set<number>();
  private lastId = 0;
  private state: FeedState = { kind: 'stopped' };
  private unlisten?: Unlisten;
  private everListened = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly topics: readonly T[],
  ) {}

  get listening(): boolean {
    return this.state.kind === 'listening';
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async start(): Promise<void> {
    this.lastId = await this.latestId();
    this.unlisten = await this.listen();
  }

  private listen(): Promise<Unlisten> {
    return listen(this.db, OUTBOX_CHANNEL, (message) => void this.receive(message), this.logger, {
      onListening: () => this.onListening(),
      onLost: () => (this.state = { kind: 'lost', since: new Date() }),
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
    this.state = { kind: 'stopped' };
  }

  /**
   * Drops the LISTEN connection and opens it again, as after a network failure; `whileAway`
   * runs in between (tests commit events there). What was committed meanwhile is caught up.
   */
  async reconnect(whileAway: () => Promise<void> = async () => {}): Promise<void> {
    await this.unlisten?.();
    this.state = { kind: 'lost', since: new Date() };
    await whileAway();
    this.unlisten = await this.listen();
  }

  subscribe(onEvent: (event: FeedEvent<T>) => void): () => void {
    this.subscribers.add(onEvent);
    return () => this.subscribers.delete(onEvent);
  }

  /** This feed's events after `afterId` within the replay window, oldest first. */
  async replay(afterId: number, aggregateId?: string): Promise<FeedEvent<T>[]> {
    const events = await eventsAfter(this.db.knex, afterId, {
      topics: this.topics,
      aggregateId,
      withinHours: REPLAY_WINDOW_HOURS,
      limit: REPLAY_LIMIT,
    });
    return events.filter((event) => this.isOurs(event));
  }

  private onListening(): void {
    // Every LISTEN after the first follows a gap in which notifications were lost.
    const afterGap = this.everListened;
    this.everListened = true;
    this.state = { kind: 'listening' };
    if (afterGap) void this.catchUp();
  }

  private async catchUp(): Promise<void> {
    try {
      const events = await eventsAfter(this.db.knex, Math.max(0, this.lastId - CATCH_UP_SLACK), {
        topics: this.topics,
        withinHours: REPLAY_WINDOW_HOURS,
        limit: CATCH_UP_SLACK * 10,
      });
      for (const event of events) if (this.isOurs(event)) this.publish(event);
    } catch (error) {
      this.logger.error({ err: error }, 'could not catch up on outbox events after reconnecting');
    }
  }

  private async latestId(): Promise<number> {
    const row = await this.db.knex('outbox.events').comment('latestOutboxEvent').max({ id: 'id' }).first();
    return Number(row?.id ?? 0);
  }

  private isOurs(event: OutboxEvent): event is OutboxEvent<T> {
    return (this.topics as readonly OutboxTopic[]).includes(event.topic);
  }

  private async receive(message: string): Promise<void> {
    try {
      const notification = JSON.parse(message) as OutboxNotification;
      if (!(this.topics as readonly OutboxTopic[]).includes(notification.topic)) return;
      // An oversized event arrives as its id alone.
      const payload =
        notification.payload ??
        (await this.db.knex<EventRow>('outbox.events').comment('outboxEventPayload').where({ id: notification.id }).first())?.payload;
      if (!payload) return;
      const parsed = (typeof payload === 'string' ? JSON.parse(payload) : payload) as OutboxTopics[T];
      this.publish({ id: notification.id, topic: notification.topic as T, aggregateId: notification.aggregateId, payload: parsed });
    } catch (error) {
      this.logger.error({ err: error }, 'could not read an outbox notification');
    }
  }

  private publish(event: FeedEvent<T>): void {
    if (this.delivered.has(event.id)) return;
    this.remember(event.id);
    for (const subscriber of this.subscribers) subscriber(event);
  }

  private remember(id: number): void {
    this.delivered.add(id);
    if (id > this.lastId) this.lastId = id;
    // A Set iterates in insertion order: the first one is the oldest remembered.
    if (this.delivered.size > REMEMBERED_IDS) this.delivered.delete(this.delivered.values().next().value!);
  }
}
