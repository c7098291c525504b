import { isUuid } from '../../../lib/validation';
import type { RoomResolvers } from '../__generated__/resolvers-types';

export const Room: RoomResolvers = {
  __resolveReference: (reference, { roomById }) => (isUuid(reference.id) ? roomById.load(reference.id.toLowerCase()) : null),
};
