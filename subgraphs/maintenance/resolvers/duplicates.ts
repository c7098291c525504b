/** Duplicate links: marking and unmarking, and a ticket's original and duplicates as the caller may see them. */
import { requireUser } from '../../../lib/auth';
import type { MutationResolvers, TicketResolvers } from '../__generated__/resolvers-types';

export const duplicateMutations: Pick<MutationResolvers, 'markDuplicate' | 'unmarkDuplicate'> = {
  markDuplicate: (_parent, { id, of }, context) => context.service.duplicates.mark(requireUser(context), id, of),
  unmarkDuplicate: (_parent, { id }, context) => context.service.duplicates.unmark(requireUser(context), id),
};

// A link may join tickets of different reporters: each side shows only what the caller may see.
export const ticketDuplicates: Pick<TicketResolvers, 'duplicateOf' | 'duplicates'> = {
  duplicateOf: async (row, _args, context) => {
    const original = row.duplicate_of ? await context.ticketById.load(row.duplicate_of) : null;
    return original && context.service.canSee(requireUser(context), original) ? original : null;
  },
  duplicates: async (row, _args, context) => {
    const caller = requireUser(context);
    return (await context.duplicatesOf.load(row.id)).filter((duplicate) => context.service.canSee(caller, duplicate));
  },
};
