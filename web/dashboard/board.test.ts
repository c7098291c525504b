/** The board's order and its rule for tickets that arrive out of order. */
import { isOverdue, TicketBoard, type BoardTicket } from './board';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2026-01-05T09:00:00Z');

function ticket(id: string, changes: Partial<BoardTicket> = {}): BoardTicket {
  return {
    id,
    title: `Ticket ${id}`,
    priority: 'MEDIUM',
    status: 'OPEN',
    slaDueAt: at(T0 + 24 * HOUR),
    overdue: false,
    location: null,
    updatedAt: at(T0),
    reporter: { name: 'Sam Student' },
    ...changes,
  };
}

const ids = (board: TicketBoard) => board.groups().map((g) => [g.priority, g.tickets.map((t) => t.id)]);

test('open tickets (on hold too) by priority, CRITICAL first, each soonest due first; closed ones are not shown', () => {
  const board = new TicketBoard();
  board.replace([
    ticket('low', { priority: 'LOW', slaDueAt: at(T0 + HOUR) }),
    ticket('critical-later', { priority: 'CRITICAL', slaDueAt: at(T0 + 2 * HOUR) }),
    ticket('critical-sooner', { priority: 'CRITICAL', slaDueAt: at(T0 + HOUR), status: 'IN_PROGRESS' }),
    ticket('high', { priority: 'HIGH' }),
    ticket('high-on-hold', { priority: 'HIGH', status: 'ON_HOLD', slaDueAt: at(T0 + 48 * HOUR) }),
  ]);
  board.apply(ticket('resolved', { priority: 'CRITICAL', status: 'RESOLVED' }));
  expect(ids(board)).toEqual([
    ['CRITICAL', ['critical-sooner', 'critical-later']],
    ['HIGH', ['high', 'high-on-hold']],
    ['MEDIUM', []],
    ['LOW', ['low']],
  ]);
  expect(board.openCount()).toBe(5);
});

test('the newest version of a ticket wins, whichever arrives last', () => {
  const board = new TicketBoard();
  expect(board.apply(ticket('a', { status: 'RESOLVED', updatedAt: at(T0 + 2000) }))).toBe(true);
  expect(board.apply(ticket('a', { status: 'OPEN', updatedAt: at(T0 + 1000) }))).toBe(false);
  expect(board.openCount()).toBe(0);
  expect(board.apply(ticket('a', { status: 'OPEN', updatedAt: at(T0 + 3000) }))).toBe(true);
  expect(board.get('a')?.status).toBe('OPEN');
});

test('a snapshot replaces the board, and the events that came while it was fetched apply on top', () => {
  const board = new TicketBoard();
  board.replace([ticket('closed-while-away'), ticket('changed')]);
  board.replace(
    [ticket('changed', { status: 'OPEN', updatedAt: at(T0 + 1000) }), ticket('kept')],
    [ticket('changed', { status: 'IN_PROGRESS', updatedAt: at(T0 + 2000) }), ticket('new', { updatedAt: at(T0 + 2000) })],
  );
  expect(ids(board)).toEqual([
    ['CRITICAL', []],
    ['HIGH', []],
    ['MEDIUM', ['changed', 'kept', 'new']],
    ['LOW', []],
  ]);
  expect(board.get('changed')?.status).toBe('IN_PROGRESS');
  expect(board.complete).toBe(true);
  board.replace([], [], { complete: false });
  expect(board.complete).toBe(false);
});

test('overdue: as the gateway said, or fallen due since; never on hold or once resolved', () => {
  const due = ticket('a', { slaDueAt: at(T0) });
  expect(isOverdue(due, T0 - 1)).toBe(false);
  expect(isOverdue(due, T0)).toBe(true);
  expect(isOverdue({ ...due, overdue: true }, T0 - HOUR)).toBe(true);
  expect(isOverdue({ ...due, status: 'RESOLVED', overdue: true }, T0 + HOUR)).toBe(false);
  expect(isOverdue({ ...due, status: 'ON_HOLD' }, T0 + HOUR)).toBe(false);
});
