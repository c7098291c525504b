/**
 * `notificationAdded`: the signed-in user's own new notifications as they are written (an
 * ADMIN's own too: no one hears of anyone else's), from the outbox events that record them.
 */
import type { AuthUser } from '../../lib/auth';
import type { Database } from '../../lib/db';
import { liveStream, perEvent, type LivePayload } from '../../lib/liveStream';
import type { Logger } from '../../lib/logger';
import { OutboxFeed } from '../../lib/outboxFeed';
import type { NotificationRow, NotificationStore } from './store';

const NOTIFICATION_TOPICS = ['notification.added'] as const;

export class LiveNotifications {
  readonly feed: OutboxFeed<(typeof NOTIFICATION_TOPICS)[number]>;
  private readonly notificationAt: (eventId: number, notificationId: string) => Promise<NotificationRow | null>;

  constructor(
    db: Database,
    store: NotificationStore,
    private readonly logger: Logger,
  ) {
    this.feed = new OutboxFeed(db, logger, NOTIFICATION_TOPICS);
    this.notificationAt = perEvent(async (id) => (await store.createLoader().load(id)) ?? null);
  }

  subscribe(caller: AuthUser, args: { afterEventId?: string | null }): AsyncIterableIterator<LivePayload<'notificationAdded', NotificationRow>> {
    return liveStream('notificationAdded', {
      feed: this.feed,
      afterEventId: args.afterEventId,
      aggregateId: caller.id,
      concerns: (event) => event.payload.userId === caller.id,
      resolve: async (event) => {
        const row = await this.notificationAt(event.id, event.payload.notificationId);
        return row && row.user_id === caller.id ? row : null;
      },
      logger: this.logger,
    });
  }
}
