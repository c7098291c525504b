import type { AuditEntryResolvers } from '../__generated__/resolvers-types';

export const AuditEntry: AuditEntryResolvers = {
  id: (row) => String(row.id),
  actor: (row, _args, { userById }) => (row.actor_id ? userById.load(row.actor_id) : null),
  clientAddress: (row) => row.client_address,
  requestId: (row) => row.request_id,
  details: (row) => (row.details ? JSON.stringify(row.details) : null),
};
