import { requireUser } from '../../../lib/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  login: (_parent, { email, password }, { service, clientAddress }) => service.login(email, password, clientAddress),
  refreshToken: (_parent, { refreshToken }, { service }) => service.refresh(refreshToken),
  logout: (_parent, { refreshToken }, { service }) => service.logout(refreshToken),
  createUser: (_parent, { input }, { service }) => service.createUser(input),
  updateUser: (_parent, { id, input }, context) => context.service.updateUser(requireUser(context), id, input),
  deleteUser: (_parent, { id }, context) => context.service.deleteUser(requireUser(context), id),
};
