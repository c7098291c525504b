import { unauthenticated } from '../../../lib/errors';
import type { UsersContext } from '../context';
import type { MutationResolvers } from '../__generated__/resolvers-types';

/** The @auth directive has already admitted the caller; this narrows the type for the service. */
function caller({ user }: UsersContext) {
  if (!user) throw unauthenticated();
  return user;
}

export const Mutation: MutationResolvers = {
  login: (_parent, { email, password }, { service, clientAddress }) => service.login(email, password, clientAddress),
  refreshToken: (_parent, { refreshToken }, { service }) => service.refresh(refreshToken),
  logout: (_parent, { refreshToken }, { service }) => service.logout(refreshToken),
  createUser: (_parent, { input }, { service }) => service.createUser(input),
  updateUser: (_parent, { id, input }, context) => context.service.updateUser(caller(context), id, input),
  deleteUser: (_parent, { id }, context) => context.service.deleteUser(caller(context), id),
};
