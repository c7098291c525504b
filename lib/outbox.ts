/**
 * The transactional outbox, one design for every subgraph: a change and the event that records
 * it are written in one transaction, so an event exists exactly when its change committed.
 * `pg_notify` in the same transaction wakes listeners (notifications, gateways) on commit;
 * they also poll, so a missed wake-up only delays delivery.
 */
import type { Knex } from 'knex';
import { migrateSchema } from './db';

export const OUTBOX_CHANNEL = 'outbox_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; this leaves room for multi-byte text. */
const MAX_NOTIFY_BYTES = 2000;

/** Events by topic: the payload each one carries. */
export interface OutboxTopics {
  'booking.created': BookingEventPayload;
  'booking.cancelled': BookingEventPayload & { cancelledBy: string; reason?: string };
  'booking.released': BookingEventPayload;
  'booking.reminder': BookingEventPayload & { startsAt: string };
  'waitlist.served': BookingEventPayload & { entryId: string };
  'waitlist.cancelled': { entryId: string; userId: string; roomName: string; date: string; timeSlot: string; reason: string };
  'series.created': SeriesEventPayload & { dates: string[]; skippedDates: string[] };
  'series.cancelled': SeriesEventPayload & { cancelledBy: string; reason?: string; dates: string[] };
  /** A booking is in a room a fault took out of service (sent once per booking and fault). */
  'booking.room_out_of_service': RoomOutOfServicePayload;
  'ticket.created': TicketEventPayload;
  'ticket.status_changed': TicketEventPayload & {
    /** The reporters of the tickets linked to this one as duplicates, who hear of its moves too. */
    duplicateReporterIds?: string[];
  };
  'ticket.priority_changed': TicketEventPayload;
  'ticket.assigned': TicketEventPayload;
  /** A comment on a ticket (`to` is its id); `notify` says who is told. */
  'ticket.commented': TicketCommentEventPayload;
  /** A ticket was linked as a duplicate or unlinked (`from`/`to`: the original before and after), or its list of duplicates changed. */
  'ticket.duplicate_changed': TicketEventPayload;
  /** A ticket's deadline is 75% gone or has passed: its ADMINs and assignee are told, once per alert. */
  'ticket.deadline_alert': DeadlineAlertPayload;
  /** A CRITICAL ticket on a room is unresolved: the booking subgraph puts the room out of service. */
  'ticket.room_fault_opened': RoomFaultEventPayload;
  /** That ticket was resolved, closed, lowered from CRITICAL or moved to another room: the fault is gone. */
  'ticket.room_fault_cleared': RoomFaultEventPayload;
  'user.deleted': { userId: string };
  'notification.added': NotificationEventPayload;
}

/** A notification written for one user (its row holds the rest). */
export interface NotificationEventPayload {
  notificationId: string;
  userId: string;
}

/** A ticket change: enough to notify, to check who may see it, and to refetch the ticket. */
export interface TicketEventPayload {
  ticketId: string;
  reporterId: string;
  title: string;
  /** The value before and after the change (null before for a creation). */
  from: string | null;
  to: string | null;
  changedBy: string;
  /** Who handles it, so subscribers who may see it as its assignee are found without a read. */
  assigneeId: string | null;
  /** Why, when the change was given a reason (ON_HOLD, a priority override). */
  reason?: string | null;
}

/** A deadline alert (maintenance/alerts.ts): 75% of a clock gone (WARNING) or past (BREACH). */
export interface DeadlineAlertPayload {
  ticketId: string;
  title: string;
  priority: string;
  clock: 'RESPONSE' | 'RESOLUTION';
  level: 'WARNING' | 'BREACH';
  /** The deadline itself (for a WARNING, when it will pass). */
  deadline: string;
  /** Every ADMIN and the assignee, each once. */
  recipientIds: string[];
}

/** A comment: who wrote it, a short excerpt, and whom to tell (never its author). */
export interface TicketCommentEventPayload extends TicketEventPayload {
  excerpt: string;
  notify: Array<{ userId: string; as: 'REPORTER' | 'ASSIGNEE' }>;
}

/** A fault in a room, as the maintenance subgraph reports it to the booking subgraph. */
export interface RoomFaultEventPayload {
  ticketId: string;
  roomId: string;
  /** The ticket's title, to name the fault in refusals and notices. */
  title: string;
}

/** The holder of a booking in a faulty room, with a free room of at least its size, if any. */
export interface RoomOutOfServicePayload extends BookingEventPayload {
  /** The fault's words (the ticket's title). */
  fault: string;
  suggestedRoom: { id: string; name: string; capacity: number } | null;
}

export interface BookingEventPayload {
  bookingId: string;
  userId: string;
  roomId: string;
  roomName: string;
  date: string;
  timeSlot: string;
}

/** A weekly series of bookings (booking subgraph). */
export interface SeriesEventPayload {
  seriesId: string;
  userId: string;
  roomName: string;
  timeSlot: string;
}

export type OutboxTopic = keyof OutboxTopics;

export interface OutboxEvent<T extends OutboxTopic = OutboxTopic> {
  id: number;
  topic: T;
  aggregateId: string;
  payload: OutboxTopics[T];
  createdAt: Date;
}

/** Creates the outbox schema if this database does not have it yet. */
export function migrateOutbox(knex: Knex): Promise<string[]> {
  return migrateSchema(knex, 'outbox');
}

/** Appends one event inside `trx`, the transaction of the change it records. */
export async function appendEvent<T extends OutboxTopic>(
  trx: Knex.Transaction,
  topic: T,
  aggregateId: string,
  payload: OutboxTopics[T],
): Promise<number> {
  const [row] = await trx<EventRow>('outbox.events')
    .comment('appendOutboxEvent')
    .insert({ topic, aggregate_id: aggregateId, payload: JSON.stringify(payload) })
    .returning('id');
  const id = Number(row.id);
  await trx.raw(
    '/* queueOutboxDeliveries */ insert into outbox.deliveries (consumer, event_id) select name, ? from outbox.consumers where ? = any(topics)',
    [id, topic],
  );
  // The whole event travels in the notification (listeners need not read the table and cannot
  // miss one committed out of id order); an oversized one sends its id to be read instead.
  await trx.raw('select pg_notify(?, ?)', [OUTBOX_CHANNEL, notifyMessage(id, topic, aggregateId, payload)]);
  return id;
}

function notifyMessage(id: number, topic: OutboxTopic, aggregateId: string, payload: unknown): string {
  const message = JSON.stringify({ id, topic, aggregateId, payload });
  return message.length <= MAX_NOTIFY_BYTES ? message : JSON.stringify({ id, topic, aggregateId });
}

/** Appends many events of one topic inside `trx` in three statements, however many (broadcasts). */
export async function appendEvents<T extends OutboxTopic>(
  trx: Knex.Transaction,
  topic: T,
  events: ReadonlyArray<{ aggregateId: string; payload: OutboxTopics[T] }>,
): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await trx<EventRow>('outbox.events')
    .comment('appendOutboxEvents')
    .insert(events.map((e) => ({ topic, aggregate_id: e.aggregateId, payload: JSON.stringify(e.payload) })))
    .returning('id');
  // Ids are drawn in VALUES order; sorted, they line up with `events`.
  const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  await trx.raw(
    '/* queueOutboxDeliveries */ insert into outbox.deliveries (consumer, event_id) select c.name, e.id from outbox.consumers c, unnest(?::bigint[]) as e(id) where ? = any(c.topics)',
    [ids, topic],
  );
  const messages = ids.map((id, i) => notifyMessage(id, topic, events[i].aggregateId, events[i].payload));
  await trx.raw('select pg_notify(?, m) from unnest(?::text[]) as m', [OUTBOX_CHANNEL, messages]);
  return ids;
}

/** An event as stored (`outbox.events`); bigint ids may arrive as strings. */
export interface EventRow {
  id: string | number;
  topic: OutboxTopic;
  aggregate_id: string;
  payload: unknown;
  created_at: Date;
}

export function toOutboxEvent(row: EventRow): OutboxEvent {
  return {
    id: Number(row.id),
    topic: row.topic,
    aggregateId: row.aggregate_id,
    payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as OutboxTopics[OutboxTopic],
    createdAt: row.created_at,
  };
}

/** How long delivered events are kept: longer than the subscriptions' 24-hour replay window. */
export const OUTBOX_RETENTION_DAYS = 7;

/** Deletes events older than the retention that no consumer still waits for; returns how many. */
export async function pruneOutbox(knex: Knex, retentionDays = OUTBOX_RETENTION_DAYS): Promise<number> {
  const { rows } = await knex.raw<{ rows: Array<Pick<EventRow, 'id'>> }>(
    `/* pruneOutbox */ delete from outbox.events e
      where e.created_at < now() - make_interval(days => ?)
        and not exists (select 1 from outbox.deliveries d where d.event_id = e.id)
      returning e.id`,
    [retentionDays],
  );
  return rows.length;
}

/** What a listener receives on OUTBOX_CHANNEL; `payload` is absent for an oversized event. */
export interface OutboxNotification {
  id: number;
  topic: OutboxTopic;
  aggregateId: string;
  payload?: OutboxTopics[OutboxTopic];
}

export interface EventsAfterOptions {
  /** Only topics starting with this, e.g. `ticket.`. */
  topicPrefix?: string;
  /** Only these topics. */
  topics?: readonly OutboxTopic[];
  aggregateId?: string;
  /** Only events written in the last this many hours. */
  withinHours?: number;
  /** @default 500 */
  limit?: number;
}

/** Events after `afterId`, oldest first (subscription catch-up, tests). */
export async function eventsAfter(knex: Knex, afterId: number, options: EventsAfterOptions = {}): Promise<OutboxEvent[]> {
  const query = knex<EventRow>('outbox.events')
    .comment('outboxEventsAfter')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(options.limit ?? 500);
  if (options.topicPrefix) query.whereLike('topic', `${options.topicPrefix}%`);
  if (options.topics) query.whereIn('topic', [...options.topics]);
  if (options.aggregateId) query.where('aggregate_id', options.aggregateId);
  if (options.withinHours) query.where('created_at', '>', knex.raw('now() - make_interval(hours => ?)', [options.withinHours]));
  return (await query).map(toOutboxEvent);
}
