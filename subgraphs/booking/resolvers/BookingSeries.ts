import { notFound } from '../../../lib/errors';
import { isUuid } from '../../../lib/validation';
import type { BookingSeriesResolvers, BookingSeriesResultResolvers } from '../__generated__/resolvers-types';

export const BookingSeries: BookingSeriesResolvers = {
  __resolveReference: (reference, { seriesById }) => (isUuid(reference.id) ? seriesById.load(reference.id.toLowerCase()) : null),
  room: async (row, _args, { roomById }) => (await roomById.load(row.room_id)) ?? Promise.reject(notFound('Room')),
  user: (row) => ({ id: row.user_id }),
  timeSlot: (row) => row.time_slot,
  startDate: (row) => row.start_date,
  bookings: (row, _args, { bookingsOfSeries }) => bookingsOfSeries.load(row.id),
};

export const BookingSeriesResult: BookingSeriesResultResolvers = {};
