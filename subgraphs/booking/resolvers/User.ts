import { forbidden } from '../../../lib/errors';
import { pagination } from '../../../lib/validation';
import { requireUser } from '../../../lib/auth';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  bookings: (user, args, context) => {
    const caller = requireUser(context);
    // The same visibility as `bookings`: FACULTY see everyone's, anyone else only their own.
    if (caller.id !== user.id && caller.role !== 'FACULTY') throw forbidden("Only FACULTY may see another person's bookings");
    return context.bookingsOfUsers({ status: args.status, ...pagination(args) }).load(user.id);
  },
};
