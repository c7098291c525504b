import { facultyOrOwner } from '../../../lib/access';
import { forbidden } from '../../../lib/errors';
import { pagination } from '../../../lib/validation';
import { requireUser } from '../../../lib/auth';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  bookings: (user, args, context) => {
    const caller = requireUser(context);
    facultyOrOwner.require(caller, user.id, "Only FACULTY may see another person's bookings");
    return context.bookingsOfUsers({ status: args.status, ...pagination(args) }).load(user.id);
  },
  calendarUrl: async (user, _args, context) => {
    if (requireUser(context).id !== user.id) throw forbidden('Only the person themself may see their calendar URL');
    return context.services.calendar.url('user', user.id, await context.feedVersion.load(`user:${user.id}`));
  },
};
