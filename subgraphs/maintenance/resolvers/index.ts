import { requireUser } from '../../../lib/auth';
import { DateTimeScalar } from '../../../lib/scalars';
import { isUuid, pagination } from '../../../lib/validation';
import { deadlineAt, isOverdue, runningHoldSeconds } from '../sla';
import type { Resolvers } from '../__generated__/resolvers-types';
import { commentMutations, TicketComment, ticketComments } from './comments';
import { duplicateMutations, ticketDuplicates } from './duplicates';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    tickets: (_parent, args, context) => {
      const caller = requireUser(context);
      return context.service.store.list({
        visibleTo: caller.role === 'ADMIN' ? undefined : caller.id,
        status: args.status,
        priority: args.priority,
        orderBy: args.orderBy ?? 'NEWEST',
        ...pagination(args),
      });
    },
    ticket: (_parent, { id }, context) => context.service.ticket(requireUser(context), id, (key) => context.ticketById.load(key)),
    classifyPriority: (_parent, { text }, { service }) => service.classify(text),
  },
  Mutation: {
    createTicket: (_parent, { input }, context) => context.service.createTicket(requireUser(context), input),
    updateTicketStatus: (_parent, { id, status, reason }, context) => context.service.updateStatus(requireUser(context), id, status, reason),
    setTicketPriority: (_parent, { id, priority, reason }, context) =>
      context.service.setPriority(requireUser(context), id, priority, reason, context),
    assignTicket: (_parent, { id, assigneeId }, context) => context.service.assign(requireUser(context), id, assigneeId),
    ...commentMutations,
    ...duplicateMutations,
  },
  Subscription: {
    ticketUpdated: {
      subscribe: (_parent, args, context) => {
        // This one context serves every event of the subscription: no history cached from an earlier one.
        context.historyOf = context.service.store.createHistoryLoader({ cache: false });
        return context.live.subscribe(requireUser(context), args);
      },
    },
  },
  Ticket: {
    __resolveReference: async (reference, context) => {
      const ticket = isUuid(reference.id) ? await context.ticketById.load(reference.id.toLowerCase()) : null;
      // However a ticket is reached, only those canSee allows see it.
      return ticket && context.service.canSee(requireUser(context), ticket) ? ticket : null;
    },
    priorityReasons: (row) => row.priority_reasons,
    slaDueAt: (row) => deadlineAt(row.sla_due_at, row, new Date()),
    responseDueAt: (row) => deadlineAt(row.response_due_at, row, new Date()),
    respondedAt: (row) => row.responded_at,
    pausedSeconds: (row) => row.paused_seconds + runningHoldSeconds(row, new Date()),
    overdue: (row) => isOverdue(row, new Date()),
    reporter: (row) => ({ id: row.reporter_id }),
    assignee: (row) => (row.assignee_id ? { id: row.assignee_id } : null),
    room: (row) => (row.room_id ? { id: row.room_id } : null),
    history: (row, _args, { historyOf }) => historyOf.load(row.id),
    createdAt: (row) => row.created_at,
    updatedAt: (row) => row.updated_at,
    ...ticketComments,
    ...ticketDuplicates,
  },
  TicketComment,
  TicketChange: {
    from: (row) => row.from_value,
    to: (row) => row.to_value,
    changedBy: (row) => ({ id: row.changed_by }),
    changedAt: (row) => row.changed_at,
  },
};
