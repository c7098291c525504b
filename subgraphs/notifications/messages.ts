/** What each outbox event tells whom: pure, so every wording is tested without a database. */
import type { OutboxEvent, RoomOutOfServicePayload } from '../../lib/outbox';
import type { NewNotification } from './store';

export function notificationsFor(event: OutboxEvent): NewNotification[] {
  switch (event.topic) {
    case 'booking.created': {
      const p = event.payload as OutboxEvent<'booking.created'>['payload'];
      return [
        { userId: p.userId, eventId: event.id, title: 'Booking confirmed', message: `${p.roomName} is booked for you on ${p.date}, ${p.timeSlot}.` },
      ];
    }
    case 'booking.cancelled': {
      const p = event.payload as OutboxEvent<'booking.cancelled'>['payload'];
      const byWhom = p.cancelledBy === p.userId ? '' : ' by campus staff';
      const why = p.reason ? `: ${p.reason}` : '';
      return [
        {
          userId: p.userId,
          eventId: event.id,
          title: 'Booking cancelled',
          message: `Your booking of ${p.roomName} on ${p.date}, ${p.timeSlot} was cancelled${byWhom}${why}.`,
        },
      ];
    }
    case 'booking.released':
    case 'booking.reminder':
    case 'waitlist.served':
    case 'waitlist.cancelled':
    case 'series.created':
    case 'series.cancelled': {
      const further = event as OutboxEvent<BookingFurtherTopic>;
      return [{ userId: further.payload.userId, eventId: event.id, ...bookingFurtherMessage(further) }];
    }
    case 'booking.room_out_of_service': {
      const p = event.payload as OutboxEvent<'booking.room_out_of_service'>['payload'];
      return [{ userId: p.userId, eventId: event.id, ...roomOutOfServiceMessage(p) }];
    }
    case 'ticket.status_changed': {
      const p = event.payload as OutboxEvent<'ticket.status_changed'>['payload'];
      return [
        {
          userId: p.reporterId,
          eventId: event.id,
          title: 'Ticket updated',
          message: `Your ticket "${p.title}" moved from ${statusWords(p.from)} to ${statusWords(p.to)}.`,
        },
        ...mergedTicketMessages(event as OutboxEvent<'ticket.status_changed'>),
      ];
    }
    case 'ticket.commented':
      return ticketCommentMessages(event as OutboxEvent<'ticket.commented'>);
    case 'ticket.deadline_alert': {
      const alert = event as OutboxEvent<'ticket.deadline_alert'>;
      const wording = deadlineAlertMessage(alert.payload);
      return alert.payload.recipientIds.map((userId) => ({ userId, eventId: event.id, ...wording }));
    }
    default:
      return [];
  }
}

const statusWords = (value: string | null) => (value ?? '').replace('_', ' ').toLowerCase();

/**
 * The reporters of the tickets merged into this one hear of its moves. The original's title is
 * left out: it may be another person's words.
 */
function mergedTicketMessages(event: OutboxEvent<'ticket.status_changed'>): NewNotification[] {
  const p = event.payload;
  const reporters = new Set((p.duplicateReporterIds ?? []).filter((id) => id !== p.reporterId));
  return [...reporters].map((userId) => ({
    userId,
    eventId: event.id,
    title: 'Merged ticket updated',
    message: `The ticket yours was merged into moved from ${statusWords(p.from)} to ${statusWords(p.to)}.`,
  }));
}

/** A staff comment tells the reporter; the reporter's comment tells the assignee. */
function ticketCommentMessages(event: OutboxEvent<'ticket.commented'>): NewNotification[] {
  const p = event.payload;
  return p.notify.map(({ userId, as }) =>
    as === 'REPORTER'
      ? { userId, eventId: event.id, title: 'New comment on your ticket', message: `Staff commented on your ticket "${p.title}": ${p.excerpt}` }
      : { userId, eventId: event.id, title: 'New comment on a ticket you handle', message: `The reporter commented on "${p.title}": ${p.excerpt}` },
  );
}

/** A ticket's response or resolution deadline: 75% of its time gone (WARNING), or passed (BREACH). */
export function deadlineAlertMessage(alert: OutboxEvent<'ticket.deadline_alert'>['payload']): { title: string; message: string } {
  const what = alert.clock === 'RESPONSE' ? 'response' : 'resolution';
  const when = alert.deadline.slice(0, 16).replace('T', ' ');
  if (alert.level === 'BREACH') {
    return {
      title: `Ticket ${what} overdue`,
      message: `The ${what} deadline of ${alert.priority} ticket "${alert.title}" passed at ${when} UTC.`,
    };
  }
  return {
    title: `Ticket ${what} due soon`,
    message: `75% of the ${what} time of ${alert.priority} ticket "${alert.title}" is gone: it is due at ${when} UTC.`,
  };
}

/** A fault took a booked room out of service: the booking is kept, a free room of its size suggested. */
export function roomOutOfServiceMessage(p: RoomOutOfServicePayload): { title: string; message: string } {
  const suggestion = p.suggestedRoom
    ? `${p.suggestedRoom.name} (${p.suggestedRoom.capacity} seats) is free then.`
    : 'There is no free room of that size then.';
  return {
    title: 'Room out of service',
    message: `${p.roomName}, which you booked for ${p.date}, ${p.timeSlot}, is out of service: "${p.fault}". ${suggestion} Your booking is kept until you cancel it.`,
  };
}

type BookingFurtherTopic = 'booking.released' | 'booking.reminder' | 'waitlist.served' | 'waitlist.cancelled' | 'series.created' | 'series.cancelled';

const dates = (n: number) => `${n} date${n === 1 ? '' : 's'}`;

/** Releases, reminders, waitlist places and series (issue 14). */
function bookingFurtherMessage(event: OutboxEvent<BookingFurtherTopic>): { title: string; message: string } {
  const p = event.payload;
  switch (event.topic) {
    case 'booking.released': {
      const b = p as OutboxEvent<'booking.released'>['payload'];
      return {
        title: 'Booking released',
        message: `Your booking of ${b.roomName} on ${b.date}, ${b.timeSlot} was released: nobody checked in in time.`,
      };
    }
    case 'booking.reminder': {
      const b = p as OutboxEvent<'booking.reminder'>['payload'];
      return { title: 'Booking soon', message: `Your booking of ${b.roomName} starts at ${b.timeSlot.slice(0, 5)} today (${b.date}).` };
    }
    case 'waitlist.served': {
      const b = p as OutboxEvent<'waitlist.served'>['payload'];
      return { title: 'Waitlist: booked for you', message: `A place came free: ${b.roomName} is booked for you on ${b.date}, ${b.timeSlot}.` };
    }
    case 'waitlist.cancelled': {
      const w = p as OutboxEvent<'waitlist.cancelled'>['payload'];
      return {
        title: 'Waitlist entry cancelled',
        message: `Your place on the waitlist for ${w.roomName} on ${w.date}, ${w.timeSlot} was cancelled: ${w.reason}.`,
      };
    }
    case 'series.created': {
      const s = p as OutboxEvent<'series.created'>['payload'];
      const skipped = s.skippedDates.length ? ` Skipped: ${s.skippedDates.join(', ')}.` : '';
      return {
        title: 'Series booked',
        message: `${s.roomName}, ${s.timeSlot}, is booked for you on ${dates(s.dates.length)} from ${s.dates[0] ?? '-'}.${skipped}`,
      };
    }
    default: {
      const s = p as OutboxEvent<'series.cancelled'>['payload'];
      const why = s.reason ? `: ${s.reason}` : '';
      return {
        title: 'Series cancelled',
        message: `Your weekly booking of ${s.roomName}, ${s.timeSlot}, was cancelled from now on${why} (${dates(s.dates.length)}).`,
      };
    }
  }
}
