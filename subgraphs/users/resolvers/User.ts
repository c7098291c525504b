import { isUuid } from '../../../lib/validation';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference, { userById }) => (isUuid(reference.id) ? userById.load(reference.id.toLowerCase()) : null),
  createdAt: (row) => row.created_at,
  updatedAt: (row) => row.updated_at,
};
