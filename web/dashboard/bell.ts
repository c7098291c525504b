/**
 * The bell in the dashboard's header: the signed-in user's own new notifications, live over
 * graphql-ws (`notificationAdded`). After a dropped connection it resubscribes after the last
 * event it saw, so none is missed or shown twice.
 */
import { BellNotificationAddedDocument, type BellNotificationAddedSubscription } from '../__generated__/graphql';
import { liveClient, socketPayload, type GatewayEndpoint } from './api';

export type BellNotification = BellNotificationAddedSubscription['notificationAdded'];

/** What the bell shows: how many arrived since it was last opened, and the latest few. */
export class BellState {
  static readonly SHOWN = 5;
  unseen = 0;
  latest: BellNotification[] = [];

  add(notification: BellNotification): void {
    if (this.latest.some((n) => n.id === notification.id)) return;
    this.unseen++;
    this.latest = [notification, ...this.latest].slice(0, BellState.SHOWN);
  }

  markSeen(): void {
    this.unseen = 0;
  }
}

export interface BellOptions {
  endpoint: GatewayEndpoint;
  accessToken(): Promise<string>;
  onNotification(notification: BellNotification): void;
}

const RESUBSCRIBE_MS = 2000;

export function followNotifications(options: BellOptions): { stop(): void } {
  let stopped = false;
  let lastEventId: string | undefined;
  let unsubscribe: (() => void) | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const client = liveClient(options.endpoint, {
    connectionParams: async () => ({ authorization: `Bearer ${await options.accessToken()}` }),
    retryAttempts: Infinity,
  });

  const subscribe = (): void => {
    unsubscribe = client.subscribe<BellNotificationAddedSubscription>(
      // With its hash beside the text: a gateway that runs only trusted documents runs it too.
      { ...socketPayload(BellNotificationAddedDocument), variables: { after: lastEventId ?? null } },
      {
        next: (result) => {
          const eventId = (result.extensions as { eventId?: string } | undefined)?.eventId;
          if (eventId) lastEventId = eventId;
          if (result.data) options.onNotification(result.data.notificationAdded);
        },
        error: () => resubscribeSoon(),
        complete: () => resubscribeSoon(),
      },
    );
  };
  const resubscribeSoon = (): void => {
    unsubscribe = undefined;
    if (stopped) return;
    clearTimeout(retry);
    retry = setTimeout(subscribe, RESUBSCRIBE_MS);
  };

  subscribe();
  return {
    stop() {
      stopped = true;
      clearTimeout(retry);
      unsubscribe?.();
      void client.dispose();
    },
  };
}
