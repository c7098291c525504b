/**
 * The booking jobs, driven by due times in the database, never by in-memory timers: releases
 * after the check-in window, reminders, expiring waitlist entries, closure cancellations. Each
 * batch claims its rows with FOR UPDATE SKIP LOCKED and clears their due time (or changes their
 * status) in the transaction that does the effect and writes its outbox event, so several
 * instances at once, or a restart in the middle, still do each effect exactly once.
 */
import type { Knex } from 'knex';
import type { Logger } from '../../lib/logger';
import { appendEvent } from '../../lib/outbox';
import { DueTimeJob } from '../../lib/dueTimeJob';
import type { BackgroundWorker } from '../../lib/subgraphServer';
import type { ClosureRow } from './scheduleStore';
import type { SeriesService } from './series';
import { bookingPayload, type BookingService } from './service';
import { slotByLabel } from './slots';
import type { BookingRow, RoomRow } from './store';

export interface BookingJobsOptions {
  /** How often to look for due work, in ms. */
  pollMs: number;
  /** Rows per transaction. @default 50 */
  batchSize?: number;
}

export interface JobCounts {
  released: number;
  reminded: number;
  expired: number;
  closureCancellations: number;
}

export class BookingJobs implements BackgroundWorker {
  private readonly job: DueTimeJob;
  private readonly batchSize: number;

  constructor(
    private readonly core: BookingService,
    private readonly series: SeriesService,
    logger: Logger,
    options: BookingJobsOptions,
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.job = new DueTimeJob({
      name: 'booking jobs',
      pollMs: options.pollMs,
      run: () => this.runDue(),
      msUntilNextDue: async () => {
        const next = await this.core.schedule.nextDueAt();
        return next ? next.getTime() - this.core.now().getTime() : null;
      },
      logger,
    });
  }

  start(): Promise<void> {
    return this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Runs the due work now (or right after the run under way). */
  wake(): void {
    this.job.wake();
  }

  /** Does everything due now, batch after batch. */
  async runDue(): Promise<JobCounts> {
    const now = this.core.now();
    return {
      released: await this.drain(() => this.releaseBatch(now)),
      reminded: await this.drain(() => this.reminderBatch(now)),
      expired: await this.core.schedule.expireEntries(now),
      closureCancellations: await this.drain(() => this.closureBatch()),
    };
  }

  private async drain(batch: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await batch();
      total += done;
      if (done === 0) return total;
    }
  }

  private async roomsOf(trx: Knex, bookings: BookingRow[]): Promise<Map<string, RoomRow>> {
    const ids = [...new Set(bookings.map((b) => b.room_id))];
    const rows = ids.length ? await trx<RoomRow>('booking.rooms').comment('jobRooms').whereIn('id', ids) : [];
    return new Map(rows.map((room) => [room.id, room]));
  }

  /** Unchecked bookings past their window become RELEASED; the slot goes to the waitlist. */
  releaseBatch(now: Date): Promise<number> {
    return this.core.knex.transaction(async (trx) => {
      await this.core.schedule.clearIdleReleases(trx, now);
      const due = await this.core.schedule.claimDueReleases(trx, now, this.batchSize);
      const rooms = await this.roomsOf(trx, due);
      for (const booking of due) {
        const released = await this.core.schedule.markReleased(trx, booking.id);
        await appendEvent(trx, 'booking.released', booking.id, bookingPayload(released, rooms.get(booking.room_id)!));
        await this.series.countRelease(trx, released);
        await this.core.freeSlot(trx, released);
      }
      return due.length;
    });
  }

  reminderBatch(now: Date): Promise<number> {
    return this.core.knex.transaction(async (trx) => {
      const due = await this.core.schedule.claimDueReminders(trx, now, this.batchSize);
      const rooms = await this.roomsOf(trx, due);
      for (const booking of due) {
        const startsAt = this.core.slotTimes(booking.date, slotByLabel(booking.time_slot)!).start.toISOString();
        await appendEvent(trx, 'booking.reminder', booking.id, { ...bookingPayload(booking, rooms.get(booking.room_id)!), startsAt });
      }
      return due.length;
    });
  }

  /** Cancels one batch of a pending closure's bookings, then its waitlist entries, then marks it done. */
  closureBatch(): Promise<number> {
    return this.core.knex.transaction(async (trx) => {
      const closure = await this.core.schedule.claimPendingClosure(trx);
      if (!closure) return 0;
      const cancelled = await this.cancelBookingsIn(trx, closure);
      const expired = cancelled < this.batchSize ? await this.cancelEntriesIn(trx, closure, this.batchSize - cancelled) : 0;
      if (cancelled + expired < this.batchSize) await this.core.schedule.markClosureDone(trx, closure.id);
      return cancelled + expired + 1;
    });
  }

  private async cancelBookingsIn(trx: Knex.Transaction, closure: ClosureRow): Promise<number> {
    const bookings = await this.core.schedule.lockBookingsInClosure(trx, closure, this.core.moment().date, this.batchSize);
    const rooms = await this.roomsOf(trx, bookings);
    for (const booking of bookings) {
      await this.core.store.markCancelled(trx, booking.id, closure.created_by);
      const payload = {
        ...bookingPayload(booking, rooms.get(booking.room_id)!),
        cancelledBy: closure.created_by,
        reason: `closed: ${closure.reason}`,
      };
      await appendEvent(trx, 'booking.cancelled', booking.id, payload);
    }
    return bookings.length;
  }

  private async cancelEntriesIn(trx: Knex.Transaction, closure: ClosureRow, limit: number): Promise<number> {
    const entries = await this.core.schedule.lockEntriesInClosure(trx, closure, limit);
    const rooms = await this.roomsOf(
      trx,
      entries.map((e) => ({ room_id: e.room_id }) as BookingRow),
    );
    for (const entry of entries) {
      await this.core.schedule.setEntryStatus(trx, entry.id, 'EXPIRED');
      await appendEvent(trx, 'waitlist.cancelled', entry.id, {
        entryId: entry.id,
        userId: entry.user_id,
        roomName: rooms.get(entry.room_id)!.name,
        date: entry.date,
        timeSlot: entry.time_slot,
        reason: `closed: ${closure.reason}`,
      });
    }
    return entries.length;
  }
}
