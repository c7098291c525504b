/** Data access for notifications. Rows are the parents resolvers receive (codegen mapper). */
import type { Knex } from 'knex';
import type { Role } from '../../lib/auth';
import { appendEvents } from '../../lib/outbox';
import { createRowLoader } from '../../lib/loaders';

export interface NotificationRow {
  id: string;
  user_id: string;
  title: string;
  message: string;
  source: 'ADMIN' | 'SYSTEM';
  read_at: Date | null;
  created_at: Date;
}

/** The whole stored notification (`notifications.notifications`): system ones name their event. */
interface StoredNotification extends NotificationRow {
  event_id: number | null;
}

/** A user known here only by id; the users subgraph resolves the rest. */
export interface UserReference {
  id: string;
}

export interface NewNotification {
  userId: string;
  title: string;
  message: string;
  eventId: number;
}

/** Whose notifications a call covers: one user's, or (ADMIN) everyone's. */
export type Scope = { userId: string } | { everyone: true };

const NOTIFICATIONS = 'notifications.notifications';
const COLUMNS = ['id', 'user_id', 'title', 'message', 'source', 'read_at', 'created_at'] as const satisfies ReadonlyArray<keyof NotificationRow>;

function inScope<TResult>(query: Knex.QueryBuilder<StoredNotification, TResult>, scope: Scope): Knex.QueryBuilder<StoredNotification, TResult> {
  return 'userId' in scope ? query.where('user_id', scope.userId) : query;
}

/**
 * Each new notification is an outbox event in its own transaction (`notification.added`, keyed
 * by its recipient), so `notificationAdded` subscribers hear of it and can catch up after it.
 */
async function announce<R extends Pick<NotificationRow, 'id' | 'user_id'>>(trx: Knex.Transaction, rows: R[]): Promise<R[]> {
  await appendEvents(
    trx,
    'notification.added',
    rows.map((row) => ({ aggregateId: row.user_id, payload: { notificationId: row.id, userId: row.user_id } })),
  );
  return rows;
}

export class NotificationStore {
  constructor(private readonly knex: Knex) {}

  createLoader() {
    return createRowLoader<NotificationRow>(
      (ids) =>
        this.knex<StoredNotification>(NOTIFICATIONS)
          .comment('notificationsByIds')
          .select(...COLUMNS)
          .whereIn('id', ids),
      (row) => row.id,
    );
  }

  list(scope: Scope, options: { unreadOnly: boolean; limit: number; offset: number }): Promise<NotificationRow[]> {
    const query = inScope(
      this.knex<StoredNotification>(NOTIFICATIONS)
        .comment('listNotifications')
        .select(...COLUMNS),
      scope,
    );
    if (options.unreadOnly) query.whereNull('read_at');
    return query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit)
      .offset(options.offset);
  }

  async unreadCount(scope: Scope): Promise<number> {
    const row = await inScope(this.knex<StoredNotification>(NOTIFICATIONS).comment('unreadCount').whereNull('read_at'), scope)
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  async markRead(id: string, scope: Scope): Promise<NotificationRow | undefined> {
    const [row] = await inScope(this.knex<StoredNotification>(NOTIFICATIONS).comment('markNotificationRead').where({ id }), scope)
      .update({ read_at: this.knex.raw('coalesce(read_at, now())') })
      .returning(COLUMNS);
    return row;
  }

  async markAllRead(scope: Scope): Promise<number> {
    const rows = await inScope(this.knex<StoredNotification>(NOTIFICATIONS).comment('markAllNotificationsRead').whereNull('read_at'), scope)
      .update({ read_at: this.knex.fn.now() })
      .returning('id');
    return rows.length;
  }

  /** Whether the account exists, from the users subgraph's published directory view. */
  async userExists(userId: string): Promise<boolean> {
    return Boolean(await this.knex('users.user_directory').comment('userInDirectory').where({ id: userId }).first('id'));
  }

  async createForUser(userId: string, title: string, message: string): Promise<NotificationRow[]> {
    return this.knex.transaction(async (trx) =>
      announce(
        trx,
        await trx<StoredNotification>(NOTIFICATIONS)
          .comment('createNotification')
          .insert({ user_id: userId, title, message, source: 'ADMIN' })
          .returning(COLUMNS),
      ),
    );
  }

  /** A broadcast: one set-based insert for every user of the role, however many. */
  async createForRole(role: Role, title: string, message: string): Promise<NotificationRow[]> {
    return this.knex.transaction(async (trx) => {
      const { rows } = await trx.raw<{ rows: NotificationRow[] }>(
        `/* broadcastNotification */
         insert into notifications.notifications (user_id, title, message, source)
         select id, ?, ?, 'ADMIN' from users.user_directory where role = ?
         returning ${COLUMNS.join(', ')}`,
        [title, message, role],
      );
      return announce(trx, rows);
    });
  }

  /** How far the consumer is behind: queued events and the age of the oldest, in seconds. */
  async outboxLag(): Promise<{ pending: number; oldestSeconds: number }> {
    const row = await this.knex('outbox.deliveries as d')
      .comment('outboxLag')
      .join('outbox.events as e', 'e.id', 'd.event_id')
      .where('d.consumer', 'notifications')
      .select<Array<{ pending: number; oldest: number }>>(
        this.knex.raw('count(*)::int as pending'),
        this.knex.raw('coalesce(extract(epoch from now() - min(e.created_at)), 0)::float as oldest'),
      )
      .first();
    return { pending: Number(row?.pending ?? 0), oldestSeconds: Number(row?.oldest ?? 0) };
  }

  /** System notifications from outbox events; a replayed event adds nothing. */
  async createFromEvents(trx: Knex.Transaction, notifications: NewNotification[]): Promise<number> {
    if (notifications.length === 0) return 0;
    const rows = await trx<StoredNotification>(NOTIFICATIONS)
      .comment('notificationsFromEvents')
      .insert(notifications.map((n) => ({ user_id: n.userId, title: n.title, message: n.message, source: 'SYSTEM', event_id: n.eventId })))
      .onConflict(trx.raw('(event_id, user_id) where event_id is not null'))
      .ignore()
      .returning(['id', 'user_id']);
    await announce(trx, rows);
    return rows.length;
  }
}
