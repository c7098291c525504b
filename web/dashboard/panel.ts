/**
 * The ticket panel: an ADMIN opens a ticket from the board and acts on it (moves its status,
 * sets its priority, assigns it, comments). The API decides every rule; what it refuses is shown
 * in the panel with its message. The panel reloads its ticket after each action and whenever the
 * board hears that the ticket changed, so every open dashboard shows every change.
 */
import type { TicketPriority, TicketStatus } from '../__generated__/graphql';
import {
  AssignableStaffDocument,
  AssignTicketDocument,
  CommentOnTicketDocument,
  MoveTicketDocument,
  SetTicketPriorityDocument,
  TicketDetailDocument,
} from '../__generated__/graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLRequestError, request, type GatewayEndpoint } from './api';
import type { BoardTicket } from './board';
import { buildPanel, renderPanel, resetPanelForms, showPanelError, type StaffMember, type TicketDetail } from './panelView';

export interface TicketPanelOptions {
  endpoint: GatewayEndpoint;
  accessToken(): Promise<string>;
  /** An action's answer: the board may show it before the live event arrives. */
  onTicket(ticket: BoardTicket): void;
  /** The panel opened a ticket, or closed (`undefined`) the one it had: the board marks the open one. */
  onOpenChanged(ticketId: string | undefined, previous: string | undefined): void;
}

const text = (form: HTMLFormElement, name: string): string => {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
};

/** An optional reason left empty is no reason; the API checks the rest. */
const optional = (value: string): string | null => (value.trim() === '' ? null : value);

export class TicketPanel {
  readonly ui = buildPanel();
  private ticketId: string | undefined;
  private shown: TicketDetail | undefined;
  private staff: StaffMember[] = [];
  /** Counts loads asked for; only the latest one's answer is shown. */
  private generation = 0;
  /** The error shown is a failed load (the next good load clears it), not an action's refusal (the next action does). */
  private loadFailed = false;

  constructor(private readonly options: TicketPanelOptions) {
    this.ui.close.addEventListener('click', () => this.close());
    this.ui.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    this.act(this.ui.move, async (id) => {
      const reason = optional(text(this.ui.move, 'reason'));
      const data = await this.send(MoveTicketDocument, { id, status: text(this.ui.move, 'status') as TicketStatus, reason });
      this.ui.moveReason.value = '';
      return data.updateTicketStatus;
    });
    this.act(this.ui.prioritise, async (id) => {
      const reason = optional(text(this.ui.prioritise, 'reason'));
      const data = await this.send(SetTicketPriorityDocument, { id, priority: text(this.ui.prioritise, 'priority') as TicketPriority, reason });
      this.ui.priorityReason.value = '';
      return data.setTicketPriority;
    });
    this.act(
      this.ui.assign,
      async (id) => (await this.send(AssignTicketDocument, { id, assigneeId: text(this.ui.assign, 'assignee') })).assignTicket,
    );
    this.act(this.ui.comment, async (id) => {
      await this.send(CommentOnTicketDocument, { ticketId: id, body: text(this.ui.comment, 'body') });
      this.ui.commentBody.value = '';
    });
  }

  get openTicketId(): string | undefined {
    return this.ticketId;
  }

  /** Shows the ticket and moves the focus to its title. */
  async open(ticketId: string): Promise<void> {
    if (ticketId !== this.ticketId) {
      resetPanelForms(this.ui);
      this.showError(undefined);
      this.shown = undefined;
      this.ui.title.textContent = 'Loading the ticket…';
    }
    const previous = this.ticketId;
    this.ticketId = ticketId;
    this.ui.root.hidden = false;
    this.ui.title.focus();
    this.options.onOpenChanged(ticketId, previous);
    // Staff come and go: the choice is fresh on every open.
    await this.loadStaff();
    await this.reload();
  }

  close(): void {
    const previous = this.ticketId;
    if (!previous) return;
    this.ticketId = undefined;
    this.shown = undefined;
    this.generation++;
    this.ui.root.hidden = true;
    this.options.onOpenChanged(undefined, previous);
  }

  /** The board heard of a change to `ticketId` (or, none named, to any): reload when it may be the one shown. */
  changed(ticketId?: string): void {
    if (this.ticketId && (ticketId === undefined || ticketId === this.ticketId)) void this.reload();
  }

  /** Relative times change with the clock. */
  tick(): void {
    if (this.shown) renderPanel(this.ui, this.shown, this.staff, Date.now());
  }

  private async reload(): Promise<void> {
    const ticketId = this.ticketId;
    if (!ticketId) return;
    const mine = ++this.generation;
    try {
      const { ticket } = await this.send(TicketDetailDocument, { id: ticketId });
      if (mine !== this.generation) return;
      if (!ticket) return this.loadFailure('This ticket no longer exists.');
      this.shown = ticket;
      renderPanel(this.ui, ticket, this.staff, Date.now());
      if (this.loadFailed) this.showError(undefined);
    } catch (error) {
      if (mine === this.generation) this.loadFailure(messageOf(error));
    }
  }

  private async loadStaff(): Promise<void> {
    try {
      const { faculty, admins } = await this.send(AssignableStaffDocument, {});
      this.staff = [...faculty, ...admins].sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      this.loadFailure(`Could not load the staff to assign: ${messageOf(error)}`);
    }
  }

  private loadFailure(message: string): void {
    this.showError(message);
    this.loadFailed = true;
  }

  private showError(message: string | undefined): void {
    showPanelError(this.ui, message);
    this.loadFailed = false;
  }

  /** Runs `action` on submit (once at a time), then shows the API's refusal or the changed ticket. */
  private act(form: HTMLFormElement, action: (ticketId: string) => Promise<BoardTicket | void>): void {
    let busy = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const ticketId = this.ticketId;
      if (busy || !ticketId) return;
      busy = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const changed = await action(ticketId);
        this.showError(undefined);
        if (changed) this.options.onTicket(changed);
        await this.reload();
      } catch (error) {
        this.showError(messageOf(error));
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    });
  }

  private async send<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
    return request(this.options.endpoint, document, variables, await this.options.accessToken());
  }
}

/** The API's own message (GraphQLRequestError), or why the request did not get through. */
function messageOf(error: unknown): string {
  if (error instanceof GraphQLRequestError) return error.message;
  if (error instanceof TypeError) return 'The gateway could not be reached. Please try again.';
  return error instanceof Error ? error.message : String(error);
}
