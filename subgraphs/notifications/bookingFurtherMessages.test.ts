/** The wording of the notifications for releases, reminders, waitlists and series (issue 14). */
import type { OutboxEvent, OutboxTopic, OutboxTopics } from '../../lib/outbox';
import { notificationsFor } from './messages';

const booking = { bookingId: 'b1', userId: 'u1', roomId: 'r1', roomName: 'Curie Lab', date: '2027-03-01', timeSlot: '10:00-12:00' };
const series = { seriesId: 's1', userId: 'u1', roomName: 'Curie Lab', timeSlot: '10:00-12:00' };

function event<T extends OutboxTopic>(topic: T, payload: OutboxTopics[T]): OutboxEvent {
  return { id: 7, topic, aggregateId: 'x', payload, createdAt: new Date() };
}

test.each([
  [event('booking.released', booking), 'Booking released', /Curie Lab on 2027-03-01, 10:00-12:00 was released: nobody checked in/],
  [event('booking.reminder', { ...booking, startsAt: '2027-03-01T10:00:00.000Z' }), 'Booking soon', /starts at 10:00 today \(2027-03-01\)/],
  [event('waitlist.served', { ...booking, entryId: 'w1' }), 'Waitlist: booked for you', /A place came free: Curie Lab is booked for you/],
  [
    event('waitlist.cancelled', {
      entryId: 'w1',
      userId: 'u1',
      roomName: 'Curie Lab',
      date: '2027-03-01',
      timeSlot: '10:00-12:00',
      reason: 'closed: Exams',
    }),
    'Waitlist entry cancelled',
    /was cancelled: closed: Exams/,
  ],
  [
    event('series.created', { ...series, dates: ['2027-03-01', '2027-03-08'], skippedDates: ['2027-03-15'] }),
    'Series booked',
    /on 2 dates from 2027-03-01\. Skipped: 2027-03-15/,
  ],
  [
    event('series.cancelled', { ...series, cancelledBy: 'u1', reason: 'nobody checked in 3 times in a row', dates: ['2027-03-22'] }),
    'Series cancelled',
    /from now on: nobody checked in 3 times in a row \(1 date\)/,
  ],
  [
    event('booking.cancelled', { ...booking, cancelledBy: 'admin', reason: 'closed: Exams' }),
    'Booking cancelled',
    /cancelled by campus staff: closed: Exams\./,
  ],
])('%#: %s', (input, title, message) => {
  const [notification] = notificationsFor(input);
  expect(notification).toMatchObject({ userId: 'u1', eventId: 7, title });
  expect(notification.message).toMatch(message);
});
