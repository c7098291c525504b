/**
 * Faults that put rooms out of service, as the maintenance subgraph reports them through the
 * outbox (a CRITICAL ticket on a room opened, then resolved). Booking keeps its own record
 * (`booking.room_faults`): while a room has one, `Room.outOfService` is true and every way of
 * making a booking refuses it with CONFLICT naming the fault.
 *
 * Holders of ACTIVE bookings in the room, from now to `noticeDays` ahead, are told once per
 * out-of-service period (overlapping faults make one), with a free room of at least the same size
 * at the same date and slot suggested: when the fault opens, and by a sweep for bookings that come
 * into that window while it lasts. Their bookings are
 * kept, not cancelled: the fault may be fixed in time, and the holder decides whether to move.
 * When the ticket is resolved the fault row is deleted and the room can be booked again.
 */
import type { Knex } from 'knex';
import type { Logger } from '../../lib/logger';
import { PeriodicTask } from '../../lib/periodicTask';
import type { BackgroundWorker } from '../../lib/subgraphServer';
import { addDays } from '../../lib/campusTime';
import { appendEvents, type OutboxEvent, type RoomFaultEventPayload, type RoomOutOfServicePayload } from '../../lib/outbox';
import type { FaultRow } from './faultStore';
import { bookingPayload, type BookingService } from './service';
import type { BookingRow, RoomRow } from './store';

/** Faults reported by maintenance carry the ticket's id as their reference. */
const MAINTENANCE = 'maintenance';
/** `room_faults.description` holds at most this many characters. */
const DESCRIPTION_LIMIT = 500;

export interface RoomFaultsOptions {
  /** Bookings up to this many days ahead (and today's slots still to start) are noticed. @default 7 */
  noticeDays: number;
}

export class RoomFaults {
  constructor(
    private readonly core: BookingService,
    private readonly logger: Logger,
    private readonly options: RoomFaultsOptions,
  ) {}

  /** The booking outbox consumer's share: room faults opened and cleared, in event order. */
  async handleEvents(trx: Knex.Transaction, events: OutboxEvent[]): Promise<void> {
    for (const event of events) {
      if (event.topic !== 'ticket.room_fault_opened' && event.topic !== 'ticket.room_fault_cleared') continue;
      const fault = event.payload as RoomFaultEventPayload;
      if (!(await this.core.faults.claimNewest(trx, { source: MAINTENANCE, reference: fault.ticketId }, event.id))) continue;
      if (event.topic === 'ticket.room_fault_opened') await this.open(trx, fault);
      else await this.clear(trx, fault);
    }
  }

  private async open(trx: Knex.Transaction, fault: RoomFaultEventPayload): Promise<void> {
    // Bookings being made finish first (and are noticed below); later ones see the fault.
    await this.core.schedule.exclusiveClosureLock(trx);
    const room = await this.core.store.roomExists(fault.roomId, trx);
    if (!room) {
      // Maintenance checked the room; an event naming none cannot be retried into success.
      this.logger.warn({ fault }, 'room fault for an unknown room ignored');
      return;
    }
    const key = { source: MAINTENANCE, reference: fault.ticketId, roomId: room.id };
    const recorded = await this.core.faults.add(trx, { ...key, description: fault.title.slice(0, DESCRIPTION_LIMIT) });
    await this.noticeHolders(trx, room, recorded);
  }

  private async clear(trx: Knex.Transaction, fault: RoomFaultEventPayload): Promise<void> {
    await this.core.faults.remove(trx, { source: MAINTENANCE, reference: fault.ticketId, roomId: fault.roomId });
  }

  /**
   * The sweep: while a fault lasts, each new day brings bookings into the notice window; their
   * holders are told then. Returns how many were told.
   */
  async noticeNewlyInWindow(): Promise<number> {
    // Most of the time no room has a fault: then no lock is taken at all.
    if ((await this.core.faults.oldestPerRoom(this.core.knex)).length === 0) return 0;
    return this.core.knex.transaction(async (trx) => {
      await this.core.schedule.exclusiveClosureLock(trx);
      let told = 0;
      for (const fault of await this.core.faults.oldestPerRoom(trx)) {
        told += await this.noticeHolders(trx, (await this.core.store.roomExists(fault.room_id, trx))!, fault);
      }
      return told;
    });
  }

  /** Runs the sweep every `everyMs`: a database-driven job (the notice rows), safe to run anywhere, any number of times. */
  sweeper(everyMs: number): BackgroundWorker {
    return new PeriodicTask('room fault notices', everyMs, () => this.noticeNewlyInWindow(), this.logger);
  }

  /** Tells each holder not told of this period yet, suggesting the smallest free room that fits their slot; returns how many. */
  private async noticeHolders(trx: Knex.Transaction, room: RoomRow, fault: FaultRow): Promise<number> {
    const now = this.core.moment();
    const afterTime = `${String(Math.floor(now.minutes / 60)).padStart(2, '0')}:${String(now.minutes % 60).padStart(2, '0')}`;
    const window = { today: now.date, afterTime, until: addDays(now.date, this.options.noticeDays) };
    const bookings = await this.core.faults.noticeBookings(trx, fault, window);
    const notices: Array<{ aggregateId: string; payload: RoomOutOfServicePayload }> = [];
    for (const booking of bookings) {
      const suggestedRoom = await this.suggestion(trx, booking, room);
      notices.push({
        aggregateId: booking.id,
        payload: { ...bookingPayload(booking, room), fault: fault.description ?? 'a reported fault', suggestedRoom },
      });
    }
    await appendEvents(trx, 'booking.room_out_of_service', notices);
    return bookings.length;
  }

  private async suggestion(trx: Knex, booking: BookingRow, room: RoomRow): Promise<RoomOutOfServicePayload['suggestedRoom']> {
    const filter = { date: booking.date, timeSlot: booking.time_slot, minCapacity: room.capacity, amenities: [], limit: 1, offset: 0 };
    const [free] = await this.core.schedule.freeRooms(filter, trx);
    return free ? { id: free.id, name: free.name, capacity: free.capacity } : null;
  }
}
