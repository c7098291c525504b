/**
 * Weekly series (FACULTY): one set-based insert books every free date of the same room and slot
 * (taken ones are skipped by the unique indexes, closed ones before); with allOrNothing a single
 * skipped date rolls everything back. Three releases in a row cancel the rest.
 */
import type { Knex } from 'knex';
import type { AuthUser } from '../../lib/auth';
import { addDays } from '../../lib/campusTime';
import { badInput, conflict, notFound } from '../../lib/errors';
import { appendEvent } from '../../lib/outbox';
import { requireId } from '../../lib/validation';
import type { SeriesResult, SeriesRow } from './scheduleStore';
import type { BookingService } from './service';
import { hasStarted, slotByLabel } from './slots';
import type { BookingRow } from './store';

export const SERIES_WEEKS = { min: 1, max: 26 } as const;
/** Releases in a row after which the rest of a series is cancelled. */
export const RELEASES_BEFORE_CANCEL = 3;

export interface SeriesInput {
  roomId: string;
  startDate: string;
  timeSlot: string;
  weeks: number;
  allOrNothing?: boolean | null;
}

export class SeriesService {
  constructor(private readonly core: BookingService) {}

  /** Validated dates of the series: every week from the start, all within the horizon. */
  private datesOf(input: SeriesInput): { dates: string[]; timeSlot: string } {
    const core = this.core;
    if (!Number.isInteger(input.weeks) || input.weeks < SERIES_WEEKS.min || input.weeks > SERIES_WEEKS.max) {
      throw badInput('input.weeks', `must be between ${SERIES_WEEKS.min} and ${SERIES_WEEKS.max}`);
    }
    const now = core.moment();
    const startDate = core.requireBookableDate('input.startDate', input.startDate, now.date);
    const slot = core.requireSlot('input.timeSlot', input.timeSlot);
    if (hasStarted(slot, startDate, now)) throw badInput('input.timeSlot', `${slot.label} on ${startDate} has already started`);
    const dates = Array.from({ length: input.weeks }, (_, week) => addDays(startDate, 7 * week));
    const last = addDays(now.date, core.options.horizonDays);
    if (dates[dates.length - 1] > last)
      throw badInput('input.weeks', `the last date must be at most ${core.options.horizonDays} days ahead (${last})`);
    return { dates, timeSlot: slot.label };
  }

  async create(caller: AuthUser, input: SeriesInput): Promise<SeriesResult> {
    const core = this.core;
    const { dates, timeSlot } = this.datesOf(input);
    const roomId = requireId('input.roomId', input.roomId);
    return core.knex.transaction(async (trx) => {
      const room = await core.requireRoom('input.roomId', roomId, trx);
      await core.schedule.shareClosureLock(trx);
      await core.assertInService(trx, room.id);
      const closed = await core.schedule.closedDates(trx, room.id, dates, timeSlot);
      const series = await core.schedule.insertSeries(trx, {
        room_id: room.id,
        user_id: caller.id,
        time_slot: timeSlot,
        start_date: dates[0],
        weeks: dates.length,
      });
      const wanted = dates
        .filter((date) => !closed.has(date))
        .map((date) => core.newBooking(caller.id, { roomId: room.id, date, timeSlot }, series.id));
      const booked = (await core.store.insertBookingsSkippingTaken(trx, wanted)).sort((a, b) => a.date.localeCompare(b.date));
      const bookedDates = new Set(booked.map((b) => b.date));
      const skippedDates = dates.filter((date) => !bookedDates.has(date));
      if (input.allOrNothing && skippedDates.length > 0) {
        const why = skippedDates.map((date) => (closed.has(date) ? `${date} (closed: ${closed.get(date)})` : `${date} (taken)`));
        throw conflict(`Nothing was booked: these dates cannot be booked: ${why.join(', ')}`);
      }
      if (booked.length === 0) {
        await trx('booking.series').comment('dropEmptySeries').where({ id: series.id }).delete();
        return { series: null, booked, skippedDates };
      }
      await appendEvent(trx, 'series.created', series.id, {
        seriesId: series.id,
        userId: caller.id,
        roomName: room.name,
        timeSlot,
        dates: booked.map((b) => b.date),
        skippedDates,
      });
      return { series, booked, skippedDates };
    });
  }

  async cancel(caller: AuthUser, idInput: string): Promise<SeriesRow> {
    const id = requireId('id', idInput);
    return this.core.knex.transaction(async (trx) => {
      const series = await this.core.schedule.lockSeries(trx, id);
      if (!series) throw notFound('Series');
      if (series.status !== 'ACTIVE') throw badInput('id', 'this series is already cancelled');
      return this.cancelRest(trx, series, caller.id);
    });
  }

  /** Cancels the series' bookings that have not started, notifies its holder once, frees the slots. */
  async cancelRest(trx: Knex.Transaction, series: SeriesRow, cancelledBy: string, reason?: string): Promise<SeriesRow> {
    const core = this.core;
    const slot = slotByLabel(series.time_slot)!;
    const now = core.moment();
    const cancelled = await core.schedule.cancelSeriesBookings(trx, series.id, (row) => !hasStarted(slot, row.date, now), cancelledBy);
    const updated = await core.schedule.markSeriesCancelled(trx, series.id);
    const room = (await core.store.roomExists(series.room_id, trx))!;
    await appendEvent(trx, 'series.cancelled', series.id, {
      seriesId: series.id,
      userId: series.user_id,
      roomName: room.name,
      timeSlot: series.time_slot,
      cancelledBy,
      ...(reason ? { reason } : {}),
      dates: cancelled.map((b) => b.date),
    });
    for (const booking of cancelled) await core.freeSlot(trx, booking);
    return updated;
  }

  /** After a release of one of its bookings: three in a row cancel the rest of the series. */
  async countRelease(trx: Knex.Transaction, booking: BookingRow): Promise<void> {
    if (!booking.series_id) return;
    const series = await this.core.schedule.lockSeries(trx, booking.series_id);
    if (!series || series.status !== 'ACTIVE') return;
    const inARow = await this.core.schedule.countRelease(trx, series.id);
    if (inARow >= RELEASES_BEFORE_CANCEL) {
      await this.cancelRest(trx, series, series.user_id, `nobody checked in ${RELEASES_BEFORE_CANCEL} times in a row`);
    }
  }
}
