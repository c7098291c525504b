import { notFound } from '../../../lib/errors';
import { isUuid } from '../../../lib/validation';
import type { WaitlistEntryResolvers } from '../__generated__/resolvers-types';

export const WaitlistEntry: WaitlistEntryResolvers = {
  __resolveReference: (reference, { waitlistById }) => (isUuid(reference.id) ? waitlistById.load(reference.id.toLowerCase()) : null),
  user: (row) => ({ id: row.user_id }),
  room: async (row, _args, { roomById }) => (await roomById.load(row.room_id)) ?? Promise.reject(notFound('Room')),
  timeSlot: (row) => row.time_slot,
  booking: (row, _args, { bookingById }) => (row.booking_id ? bookingById.load(row.booking_id) : null),
  createdAt: (row) => row.created_at,
};
