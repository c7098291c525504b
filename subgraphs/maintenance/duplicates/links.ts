/**
 * Duplicate links: a new ticket is linked to the open one it repeats, and an ADMIN links and
 * unlinks by hand. Links stay one level deep (a duplicate points at an original that is no
 * duplicate itself), so a cycle could only be two tickets pointing at each other, and that is
 * refused under locks taken in one order.
 *
 * `unmarkDuplicate` of a ticket that is no duplicate returns it unchanged (no history, no event),
 * like assigning a ticket to its assignee: a retried request does no harm.
 */
import { ticketEvent } from '../ticketEvents';
import type { Knex } from 'knex';
import type { AuthUser } from '../../../lib/auth';
import { badInput, conflict, notFound } from '../../../lib/errors';
import { appendEvent } from '../../../lib/outbox';
import { requireId } from '../../../lib/validation';
import type { TicketRow } from '../store';
import { DUPLICATE_THRESHOLD, prepareSimilarity, ticketSimilarity } from './similarity';
import { DuplicateStore, UNRESOLVED, type DuplicateCandidate } from './store';

/** Concurrent links may move an original between our look and our lock; we look again this often. */
const MAX_ATTEMPTS = 5;
const RETRY = Symbol('retry');

/** The candidate most like the new ticket, if it is alike enough (the oldest wins a tie). */
export function mostSimilar(ticket: TicketRow, candidates: DuplicateCandidate[]): { candidate: DuplicateCandidate; similarity: number } | null {
  let best: { candidate: DuplicateCandidate; similarity: number } | null = null;
  for (const candidate of candidates) {
    const similarity = ticketSimilarity(ticket, candidate);
    if (similarity >= DUPLICATE_THRESHOLD && (!best || similarity > best.similarity)) best = { candidate, similarity };
  }
  return best;
}

export class DuplicateLinks {
  readonly store: DuplicateStore;

  constructor(private readonly knex: Knex) {
    this.store = new DuplicateStore(knex);
    prepareSimilarity();
  }

  /**
   * In the transaction that creates `ticket`: links it to the original of the most similar open
   * ticket at its room or location, and returns that original's id (null when none).
   */
  async linkNew(trx: Knex.Transaction, ticket: TicketRow): Promise<string | null> {
    const best = mostSimilar(ticket, await this.store.candidates(trx, ticket));
    if (!best) return null;
    const rootId = best.candidate.root_id;
    // Locked, then checked: an ADMIN may have just linked or closed it.
    const root = (await this.store.lockInOrder(trx, [rootId])).get(rootId);
    if (!root || root.duplicate_of !== null || !(UNRESOLVED as readonly string[]).includes(root.status)) return null;
    await this.store.setOriginal(trx, ticket.id, rootId);
    const reason = `Linked automatically: very similar text at the same place within 7 days (similarity ${best.similarity.toFixed(2)})`;
    await this.store.recordLink(trx, { ticketId: ticket.id, from: null, to: rootId, changedBy: ticket.reporter_id, reason });
    await this.announce(trx, root, null, ticket.id, ticket.reporter_id);
    return rootId;
  }

  async mark(caller: AuthUser, idInput: string, ofInput: string): Promise<TicketRow> {
    const id = requireId('id', idInput);
    const of = requireId('of', ofInput);
    if (id === of) throw badInput('of', 'a ticket cannot be a duplicate of itself');
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const result = await this.knex.transaction((trx) => this.tryMark(trx, caller, id, of));
      if (result !== RETRY) return result;
    }
    throw conflict('The tickets kept changing while being linked; try again');
  }

  /** One attempt: look up the original's root, lock every ticket involved in id order, and check nothing moved. */
  private async tryMark(trx: Knex.Transaction, caller: AuthUser, id: string, of: string): Promise<TicketRow | typeof RETRY> {
    const seen = await this.store.peek(trx, of);
    if (!seen) throw notFound('Ticket');
    const rootId = seen.duplicate_of ?? seen.id;
    if (rootId === id) throw badInput('of', 'is a duplicate of this ticket: linking them would make a cycle');
    // The ticket's own duplicates will follow it, so they are locked in the same order too.
    const duplicates = await this.store.duplicateIdsOf(trx, id);
    const locked = await this.store.lockInOrder(trx, [id, of, rootId, ...duplicates]);
    const ticket = locked.get(id);
    if (!ticket) throw notFound('Ticket');
    const original = locked.get(of);
    const root = locked.get(rootId);
    if (!original || !root || (original.duplicate_of ?? original.id) !== rootId || root.duplicate_of !== null) return RETRY;
    if ((await this.store.duplicateIdsOf(trx, id)).join() !== duplicates.join()) return RETRY;
    if (ticket.duplicate_of === rootId) return ticket;

    const linked = await this.store.setOriginal(trx, id, rootId);
    await this.store.recordLink(trx, { ticketId: id, from: ticket.duplicate_of, to: rootId, changedBy: caller.id, reason: null });
    await this.announce(trx, linked, ticket.duplicate_of, rootId, caller.id);
    if (ticket.duplicate_of) await this.announceOriginal(trx, ticket.duplicate_of, id, null, caller.id);
    await this.announce(trx, root, null, id, caller.id);
    // The ticket's own duplicates follow it to its original, keeping links one level deep.
    for (const moved of await this.store.moveDuplicates(trx, id, rootId)) {
      const reason = 'Its original was marked a duplicate of another ticket';
      await this.store.recordLink(trx, { ticketId: moved.id, from: id, to: rootId, changedBy: caller.id, reason });
      await this.announce(trx, moved, id, rootId, caller.id);
    }
    return linked;
  }

  async unmark(caller: AuthUser, idInput: string): Promise<TicketRow> {
    const id = requireId('id', idInput);
    return this.knex.transaction(async (trx) => {
      const ticket = (await this.store.lockInOrder(trx, [id])).get(id);
      if (!ticket) throw notFound('Ticket');
      if (ticket.duplicate_of === null) return ticket;
      const unlinked = await this.store.setOriginal(trx, id, null);
      await this.store.recordLink(trx, { ticketId: id, from: ticket.duplicate_of, to: null, changedBy: caller.id, reason: null });
      await this.announce(trx, unlinked, ticket.duplicate_of, null, caller.id);
      await this.announceOriginal(trx, ticket.duplicate_of, id, null, caller.id);
      return unlinked;
    });
  }

  /** The reporters of a ticket's duplicates, for its status-change event. */
  duplicateReporterIds(trx: Knex.Transaction, ticketId: string): Promise<string[]> {
    return this.store.duplicateReporterIds(trx, ticketId);
  }

  /**
   * A `ticket.duplicate_changed` event for `ticketUpdated` subscribers of `ticket`: for a
   * duplicate, `from`/`to` are its original before and after; for an original, `to` is the
   * duplicate added (or `from` the one removed).
   */
  private async announce(trx: Knex.Transaction, ticket: TicketRow, from: string | null, to: string | null, changedBy: string): Promise<void> {
    await appendEvent(trx, 'ticket.duplicate_changed', ticket.id, ticketEvent(ticket, { from, to, changedBy }));
  }

  private async announceOriginal(
    trx: Knex.Transaction,
    originalId: string,
    from: string | null,
    to: string | null,
    changedBy: string,
  ): Promise<void> {
    const original = await this.store.peek(trx, originalId);
    if (original) await this.announce(trx, original, from, to, changedBy);
  }
}
