/**
 * One subscriber's stream of outbox events, the same for every subgraph that serves a
 * subscription: the catch-up after `afterEventId`, then live events, in order, each once, each
 * checked against who may see it before anything leaves the subgraph, each carrying its
 * `eventId` and topic (which become the message's `extensions.eventId` and `extensions.topic`).
 */
import { badInput } from './errors';
import { EventStream } from './eventStream';
import type { Logger } from './logger';
import type { OutboxTopic } from './outbox';
import type { FeedEvent, OutboxFeed } from './outboxFeed';

/** A source event of a subscription: the root field's value and the event it came from. */
export type LivePayload<K extends string, V> = { [key in K]: V } & { eventId: string; eventTopic: string };

export interface LiveStreamOptions<T extends OutboxTopic, V> {
  feed: OutboxFeed<T>;
  /** `afterEventId` as the client gave it: replay the events after it first. */
  afterEventId: unknown;
  /** Narrows the replay to one aggregate (a ticket). */
  aggregateId?: string;
  /** Whether this subscriber is told about the event at all (checked for every event). */
  concerns(event: FeedEvent<T>): boolean;
  /** The value to send for the event, or null when this subscriber may not see it. */
  resolve(event: FeedEvent<T>): Promise<V | null>;
  logger: Logger;
}

/** `afterEventId`: the id of the last event the client saw (a non-negative integer). */
export function parseEventId(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (!/^\d{1,15}$/.test(text)) throw badInput('afterEventId', 'must be the id of an event, a whole number');
  return Number(text);
}

export function liveStream<K extends string, T extends OutboxTopic, V>(field: K, options: LiveStreamOptions<T, V>): EventStream<LivePayload<K, V>> {
  const afterEventId = parseEventId(options.afterEventId);
  const delivered = new Set<number>();
  let chain = Promise.resolve();
  const stream = new EventStream<LivePayload<K, V>>(() => unsubscribe());
  // Events are answered one after another, in the order they came.
  const deliver = (event: FeedEvent<T>) => {
    if (!options.concerns(event)) return;
    chain = chain.then(async () => {
      if (stream.isClosed || delivered.has(event.id)) return;
      delivered.add(event.id);
      const value = await options.resolve(event).catch((error: unknown) => {
        options.logger.error({ err: error, eventId: event.id }, 'could not resolve a subscription event');
        return null;
      });
      if (value !== null) stream.push({ [field]: value, eventId: String(event.id), eventTopic: event.topic } as LivePayload<K, V>);
    });
  };
  // Listen first, then replay: an event committed meanwhile is in one or the other, and the set
  // of delivered ids drops the one seen twice.
  const unsubscribe = options.feed.subscribe(deliver);
  if (afterEventId !== null) {
    const replayed = options.feed.replay(afterEventId, options.aggregateId);
    chain = chain.then(async () => {
      const events = await replayed.catch((error: unknown) => {
        options.logger.error({ err: error }, 'could not replay events for a subscription');
        stream.close();
        return [];
      });
      for (const event of events) deliver(event);
    });
  }
  return stream;
}

/**
 * Work one event needs once, however many subscribers in this process receive it (loading the
 * row it names); kept a few seconds, long enough for every subscriber to ask.
 */
export function perEvent<V>(load: (id: string) => Promise<V>, keepMs = 5000): (eventId: number, id: string) => Promise<V> {
  const loaded = new Map<string, Promise<V>>();
  return (eventId, id) => {
    const key = `${eventId}:${id}`;
    let value = loaded.get(key);
    if (!value) {
      value = load(id);
      loaded.set(key, value);
      setTimeout(() => loaded.delete(key), keepMs).unref();
    }
    return value;
  };
}
