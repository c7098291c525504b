/**
 * A consumer of the outbox's delivery queue: woken by NOTIFY on commit, and polling as well,
 * so a missed wake-up only delays. Each batch is taken with FOR UPDATE SKIP LOCKED, handled,
 * and removed from the queue in one transaction: after a crash or a stop nothing is lost
 * (the rows are still queued), and with several instances nothing is handled twice.
 */
import type { Knex } from 'knex';
import type { Database } from './db';
import { listen, type Unlisten } from './listen';
import type { Logger } from './logger';
import { OUTBOX_CHANNEL, toOutboxEvent, type EventRow, type OutboxEvent } from './outbox';

export interface OutboxConsumerOptions {
  /** The consumer's name in `outbox.consumers`. */
  name: string;
  db: Database;
  logger: Logger;
  /** Handles a batch inside the transaction that dequeues it; throwing retries the batch later. */
  handle(trx: Knex.Transaction, events: OutboxEvent[]): Promise<void>;
  /** Events per transaction. @default 100 */
  batchSize?: number;
  /** How often to look for work without a wake-up, in ms. @default 2000 */
  pollMs?: number;
}

export class OutboxConsumer {
  private unlisten?: Unlisten;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  /** Between start() and stop(): wake-ups run drains. */
  private active = false;
  /** stop() was called: a drain in progress ends after its current batch. */
  private stopping = false;

  constructor(private readonly options: OutboxConsumerOptions) {}

  async start(): Promise<void> {
    this.active = true;
    this.stopping = false;
    this.unlisten = await listen(this.options.db, OUTBOX_CHANNEL, () => this.wake(), this.options.logger);
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 2000);
    this.timer.unref();
    this.wake(); // catch up on everything queued while this consumer was down
  }

  async stop(): Promise<void> {
    this.active = false;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.running;
  }

  /** Drains the queue; runs once at a time, and again if woken meanwhile. */
  wake(): void {
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => this.options.logger.error({ err: error, consumer: this.options.name }, 'outbox batch failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.active) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Handles batches until the queue is empty; returns how many events were handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.stopping) return total;
      const handled = await this.handleBatch();
      total += handled;
      if (handled === 0) return total;
    }
  }

  private handleBatch(): Promise<number> {
    const { db, name, batchSize = 100 } = this.options;
    return db.knex.transaction(async (trx) => {
      const { rows } = await trx.raw<{ rows: EventRow[] }>(
        `/* takeOutboxDeliveries */
         select e.id, e.topic, e.aggregate_id, e.payload, e.created_at
           from outbox.deliveries d join outbox.events e on e.id = d.event_id
          where d.consumer = ? and d.event_id in (
            select event_id from outbox.deliveries where consumer = ? order by event_id limit ? for update skip locked)
          order by e.id`,
        [name, name, batchSize],
      );
      if (rows.length === 0) return 0;
      const events = rows.map(toOutboxEvent);
      await this.options.handle(trx, events);
      await trx('outbox.deliveries')
        .comment('ackOutboxDeliveries')
        .where({ consumer: name })
        .whereIn(
          'event_id',
          events.map((e) => e.id),
        )
        .delete();
      return events.length;
    });
  }
}
