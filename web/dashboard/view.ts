/**
 * The board as DOM: one table per priority that has open tickets, CRITICAL first, soonest due
 * first. Text goes in through textContent only, so a ticket's title can never become markup.
 * Tests find things by data-testid: `ticket-<id>` rows, with `ticket-title`, `ticket-priority`,
 * `ticket-status`, `ticket-location`, `ticket-reporter`, `ticket-due` and `overdue-badge` in them.
 * Each row is focusable: a click or Enter opens the ticket's panel (main.ts).
 */
import { isOverdue, type BoardTicket, type PriorityGroup, type TicketBoard } from './board';
import type { BellState } from './bell';
import type { LiveState } from './live';

const COLUMNS = ['Ticket', 'Priority', 'Status', 'Location', 'Reporter', 'Due'];

export const dueFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

type Attributes = Record<string, string>;

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** "45 min", "3 h 10 min", "2 d 4 h", to the nearest minute. */
export function timeSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return days > 0 ? `${days} d${hours ? ` ${hours} h` : ''}` : hours > 0 ? `${hours} h${rest ? ` ${rest} min` : ''}` : `${rest} min`;
}

/** "in 45 min", "in 3 h 10 min", "12 min ago", "2 d 4 h ago". */
export function relativeTime(targetMs: number, nowMs: number): string {
  const span = timeSpan(targetMs - nowMs);
  return targetMs >= nowMs ? `in ${span}` : `${span} ago`;
}

function dueCell(ticket: BoardTicket, now: number): HTMLTableCellElement {
  const due = Date.parse(ticket.slaDueAt);
  const cell = element(
    'td',
    { 'data-testid': 'ticket-due' },
    element('time', { datetime: ticket.slaDueAt }, dueFormat.format(due)),
    ' ',
    element('span', { class: 'relative' }, relativeTime(due, now)),
  );
  if (isOverdue(ticket, now)) cell.append(' ', element('span', { class: 'badge overdue-badge', 'data-testid': 'overdue-badge' }, 'OVERDUE'));
  return cell;
}

export function ticketRow(ticket: BoardTicket, now: number, openTicketId?: string): HTMLTableRowElement {
  const overdue = isOverdue(ticket, now);
  return element(
    'tr',
    {
      class: overdue ? 'ticket overdue' : 'ticket',
      'data-testid': `ticket-${ticket.id}`,
      'data-ticket-id': ticket.id,
      'data-status': ticket.status,
      'data-priority': ticket.priority,
      tabindex: '0',
      'aria-current': String(ticket.id === openTicketId),
    },
    element('td', { class: 'title', 'data-testid': 'ticket-title' }, ticket.title),
    element(
      'td',
      {},
      element('span', { class: `badge priority-${ticket.priority.toLowerCase()}`, 'data-testid': 'ticket-priority' }, ticket.priority),
    ),
    element('td', {}, element('span', { class: `status status-${ticket.status.toLowerCase()}`, 'data-testid': 'ticket-status' }, ticket.status)),
    element('td', { 'data-testid': 'ticket-location' }, ticket.location ?? '—'),
    element('td', { 'data-testid': 'ticket-reporter' }, ticket.reporter.name),
    dueCell(ticket, now),
  );
}

function groupSection(group: PriorityGroup, now: number, openTicketId?: string): HTMLElement {
  const header = element('tr', {}, ...COLUMNS.map((name) => element('th', { scope: 'col' }, name)));
  return element(
    'section',
    { class: `priority-group priority-${group.priority.toLowerCase()}`, 'data-testid': `priority-${group.priority}` },
    element('h2', {}, group.priority, ' ', element('span', { class: 'count' }, String(group.tickets.length))),
    element('table', {}, element('thead', {}, header), element('tbody', {}, ...group.tickets.map((ticket) => ticketRow(ticket, now, openTicketId)))),
  );
}

/** The row of a ticket on the board, if it is there. */
export function rowOf(container: HTMLElement, ticketId: string): HTMLElement | null {
  return container.querySelector(`tr[data-ticket-id="${CSS.escape(ticketId)}"]`);
}

/** Draws the board anew; the row that had the keyboard focus keeps it. */
export function renderBoard(container: HTMLElement, board: TicketBoard, now: number, openTicketId?: string): void {
  const focused =
    document.activeElement instanceof HTMLElement && container.contains(document.activeElement) ? document.activeElement.dataset.ticketId : undefined;
  const groups = board.groups().filter((group) => group.tickets.length > 0);
  const parts: Node[] = groups.map((group) => groupSection(group, now, openTicketId));
  if (groups.length === 0) parts.push(element('p', { class: 'empty', 'data-testid': 'no-tickets' }, 'No open tickets.'));
  if (!board.complete)
    parts.push(element('p', { class: 'note' }, 'Showing the soonest due tickets only: there are more open tickets than one page holds.'));
  container.replaceChildren(...parts);
  if (focused) rowOf(container, focused)?.focus();
}

export function renderLiveState(target: HTMLElement, state: LiveState): void {
  target.dataset.state = state.kind;
  target.textContent = state.kind === 'live' ? 'Live' : state.kind === 'connecting' ? 'Connecting…' : `Reconnecting (${state.reason})`;
}

/** The bell's count of unseen notifications and its list of the latest ones (newest first). */
export function renderBell(ui: { bellCount: HTMLElement; bellList: HTMLOListElement }, bell: BellState): void {
  ui.bellCount.textContent = String(bell.unseen);
  ui.bellCount.dataset.unseen = String(bell.unseen > 0);
  ui.bellList.replaceChildren(
    ...(bell.latest.length > 0
      ? bell.latest.map((n) => element('li', { 'data-testid': `bell-item-${n.id}` }, n.title))
      : [element('li', { class: 'empty' }, 'No new notifications')]),
  );
}
