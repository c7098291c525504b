import type { RequestContext } from '../../lib/auth';
import type { LiveNotifications } from './liveNotifications';
import type { NotificationService } from './service';
import type { NotificationStore } from './store';

/** The request context of the notifications subgraph: the verified caller plus its loaders. */
export interface NotificationsContext extends RequestContext {
  service: NotificationService;
  live: LiveNotifications;
  notificationById: ReturnType<NotificationStore['createLoader']>;
}
