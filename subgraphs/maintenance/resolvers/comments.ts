/** Comments on tickets: the mutation, a ticket's comments and a comment's fields. */
import { requireUser } from '../../../lib/auth';
import type { MutationResolvers, TicketCommentResolvers, TicketResolvers } from '../__generated__/resolvers-types';

export const commentMutations: Pick<MutationResolvers, 'addTicketComment'> = {
  addTicketComment: (_parent, { ticketId, body }, context) => context.service.comments.add(requireUser(context), ticketId, body),
};

export const ticketComments: Pick<TicketResolvers, 'comments'> = {
  comments: (row, _args, { commentsOf }) => commentsOf.load(row.id),
};

export const TicketComment: TicketCommentResolvers = {
  author: (row) => ({ id: row.author_id }),
  createdAt: (row) => row.created_at,
};
