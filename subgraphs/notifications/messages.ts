/** What each outbox event tells whom: pure, so every wording is tested without a database. */
import type { OutboxEvent } from '../../lib/outbox';
import type { NewNotification } from './store';

export function notificationsFor(event: OutboxEvent): NewNotification[] {
  switch (event.topic) {
    case 'booking.created': {
      const p = event.payload as OutboxEvent<'booking.created'>['payload'];
      return [{ userId: p.userId, eventId: event.id, title: 'Booking confirmed', message: `${p.roomName} is booked for you on ${p.date}, ${p.timeSlot}.` }];
    }
    case 'booking.cancelled': {
      const p = event.payload as OutboxEvent<'booking.cancelled'>['payload'];
      const byWhom = p.cancelledBy === p.userId ? '' : ' by campus staff';
      return [{ userId: p.userId, eventId: event.id, title: 'Booking cancelled', message: `Your booking of ${p.roomName} on ${p.date}, ${p.timeSlot} was cancelled${byWhom}.` }];
    }
    case 'ticket.status_changed': {
      const p = event.payload as OutboxEvent<'ticket.status_changed'>['payload'];
      const status = (value: string | null) => (value ?? '').replace('_', ' ').toLowerCase();
      return [{ userId: p.reporterId, eventId: event.id, title: 'Ticket updated', message: `Your ticket "${p.title}" moved from ${status(p.from)} to ${status(p.to)}.` }];
    }
    default:
      return [];
  }
}
