import { requireUser } from '../../../lib/auth';
import { DateTimeScalar } from '../../../lib/scalars';
import { isUuid, pagination } from '../../../lib/validation';
import { isOverdue } from '../sla';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    tickets: (_parent, args, context) => {
      const caller = requireUser(context);
      return context.service.store.list({
        reporterId: caller.role === 'ADMIN' ? undefined : caller.id,
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
    updateTicketStatus: (_parent, { id, status }, context) => context.service.updateStatus(requireUser(context), id, status),
    setTicketPriority: (_parent, { id, priority }, context) => context.service.setPriority(requireUser(context), id, priority, context),
    assignTicket: (_parent, { id, assigneeId }, context) => context.service.assign(requireUser(context), id, assigneeId),
  },
  Subscription: {
    ticketUpdated: {
      subscribe: (_parent, args, context) => context.live.subscribe(requireUser(context), args),
    },
  },
  Ticket: {
    __resolveReference: async (reference, context) => {
      const ticket = isUuid(reference.id) ? await context.ticketById.load(reference.id.toLowerCase()) : null;
      // However a ticket is reached, only its reporter or an ADMIN sees it.
      return ticket && context.service.canSee(requireUser(context), ticket) ? ticket : null;
    },
    slaDueAt: (row) => row.sla_due_at,
    overdue: (row) => isOverdue(row, new Date()),
    reporter: (row) => ({ id: row.reporter_id }),
    assignee: (row) => (row.assignee_id ? { id: row.assignee_id } : null),
    room: (row) => (row.room_id ? { id: row.room_id } : null),
    history: (row, _args, { historyOf }) => historyOf.load(row.id),
    createdAt: (row) => row.created_at,
    updatedAt: (row) => row.updated_at,
  },
  TicketChange: {
    from: (row) => row.from_value,
    to: (row) => row.to_value,
    changedBy: (row) => ({ id: row.changed_by }),
    changedAt: (row) => row.changed_at,
  },
};
