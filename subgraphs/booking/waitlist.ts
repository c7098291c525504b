/**
 * Waitlists: a queue per taken slot, served in order in the transaction that frees the slot.
 * One advisory lock per slot serialises joining and serving, so the queue's length limit holds
 * under races and nobody is served twice (the entry becomes SERVED with its booking).
 */
import type { Knex } from 'knex';
import type { AuthUser } from '../../lib/auth';
import { badInput, conflict, notFound } from '../../lib/errors';
import { appendEvent } from '../../lib/outbox';
import { requireId } from '../../lib/validation';
import type { SlotKey, WaitlistRow, WaitlistStatus } from './scheduleStore';
import { bookingPayload, type BookingService } from './service';
import { slotByLabel } from './slots';
import type { BookingRow, NewBooking } from './store';

/** Slots one person may wait for at once, so that nobody can queue for the whole campus. */
export const WAITLIST_MAX_PER_PERSON = 20;

interface PgError {
  code?: string;
  constraint?: string;
}

/** Books in a savepoint: null when the person holds another room then, 'taken' when the slot is. */
async function tryBook(core: BookingService, trx: Knex.Transaction, booking: NewBooking): Promise<BookingRow | null | 'taken'> {
  try {
    return await trx.transaction((savepoint) => core.store.insertBooking(savepoint, booking));
  } catch (error) {
    const pg = error as PgError;
    if (pg.code !== '23505') throw error;
    return pg.constraint === 'bookings_user_slot_active' ? null : 'taken';
  }
}

/**
 * Gives a freed slot to the first entry still eligible (not holding another room then), marks it
 * SERVED and notifies; returns the new booking, or null when nobody could be served.
 */
export async function serveQueue(core: BookingService, trx: Knex.Transaction, slot: SlotKey): Promise<BookingRow | null> {
  await core.schedule.lockSlotQueue(trx, slot);
  const queue = await core.schedule.lockQueue(trx, slot);
  if (queue.length === 0) return null;
  if ((await core.schedule.isOutOfService(trx, slot.roomId)) || (await core.schedule.closureReason(trx, slot))) return null;
  for (const entry of queue) {
    const booking = await tryBook(core, trx, core.newBooking(entry.user_id, slot));
    if (booking === 'taken') return null;
    if (!booking) continue;
    await core.schedule.setEntryStatus(trx, entry.id, 'SERVED', booking.id);
    const room = (await core.store.roomExists(slot.roomId, trx))!;
    await appendEvent(trx, 'waitlist.served', booking.id, { ...bookingPayload(booking, room), entryId: entry.id });
    return booking;
  }
  return null;
}

export class WaitlistService {
  constructor(private readonly core: BookingService) {}

  async join(caller: AuthUser, input: { roomId: string; date: string; timeSlot: string }): Promise<WaitlistRow> {
    const core = this.core;
    return core.knex.transaction(async (trx) => {
      const { key } = await core.openSlot(trx, input);
      await core.schedule.lockSlotQueue(trx, key);
      const holder = await core.schedule.activeBookingAt(trx, key);
      if (!holder) throw badInput('input', 'this slot is free: book it instead');
      if (holder.user_id === caller.id) throw conflict('You already hold this slot');
      if ((await core.schedule.waitingCount(trx, key)) >= core.options.rules.waitlistMaxLength) throw conflict('The waitlist for this slot is full');
      await core.schedule.lockPersonQueues(trx, caller.id);
      if ((await core.schedule.waitingCountOf(trx, caller.id)) >= WAITLIST_MAX_PER_PERSON) {
        throw conflict(`You are already waiting for ${WAITLIST_MAX_PER_PERSON} slots; leave one first`);
      }
      const id = await core.schedule.insertEntry(trx, caller.id, key, core.slotTimes(key.date, slotByLabel(key.timeSlot)!).end);
      return (await core.schedule.entry(trx, id))!;
    });
  }

  async leave(caller: AuthUser, idInput: string): Promise<WaitlistRow> {
    const id = requireId('id', idInput);
    return this.core.knex.transaction(async (trx) => {
      const entry = await this.core.schedule.lockEntry(trx, id);
      if (!entry || entry.user_id !== caller.id) throw notFound('Waitlist entry');
      if (entry.status !== 'WAITING') throw badInput('id', `this entry is already ${entry.status.toLowerCase()}`);
      await this.core.schedule.setEntryStatus(trx, id, 'LEFT');
      return (await this.core.schedule.entry(trx, id))!;
    });
  }

  list(caller: AuthUser, filter: { status?: WaitlistStatus | null; limit: number; offset: number }): Promise<WaitlistRow[]> {
    return this.core.schedule.listEntries(caller.id, filter);
  }
}
