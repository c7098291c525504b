import { facultyOrOwner } from '../../../lib/access';
import { requireDate } from '../../../lib/campusTime';
import { badInput } from '../../../lib/errors';
import { pagination, requireId } from '../../../lib/validation';
import { TIME_SLOTS } from '../slots';
import { requireUser } from '../../../lib/auth';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  rooms: (_parent, args, { service }) => {
    if (args.minCapacity != null && args.minCapacity < 0) throw badInput('minCapacity', 'must not be negative');
    return service.store.listRooms({ minCapacity: args.minCapacity, amenity: args.amenity?.trim() || null, ...pagination(args) });
  },
  timeSlots: () => [...TIME_SLOTS],
  availableSlots: (_parent, { roomId, date }, { service }) => service.availableSlots(roomId, date),
  bookings: (_parent, args, context) => {
    const caller = requireUser(context);
    return context.service.store.listBookings({
      userId: facultyOrOwner.ownerFilter(caller),
      date: args.date != null ? requireDate('date', args.date) : undefined,
      roomId: args.roomId != null ? requireId('roomId', args.roomId) : undefined,
      status: args.status,
      ...pagination(args),
    });
  },
  myBookings: (_parent, args, context) =>
    context.service.store.listBookings({ userId: requireUser(context).id, status: args.status, ...pagination(args) }),
  freeRooms: (_parent, args, { service }) => service.freeRooms(args),
  myWaitlist: (_parent, args, context) => context.services.waitlist.list(requireUser(context), { status: args.status, ...pagination(args) }),
  closures: (_parent, args, { services }) => services.closures.list(args),
};
