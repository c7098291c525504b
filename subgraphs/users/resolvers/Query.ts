import { requireUser } from '../../../lib/auth';
import { pagination, requireId } from '../../../lib/validation';
import type { UserRow } from '../store';
import type { QueryResolvers } from '../__generated__/resolvers-types';

/** A deleted account is gone for `me` and `user(id)`, though references to it still resolve. */
const liveOnly = (row: UserRow | null) => (row && !row.deleted_at ? row : null);

export const Query: QueryResolvers = {
  me: async (_parent, _args, { user, userById }) => (user ? liveOnly(await userById.load(user.id)) : null),
  users: (_parent, args, { service }) => service.users.list({ role: args.role, ...pagination(args) }),
  user: async (_parent, args, { userById }) => liveOnly(await userById.load(requireId('id', args.id))),
  mySessions: (_parent, _args, context) => context.service.mySessions(requireUser(context), context.sessionId),
  auditLog: (_parent, args, { service }) =>
    service.auditLog({ action: args.action, actorId: args.actorId, targetId: args.targetId, ...pagination(args) }),
};
