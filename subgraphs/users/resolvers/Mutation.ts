import { requireUser } from '../../../lib/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  login: (_parent, { email, password }, context) => context.service.login(email, password, context),
  refreshToken: (_parent, { refreshToken }, context) => context.service.refresh(refreshToken, context),
  logout: (_parent, { refreshToken }, context) => context.service.logout(refreshToken, context),
  createUser: (_parent, { input }, context) => context.service.createUser(input, context),
  updateUser: (_parent, { id, input }, context) => context.service.updateUser(requireUser(context), id, input, context),
  deleteUser: (_parent, { id }, context) => context.service.deleteUser(requireUser(context), id, context),
  revokeSession: (_parent, { id }, context) => context.service.revokeSession(requireUser(context), id, context),
  revokeSessions: (_parent, { userId }, context) => context.service.revokeSessions(userId, context),
};
