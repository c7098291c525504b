import { pagination, requireId } from '../../../lib/validation';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  me: async (_parent, _args, { user, userById }) => (user ? userById.load(user.id) : null),
  users: (_parent, args, { service }) => service.users.list({ role: args.role, ...pagination(args) }),
  user: (_parent, args, { userById }) => userById.load(requireId('id', args.id)),
};
