import type { SessionResolvers } from '../__generated__/resolvers-types';

export const Session: SessionResolvers = {
  createdAt: (row) => row.created_at,
  lastUsedAt: (row) => row.last_used_at,
  clientAddress: (row) => row.client_address,
  userAgent: (row) => row.user_agent,
};
