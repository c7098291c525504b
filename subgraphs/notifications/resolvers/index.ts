import type { AuthUser } from '../../../lib/auth';
import { unauthenticated } from '../../../lib/errors';
import { DateTimeScalar } from '../../../lib/scalars';
import { isUuid, pagination } from '../../../lib/validation';
import type { NotificationsContext } from '../context';
import type { Resolvers } from '../__generated__/resolvers-types';

/** The @auth directive has already admitted the caller; this narrows the type. */
function callerOf({ user }: NotificationsContext): AuthUser {
  if (!user) throw unauthenticated();
  return user;
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    notifications: (_parent, args, context) =>
      context.service.store.list(context.service.scopeFor(callerOf(context), args.userId), { unreadOnly: args.unreadOnly ?? false, ...pagination(args) }),
    unreadCount: (_parent, args, context) => context.service.store.unreadCount(context.service.scopeFor(callerOf(context), args.userId)),
  },
  Mutation: {
    createNotification: (_parent, { input }, { service }) => service.create(input),
    markNotificationRead: (_parent, { id }, context) => context.service.markRead(callerOf(context), id),
    markAllNotificationsRead: (_parent, args, context) => context.service.store.markAllRead(context.service.scopeFor(callerOf(context), args.userId)),
  },
  Notification: {
    __resolveReference: async (reference, context) => {
      const row = isUuid(reference.id) ? await context.notificationById.load(reference.id.toLowerCase()) : null;
      // Only the recipient (or an ADMIN) may see a notification, however it is reached.
      const caller = callerOf(context);
      return row && (caller.role === 'ADMIN' || row.user_id === caller.id) ? row : null;
    },
    user: (row) => ({ id: row.user_id }),
    read: (row) => row.read_at !== null,
    readAt: (row) => row.read_at,
    createdAt: (row) => row.created_at,
  },
};
