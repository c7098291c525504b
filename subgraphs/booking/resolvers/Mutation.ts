import { requireUser } from '../../../lib/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createBooking: (_parent, { input }, context) => context.service.createBooking(requireUser(context), input),
  cancelBooking: (_parent, { id }, context) => context.service.cancelBooking(requireUser(context), id),
  createRoom: (_parent, { input }, context) => context.service.createRoom(input, context),
  updateRoom: (_parent, { id, input }, context) => context.service.updateRoom(id, input, context),
};
