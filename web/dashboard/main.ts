/**
 * The maintenance dashboard at GET /dashboard: an ADMIN signs in, watches the open tickets live,
 * and opens one (click, or Enter on its focused row) to act on it in the ticket panel.
 */
import './dashboard.css';
import { TicketBoard } from './board';
import { endpointOf, GraphQLRequestError } from './api';
import { BellState, followNotifications } from './bell';
import { followOpenTickets, type LiveBoard } from './live';
import { TicketPanel } from './panel';
import { gatewaySessionApi, NotAnAdminError, Session, type SessionUser } from './session';
import { renderBell, renderBoard, renderLiveState, rowOf } from './view';

/** Relative due times and OVERDUE badges change with the clock, not only with events. */
const CLOCK_TICK_MS = 30_000;

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The dashboard page has no #${id}`);
  return found;
}

const ui = {
  signInForm: byId('sign-in', HTMLFormElement),
  signInError: byId('sign-in-error', HTMLElement),
  account: byId('account', HTMLElement),
  signedInAs: byId('signed-in-as', HTMLElement),
  liveState: byId('live-state', HTMLElement),
  signOut: byId('sign-out', HTMLButtonElement),
  /** Holds the board and, beside it, the ticket panel. */
  main: byId('board', HTMLElement).parentElement as HTMLElement,
  board: byId('board', HTMLElement),
  bell: byId('bell', HTMLButtonElement),
  bellCount: byId('bell-count', HTMLElement),
  bellList: byId('bell-list', HTMLOListElement),
};

const endpoint = endpointOf(window.location);
const session = new Session(gatewaySessionApi(endpoint), window.sessionStorage);
let watching: { live: LiveBoard; bell: { stop(): void }; panel: TicketPanel; clock: ReturnType<typeof setInterval> } | undefined;
let bell = new BellState();

function stopWatching(): void {
  if (!watching) return;
  watching.live.stop();
  watching.bell.stop();
  watching.panel.close();
  watching.panel.ui.root.remove();
  clearInterval(watching.clock);
  watching = undefined;
}

function showSignIn(message?: string): void {
  stopWatching();
  ui.account.hidden = true;
  ui.board.hidden = true;
  ui.signInForm.hidden = false;
  ui.signInError.hidden = !message;
  ui.signInError.textContent = message ?? '';
}

function showBoard(user: SessionUser): void {
  stopWatching();
  ui.signInForm.hidden = true;
  ui.signedInAs.textContent = user.name;
  ui.account.hidden = false;
  ui.board.hidden = false;
  ui.board.textContent = 'Loading open tickets…';

  const board = new TicketBoard();
  let loaded = false;
  const render = () => renderBoard(ui.board, board, Date.now(), panel.openTicketId);
  const panel = new TicketPanel({
    endpoint,
    accessToken: () => session.accessToken(),
    onTicket: (ticket) => board.apply(ticket) && loaded && render(),
    onOpenChanged: (ticketId, previous) => {
      ui.main.classList.toggle('with-panel', Boolean(ticketId));
      render();
      // Closed: the keyboard goes back to the ticket's row.
      if (!ticketId && previous) rowOf(ui.board, previous)?.focus();
    },
  });
  ui.board.after(panel.ui.root);
  const live = followOpenTickets({
    endpoint,
    board,
    accessToken: () => session.accessToken(),
    tokenRejected: () => session.discardAccessToken(),
    onChange: (ticketId) => {
      loaded = true;
      render();
      panel.changed(ticketId);
    },
    onState: (state) => renderLiveState(ui.liveState, state),
    onSessionEnded: (error) => showSignIn(error.message),
  });
  bell = new BellState();
  renderBell(ui, bell);
  const notifications = followNotifications({
    endpoint,
    accessToken: () => session.accessToken(),
    onNotification: (notification) => {
      bell.add(notification);
      renderBell(ui, bell);
    },
  });
  const tick = () => {
    if (loaded) render();
    panel.tick();
  };
  watching = { live, bell: notifications, panel, clock: setInterval(tick, CLOCK_TICK_MS) };
}

function signInFailure(error: unknown): string {
  if (error instanceof NotAnAdminError || error instanceof GraphQLRequestError) return error.message;
  return 'The gateway could not be reached. Please try again.';
}

ui.signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(ui.signInForm);
  const submit = ui.signInForm.querySelector('button[type="submit"]');
  if (submit instanceof HTMLButtonElement) submit.disabled = true;
  try {
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const user = await session.signIn(text('email'), text('password'));
    ui.signInForm.reset();
    showBoard(user);
  } catch (error) {
    showSignIn(signInFailure(error));
  } finally {
    if (submit instanceof HTMLButtonElement) submit.disabled = false;
  }
});

/** A ticket's row, where a click or a key landed on the board. */
function ticketIdAt(target: EventTarget | null): string | undefined {
  return target instanceof Element ? target.closest<HTMLElement>('tr[data-ticket-id]')?.dataset.ticketId : undefined;
}

ui.board.addEventListener('click', (event) => {
  const ticketId = ticketIdAt(event.target);
  if (ticketId) void watching?.panel.open(ticketId);
});

ui.board.addEventListener('keydown', (event) => {
  const ticketId = ticketIdAt(event.target);
  if (ticketId && event.key === 'Enter') {
    event.preventDefault();
    void watching?.panel.open(ticketId);
  } else if (event.key === 'Escape') {
    watching?.panel.close();
  }
});

ui.bell.addEventListener('click', () => {
  ui.bellList.hidden = !ui.bellList.hidden;
  ui.bell.setAttribute('aria-expanded', String(!ui.bellList.hidden));
  if (!ui.bellList.hidden) bell.markSeen();
  renderBell(ui, bell);
});

ui.signOut.addEventListener('click', async () => {
  stopWatching();
  await session.signOut();
  showSignIn();
});

// A reload in the same tab keeps the session (sessionStorage).
if (session.user) showBoard(session.user);
else showSignIn();
