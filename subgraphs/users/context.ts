import type { RequestContext } from '../../lib/auth';
import type { UsersService } from './service';
import type { UsersStore } from './store';

/** The request context of the users subgraph: the verified caller plus this request's loaders. */
export interface UsersContext extends RequestContext {
  service: UsersService;
  userById: ReturnType<UsersStore['createLoader']>;
}
