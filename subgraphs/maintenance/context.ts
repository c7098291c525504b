import type { RequestContext } from '../../lib/auth';
import type { CommentStore } from './commentStore';
import type { DuplicateStore } from './duplicates/store';
import type { LiveTickets } from './liveTickets';
import type { MaintenanceService } from './service';
import type { TicketStore } from './store';

/** The request context of the maintenance subgraph: the verified caller plus its loaders. */
export interface MaintenanceContext extends RequestContext {
  service: MaintenanceService;
  live: LiveTickets;
  ticketById: ReturnType<TicketStore['createLoader']>;
  historyOf: ReturnType<TicketStore['createHistoryLoader']>;
  commentsOf: ReturnType<CommentStore['createLoader']>;
  duplicatesOf: ReturnType<DuplicateStore['createLoader']>;
}
