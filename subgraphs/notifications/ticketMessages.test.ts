/** The wording of the notifications for ticket comments and for originals of merged tickets (issue 15). */
import type { OutboxEvent, OutboxTopic, OutboxTopics } from '../../lib/outbox';
import { notificationsFor } from './messages';

const ticket = { ticketId: 't1', reporterId: 'reporter', assigneeId: null, title: 'Projector not working', changedBy: 'admin' };

function event<T extends OutboxTopic>(topic: T, payload: OutboxTopics[T]): OutboxEvent {
  return { id: 9, topic, aggregateId: 't1', payload, createdAt: new Date() };
}

test('a staff comment tells the reporter, quoting it', () => {
  const notes = notificationsFor(
    event('ticket.commented', {
      ...ticket,
      from: null,
      to: 'c1',
      excerpt: 'A technician comes at 3 pm.',
      notify: [{ userId: 'reporter', as: 'REPORTER' }],
    }),
  );
  expect(notes).toEqual([
    {
      userId: 'reporter',
      eventId: 9,
      title: 'New comment on your ticket',
      message: 'Staff commented on your ticket "Projector not working": A technician comes at 3 pm.',
    },
  ]);
});

test("the reporter's comment tells the assignee; a comment nobody is to hear of tells nobody", () => {
  const toAssignee = notificationsFor(
    event('ticket.commented', {
      ...ticket,
      changedBy: 'reporter',
      from: null,
      to: 'c2',
      excerpt: 'Still broken.',
      notify: [{ userId: 'tech', as: 'ASSIGNEE' }],
    }),
  );
  expect(toAssignee).toEqual([
    {
      userId: 'tech',
      eventId: 9,
      title: 'New comment on a ticket you handle',
      message: 'The reporter commented on "Projector not working": Still broken.',
    },
  ]);
  expect(notificationsFor(event('ticket.commented', { ...ticket, from: null, to: 'c3', excerpt: 'Note.', notify: [] }))).toEqual([]);
});

test("a status change also tells each duplicate's reporter once, without the original's title", () => {
  const notes = notificationsFor(
    event('ticket.status_changed', { ...ticket, from: 'OPEN', to: 'IN_PROGRESS', duplicateReporterIds: ['other', 'other', 'reporter', 'third'] }),
  );
  expect(notes.map((n) => n.userId)).toEqual(['reporter', 'other', 'third']);
  expect(notes[0]).toMatchObject({ title: 'Ticket updated', message: 'Your ticket "Projector not working" moved from open to in progress.' });
  expect(notes[1]).toEqual({
    userId: 'other',
    eventId: 9,
    title: 'Merged ticket updated',
    message: 'The ticket yours was merged into moved from open to in progress.',
  });
  expect(notes[1].message).not.toContain('Projector');
});

test('a status event of before this change (no duplicate list) tells only the reporter', () => {
  expect(notificationsFor(event('ticket.status_changed', { ...ticket, from: 'OPEN', to: 'IN_PROGRESS' }))).toHaveLength(1);
});
