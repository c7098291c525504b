import { requireUser } from '../../../lib/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createBooking: (_parent, { input }, context) => context.service.createBooking(requireUser(context), input),
  cancelBooking: (_parent, { id }, context) => context.service.cancelBooking(requireUser(context), id),
  createRoom: (_parent, { input }, context) => context.service.createRoom(input, context),
  updateRoom: (_parent, { id, input }, context) => context.service.updateRoom(id, input, context),
  createBookingSeries: (_parent, { input }, context) => context.services.series.create(requireUser(context), input),
  cancelBookingSeries: (_parent, { id }, context) => context.services.series.cancel(requireUser(context), id),
  checkIn: (_parent, { bookingId }, context) => context.service.checkIn(requireUser(context), bookingId),
  joinWaitlist: (_parent, { input }, context) => context.services.waitlist.join(requireUser(context), input),
  leaveWaitlist: (_parent, { id }, context) => context.services.waitlist.leave(requireUser(context), id),
  createClosure: (_parent, { input }, context) => context.services.closures.create(requireUser(context), input, context),
  deleteClosure: (_parent, { id }, context) => context.services.closures.delete(id, context),
  resetCalendarUrl: (_parent, _args, context) => context.services.calendar.reset(requireUser(context).id),
};
