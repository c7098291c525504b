/**
 * Keeps a TicketBoard live over one graphql-ws connection. On every connect (the first and
 * each reconnect) the `ticketUpdated` subscription is in place first, then the open tickets are
 * loaded over the same socket; events that arrive meanwhile are applied on top of that
 * snapshot, so nothing that happened while the socket was down is missed.
 */
import { CloseCode } from 'graphql-ws';
import type { BoardTicketUpdatedSubscription } from '../__generated__/graphql';
import { BoardTicketUpdatedDocument, OpenTicketsDocument } from '../__generated__/graphql';
import type { BoardTicket, TicketBoard } from './board';
import { closeCodeOf, describeSocketError, liveClient, requestOverSocket, socketPayload, type GatewayEndpoint } from './api';
import { SessionEndedError } from './session';

export type LiveState = { kind: 'connecting' } | { kind: 'live' } | { kind: 'interrupted'; reason: string };

export interface LiveBoardOptions {
  endpoint: GatewayEndpoint;
  board: TicketBoard;
  /** Called for every (re)connection; may refresh the token, or throw SessionEndedError. */
  accessToken(): Promise<string>;
  /** The gateway refused the token (4403): the next `accessToken()` should be a refreshed one. */
  tokenRejected(): void;
  /** The board changed: render it again. `ticketId` names the ticket an event was about (none after a snapshot). */
  onChange(ticketId?: string): void;
  onState(state: LiveState): void;
  onSessionEnded(error: SessionEndedError): void;
}

export interface LiveBoard {
  stop(): void;
}

/** The API's cap on `limit`; a full page means the board shows the soonest due ones only. */
export const SNAPSHOT_LIMIT = 100;
const SNAPSHOT_RETRY_MS = 5_000;

/** 0.5 s, 1 s, 2 s, … up to 30 s between attempts after the gateway refused or ended the subscription. */
const resubscribeDelay = (failures: number) => Math.min(30_000, 500 * 2 ** failures);

export function followOpenTickets(options: LiveBoardOptions): LiveBoard {
  const { board } = options;
  let stopped = false;
  let sessionEnded: SessionEndedError | undefined;
  let failures = 0;
  let unsubscribe: (() => void) | undefined;
  let snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  let subscribeTimer: ReturnType<typeof setTimeout> | undefined;
  /** While a snapshot is on its way: the events that arrived since it was asked for. */
  let eventsDuringSnapshot: BoardTicket[] | undefined;
  /** Counts snapshots asked for; only the latest one's answer is used. */
  let generation = 0;

  const client = liveClient(options.endpoint, {
    connectionParams: async () => {
      try {
        return { authorization: `Bearer ${await options.accessToken()}` };
      } catch (error) {
        if (error instanceof SessionEndedError) sessionEnded = error;
        throw error;
      }
    },
    // Dropped connections (network, a gateway restart) reconnect and resubscribe by themselves.
    retryAttempts: Infinity,
    on: {
      connected: () => {
        failures = 0;
        options.onState({ kind: 'live' });
        // After graphql-ws has sent the subscription, which it does right after this event.
        snapshotSoon(0);
      },
      closed: (event) => {
        if (stopped) return;
        if (closeCodeOf(event) === CloseCode.Forbidden) options.tokenRejected();
        options.onState({ kind: 'interrupted', reason: describeSocketError(event) });
      },
    },
  });

  function snapshotSoon(delayMs: number): void {
    clearTimeout(snapshotTimer);
    snapshotTimer = setTimeout(() => void loadSnapshot(), delayMs);
  }

  function resubscribeSoon(): void {
    clearTimeout(subscribeTimer);
    subscribeTimer = setTimeout(() => {
      subscribe();
      // Events were missed while unsubscribed, whether the socket stayed open or not.
      snapshotSoon(0);
    }, resubscribeDelay(failures++));
  }

  function receive(ticket: BoardTicket): void {
    if (eventsDuringSnapshot) eventsDuringSnapshot.push(ticket);
    else if (board.apply(ticket)) options.onChange(ticket.id);
  }

  async function loadSnapshot(): Promise<void> {
    const mine = ++generation;
    const events: BoardTicket[] = [];
    eventsDuringSnapshot = events;
    try {
      const data = await requestOverSocket(client, OpenTicketsDocument, { limit: SNAPSHOT_LIMIT });
      if (stopped || mine !== generation) return;
      const pages = [data.open, data.inProgress, data.onHold];
      board.replace(pages.flat(), events, { complete: pages.every((page) => page.length < SNAPSHOT_LIMIT) });
      eventsDuringSnapshot = undefined;
      options.onChange();
    } catch (error) {
      if (stopped || mine !== generation) return;
      // Keep what the board has, let events flow again, and ask once more a little later.
      eventsDuringSnapshot = undefined;
      let changed = false;
      for (const ticket of events) changed = board.apply(ticket) || changed;
      if (changed) options.onChange();
      options.onState({ kind: 'interrupted', reason: `could not load the open tickets: ${describeSocketError(error)}` });
      snapshotSoon(SNAPSHOT_RETRY_MS);
    }
  }

  function subscribe(): void {
    options.onState({ kind: 'connecting' });
    unsubscribe = client.subscribe<BoardTicketUpdatedSubscription>(socketPayload(BoardTicketUpdatedDocument), {
      next: (result) => {
        if (result.data?.ticketUpdated) receive(result.data.ticketUpdated);
      },
      // Fatal for graphql-ws: an expired token (4401), a refused subscription, no token to be had.
      error: (error) => {
        unsubscribe = undefined;
        if (stopped) return;
        if (sessionEnded) return options.onSessionEnded(sessionEnded);
        options.onState({ kind: 'interrupted', reason: describeSocketError(error) });
        resubscribeSoon();
      },
      complete: () => {
        unsubscribe = undefined;
        if (!stopped) resubscribeSoon();
      },
    });
  }

  subscribe();
  return {
    stop() {
      stopped = true;
      clearTimeout(snapshotTimer);
      clearTimeout(subscribeTimer);
      unsubscribe?.();
      void client.dispose();
    },
  };
}
