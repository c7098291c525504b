import { adminOrOwner } from '../../../lib/access';
import { requireUser } from '../../../lib/auth';
import { DateTimeScalar } from '../../../lib/scalars';
import { isUuid, pagination } from '../../../lib/validation';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    notifications: (_parent, args, context) =>
      context.service.store.list(context.service.scopeFor(requireUser(context), args.userId), {
        unreadOnly: args.unreadOnly ?? false,
        ...pagination(args),
      }),
    unreadCount: (_parent, args, context) => context.service.store.unreadCount(context.service.scopeFor(requireUser(context), args.userId)),
  },
  Mutation: {
    createNotification: (_parent, { input }, { service }) => service.create(input),
    markNotificationRead: (_parent, { id }, context) => context.service.markRead(requireUser(context), id),
    markAllNotificationsRead: (_parent, args, context) =>
      context.service.store.markAllRead(context.service.scopeFor(requireUser(context), args.userId)),
  },
  Subscription: {
    notificationAdded: {
      subscribe: (_parent, args, context) => context.live.subscribe(requireUser(context), args),
    },
  },
  Notification: {
    __resolveReference: async (reference, context) => {
      const row = isUuid(reference.id) ? await context.notificationById.load(reference.id.toLowerCase()) : null;
      // Only the recipient (or an ADMIN) may see a notification, however it is reached.
      return row && adminOrOwner.allows(requireUser(context), row.user_id) ? row : null;
    },
    user: (row) => ({ id: row.user_id }),
    read: (row) => row.read_at !== null,
    readAt: (row) => row.read_at,
    createdAt: (row) => row.created_at,
  },
};
