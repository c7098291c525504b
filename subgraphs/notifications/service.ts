/** The rules of notifications: whose a caller may see and change, and what an ADMIN may send. */
import { adminOrOwner } from '../../lib/access';
import type { Knex } from 'knex';
import type { AuthUser, Role } from '../../lib/auth';
import { badInput, notFound } from '../../lib/errors';
import type { OutboxEvent } from '../../lib/outbox';
import { TEXT_LIMITS, requireId, requireText } from '../../lib/validation';
import { notificationsFor } from './messages';
import { NotificationStore, type NotificationRow, type Scope } from './store';

export class NotificationService {
  readonly store: NotificationStore;

  constructor(knex: Knex) {
    this.store = new NotificationStore(knex);
  }

  /** ADMIN: everyone's, or one person's; anyone else: only their own. */
  scopeFor(caller: AuthUser, userIdArg?: string | null): Scope {
    const userId = userIdArg != null ? requireId('userId', userIdArg) : undefined;
    if (userId) adminOrOwner.require(caller, userId, "Only an ADMIN may see another person's notifications");
    const owner = userId ?? adminOrOwner.ownerFilter(caller);
    return owner ? { userId: owner } : { everyone: true };
  }

  async markRead(caller: AuthUser, idInput: string): Promise<NotificationRow> {
    const id = requireId('id', idInput);
    // Someone else's notification is NOT_FOUND, exactly like one that does not exist.
    const row = await this.store.markRead(id, this.scopeFor(caller));
    if (!row) throw notFound('Notification');
    return row;
  }

  async create(input: { userId?: string | null; role?: Role | null; title: string; message: string }): Promise<NotificationRow[]> {
    if ((input.userId == null) === (input.role == null)) throw badInput('input', 'give exactly one of userId or role');
    const title = requireText('input.title', input.title, TEXT_LIMITS.title);
    const message = requireText('input.message', input.message, TEXT_LIMITS.message);
    if (input.role != null) return this.store.createForRole(input.role, title, message);
    const userId = requireId('input.userId', input.userId!);
    if (!(await this.store.userExists(userId))) throw notFound('User');
    return this.store.createForUser(userId, title, message);
  }

  /** The outbox consumer's handler: system notifications for a batch of events. */
  deliver(trx: Knex.Transaction, events: OutboxEvent[]): Promise<number> {
    return this.store.createFromEvents(trx, events.flatMap(notificationsFor));
  }
}
