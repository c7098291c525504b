/** The wording of ticket deadline alerts, one notification per recipient (issue 15). */
import type { OutboxEvent } from '../../lib/outbox';
import { notificationsFor } from './messages';

function alert(clock: 'RESPONSE' | 'RESOLUTION', level: 'WARNING' | 'BREACH', recipientIds = ['admin-1', 'assignee-1']): OutboxEvent {
  const payload = {
    ticketId: 't1',
    title: 'Sparks from a socket',
    priority: 'CRITICAL',
    clock,
    level,
    deadline: '2027-03-01T10:15:00.000Z',
    recipientIds,
  };
  return { id: 9, topic: 'ticket.deadline_alert', aggregateId: 't1', payload, createdAt: new Date() };
}

test.each([
  [
    'RESPONSE',
    'WARNING',
    'Ticket response due soon',
    '75% of the response time of CRITICAL ticket "Sparks from a socket" is gone: it is due at 2027-03-01 10:15 UTC.',
  ],
  [
    'RESPONSE',
    'BREACH',
    'Ticket response overdue',
    'The response deadline of CRITICAL ticket "Sparks from a socket" passed at 2027-03-01 10:15 UTC.',
  ],
  [
    'RESOLUTION',
    'WARNING',
    'Ticket resolution due soon',
    '75% of the resolution time of CRITICAL ticket "Sparks from a socket" is gone: it is due at 2027-03-01 10:15 UTC.',
  ],
  [
    'RESOLUTION',
    'BREACH',
    'Ticket resolution overdue',
    'The resolution deadline of CRITICAL ticket "Sparks from a socket" passed at 2027-03-01 10:15 UTC.',
  ],
] as const)('%s %s: "%s" to every recipient', (clock, level, title, message) => {
  expect(notificationsFor(alert(clock, level))).toEqual([
    { userId: 'admin-1', eventId: 9, title, message },
    { userId: 'assignee-1', eventId: 9, title, message },
  ]);
});

test('an alert with nobody to tell writes nothing', () => {
  expect(notificationsFor(alert('RESOLUTION', 'BREACH', []))).toEqual([]);
});
