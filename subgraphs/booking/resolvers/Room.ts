import { isUuid } from '../../../lib/validation';
import type { RoomResolvers } from '../__generated__/resolvers-types';

export const Room: RoomResolvers = {
  __resolveReference: (reference, { roomById }) => (isUuid(reference.id) ? roomById.load(reference.id.toLowerCase()) : null),
  checkInRequired: (row) => row.check_in_required,
  outOfService: (row, _args, { roomOutOfService }) => roomOutOfService.load(row.id),
  calendarUrl: async (row, _args, { services, feedVersion }) => services.calendar.url('room', row.id, await feedVersion.load(`room:${row.id}`)),
};
