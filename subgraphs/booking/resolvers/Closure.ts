import type { ClosureResolvers } from '../__generated__/resolvers-types';

export const Closure: ClosureResolvers = {
  room: (row, _args, { roomById }) => (row.room_id ? roomById.load(row.room_id) : null),
  startDate: (row) => row.start_date,
  endDate: (row) => row.end_date,
  timeSlots: (row) => row.time_slots,
  createdBy: (row) => ({ id: row.created_by }),
};
