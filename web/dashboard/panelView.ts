/**
 * The ticket panel as DOM. Its forms are built once and kept, so that a live refresh never
 * wipes a comment or a reason being typed: a refresh rewrites the facts, the lists and the
 * choices of the selects only. Every control has a visible label (its accessible name), by
 * which the tests find it; what is shown has a `panel-*` data-testid.
 */
import type { TicketDetailFragment, TicketStatus } from '../__generated__/graphql';
import { PRIORITIES, STATUS_MOVES } from './board';
import { dueFormat, element, relativeTime, timeSpan } from './view';

export type TicketDetail = TicketDetailFragment;
export interface StaffMember {
  id: string;
  name: string;
}

const STATUS_NAMES: Record<TicketStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  ON_HOLD: 'On hold',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
};

/** A label tied to its control by id: a select inside its label would add its value to the name. */
function field(label: string, control: HTMLElement): HTMLElement {
  return element('div', { class: 'field' }, element('label', { for: control.id }, label), control);
}

/** One action: a form whose fieldset's legend names it (and is disabled when it cannot be done). */
function form(testId: string, legend: string, ...children: Node[]): HTMLFormElement {
  return element('form', { class: 'action', 'data-testid': testId }, element('fieldset', {}, element('legend', {}, legend), ...children));
}

/** Sets a select's choices, keeping the chosen one if it is still there; unchanged choices are left alone (an open list stays open). */
function options(select: HTMLSelectElement, choices: ReadonlyArray<{ value: string; text: string }>): void {
  const key = choices.map(({ value, text }) => `${value}\t${text}`).join('\n');
  if (select.dataset.choices === key) return;
  select.dataset.choices = key;
  const chosen = select.value;
  select.replaceChildren(...choices.map(({ value, text }) => element('option', { value }, text)));
  if (choices.some((choice) => choice.value === chosen)) select.value = chosen;
}

/** Shows the ticket's `value` when it changed (or the panel shows another ticket), and keeps a choice not yet sent otherwise. */
function follow(select: HTMLSelectElement, value: string): void {
  if (select.dataset.shown === value) return;
  select.value = value;
  select.dataset.shown = value;
}

/** The panel's elements, built once per sign-in. */
export function buildPanel() {
  const title = element('h2', { id: 'panel-title', tabindex: '-1', 'data-testid': 'panel-title' });
  const close = element('button', { type: 'button', class: 'secondary', 'data-testid': 'panel-close', 'aria-label': 'Close the ticket' }, 'Close');
  const error = element('p', { class: 'error', role: 'alert', 'data-testid': 'panel-error', hidden: '' });
  const facts = element('dl', { class: 'facts', 'data-testid': 'panel-facts' });
  const description = element('p', { class: 'description', 'data-testid': 'panel-description' });
  const reasons = element('ul', { 'data-testid': 'panel-priority-reasons' });
  const history = element('ol', { class: 'history', 'data-testid': 'panel-history' });
  const comments = element('ol', { class: 'comments', 'data-testid': 'panel-comments' });

  const moveStatus = element('select', { id: 'panel-move-status', name: 'status' });
  const moveReason = element('input', { id: 'panel-move-reason', name: 'reason', autocomplete: 'off' });
  const move = form(
    'panel-move-form',
    'Move the ticket',
    field('New status', moveStatus),
    field('Reason (required for On hold)', moveReason),
    element('button', { type: 'submit' }, 'Move'),
  );
  const priority = element('select', { id: 'panel-priority-select', name: 'priority' });
  options(
    priority,
    PRIORITIES.map((p) => ({ value: p, text: p })),
  );
  const priorityReason = element('input', { id: 'panel-priority-reason', name: 'reason', autocomplete: 'off' });
  const prioritise = form(
    'panel-priority-form',
    'Set the priority',
    field('Priority', priority),
    field('Reason for the priority', priorityReason),
    element('button', { type: 'submit' }, 'Set priority'),
  );
  const assignee = element('select', { id: 'panel-assignee-select', name: 'assignee' });
  const assign = form('panel-assign-form', 'Assign the ticket', field('Assign to', assignee), element('button', { type: 'submit' }, 'Assign'));
  const commentBody = element('textarea', { id: 'panel-comment-body', name: 'body', rows: '3' });
  const comment = form('panel-comment-form', 'Add a comment', field('Comment', commentBody), element('button', { type: 'submit' }, 'Add comment'));

  const section = (heading: string, ...children: Node[]) => element('section', {}, element('h3', {}, heading), ...children);
  const root = element(
    'aside',
    { class: 'ticket-panel', id: 'ticket-panel', 'data-testid': 'ticket-panel', 'aria-labelledby': 'panel-title', hidden: '' },
    element('header', {}, title, close),
    error,
    facts,
    section('Description', description),
    section('Why this priority', reasons),
    section('Act', move, prioritise, assign),
    section('History', history),
    section('Comments', comments, comment),
  );
  return {
    root,
    title,
    close,
    error,
    facts,
    description,
    reasons,
    history,
    comments,
    move,
    moveStatus,
    moveReason,
    prioritise,
    priority,
    priorityReason,
    assign,
    assignee,
    comment,
    commentBody,
  };
}

export type PanelElements = ReturnType<typeof buildPanel>;

const at = (iso: string) => element('time', { datetime: iso }, dueFormat.format(Date.parse(iso)));

/** "in 40 min (Mon 30 Nov, 10:15)"; met deadlines say when. */
function deadline(dueAt: string, metAt: string | null, now: number): Array<Node | string> {
  if (metAt) return ['met ', at(metAt)];
  return [relativeTime(Date.parse(dueAt), now), ' (', at(dueAt), ')'];
}

function duration(seconds: number): string {
  if (seconds === 0) return 'none';
  return seconds < 60 ? `${seconds} s` : timeSpan(seconds * 1000);
}

function facts(ticket: TicketDetail, now: number): Node[] {
  const row = (name: string, testId: string, ...value: Array<Node | string>) => [
    element('dt', {}, name),
    element('dd', { 'data-testid': testId }, ...value),
  ];
  const closed = ticket.status === 'RESOLVED' || ticket.status === 'CLOSED';
  return [
    ...row('Status', 'panel-status', ticket.status),
    ...row('Priority', 'panel-priority', ticket.priority),
    ...row('Location', 'panel-location', ticket.location ?? '—'),
    ...row('Reporter', 'panel-reporter', ticket.reporter.name),
    ...row('Assignee', 'panel-assignee', ticket.assignee?.name ?? 'nobody yet'),
    ...row('Response due', 'panel-response-due', ...deadline(ticket.responseDueAt, ticket.respondedAt, now)),
    ...row('Resolution due', 'panel-sla-due', ...(closed ? [ticket.status] : deadline(ticket.slaDueAt, null, now))),
    ...row('Paused', 'panel-paused', duration(ticket.pausedSeconds)),
  ];
}

function change(entry: TicketDetail['history'][number], staffName: (id: string) => string | undefined): string {
  switch (entry.kind) {
    case 'CREATED':
      return 'reported it';
    case 'STATUS':
      return `moved it ${entry.from ?? '—'} → ${entry.to ?? '—'}`;
    case 'PRIORITY':
      return `set the priority ${entry.from ?? '—'} → ${entry.to ?? '—'}`;
    case 'ASSIGNEE':
      return `assigned it to ${(entry.to && staffName(entry.to)) ?? 'someone'}`;
    case 'COMMENT':
      return 'commented';
    case 'DUPLICATE':
      return entry.to ? 'marked it a duplicate' : 'unlinked it from its original';
  }
}

/** Shows `ticket`; the forms keep what is typed in them. */
export function renderPanel(ui: PanelElements, ticket: TicketDetail, staff: readonly StaffMember[], now: number): void {
  ui.title.textContent = ticket.title;
  ui.facts.replaceChildren(...facts(ticket, now));
  ui.description.textContent = ticket.description;
  ui.reasons.replaceChildren(...ticket.priorityReasons.map((reason) => element('li', {}, reason)));

  const staffName = (id: string) => staff.find((member) => member.id === id)?.name;
  ui.history.replaceChildren(
    ...ticket.history.map((entry) =>
      element(
        'li',
        {},
        at(entry.changedAt),
        ` ${entry.changedBy.name} ${change(entry, staffName)}`,
        ...(entry.reason ? [`: “${entry.reason}”`] : []),
      ),
    ),
  );
  ui.comments.replaceChildren(
    ...(ticket.comments.length > 0
      ? ticket.comments.map((c) => element('li', {}, element('strong', {}, c.author.name), ' ', at(c.createdAt), element('p', {}, c.body)))
      : [element('li', { class: 'empty' }, 'No comments yet.')]),
  );

  const moves = STATUS_MOVES[ticket.status];
  options(
    ui.moveStatus,
    moves.map((status) => ({ value: status, text: STATUS_NAMES[status] })),
  );
  fieldsetOf(ui.move).disabled = moves.length === 0;
  follow(ui.priority, ticket.priority);
  options(ui.assignee, [{ value: '', text: 'Choose a member of staff' }, ...staff.map((member) => ({ value: member.id, text: member.name }))]);
  follow(ui.assignee, ticket.assignee?.id ?? '');
}

const fieldsetOf = (form: HTMLFormElement) => form.querySelector('fieldset') as HTMLFieldSetElement;

/** Another ticket: what was typed or chosen for the last one goes. */
export function resetPanelForms(ui: PanelElements): void {
  for (const form of [ui.move, ui.prioritise, ui.assign, ui.comment]) form.reset();
  delete ui.priority.dataset.shown;
  delete ui.assignee.dataset.shown;
}

export function showPanelError(ui: PanelElements, message: string | undefined): void {
  ui.error.hidden = !message;
  ui.error.textContent = message ?? '';
}
