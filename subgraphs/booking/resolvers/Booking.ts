import { notFound } from '../../../lib/errors';
import { isUuid } from '../../../lib/validation';
import type { BookingResolvers } from '../__generated__/resolvers-types';

export const Booking: BookingResolvers = {
  __resolveReference: (reference, { bookingById }) => (isUuid(reference.id) ? bookingById.load(reference.id.toLowerCase()) : null),
  room: async (row, _args, { roomById }) => (await roomById.load(row.room_id)) ?? Promise.reject(notFound('Room')),
  user: (row) => ({ id: row.user_id }),
  timeSlot: (row) => row.time_slot,
  createdAt: (row) => row.created_at,
  cancelledAt: (row) => row.cancelled_at,
  checkedInAt: (row) => row.checked_in_at,
  series: (row, _args, { seriesById }) => (row.series_id ? seriesById.load(row.series_id) : null),
};
