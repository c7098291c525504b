/**
 * Data access for what surrounds a booking: series, waitlist entries, closures, room faults and
 * calendar feed versions, plus the claims of the due-time jobs (FOR UPDATE SKIP LOCKED).
 */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRowLoader } from '../../lib/loaders';
import { BOOKING_COLUMNS, NO_JOBS, type BookingRow, type RoomRow, type StoredBooking } from './store';

export interface SeriesRow {
  id: string;
  room_id: string;
  user_id: string;
  time_slot: string;
  start_date: string;
  weeks: number;
  status: 'ACTIVE' | 'CANCELLED';
  releases_in_a_row: number;
  created_at: Date;
  cancelled_at: Date | null;
}

/** What `createBookingSeries` answers. */
export interface SeriesResult {
  series: SeriesRow | null;
  booked: BookingRow[];
  skippedDates: string[];
}

export type WaitlistStatus = 'WAITING' | 'SERVED' | 'LEFT' | 'EXPIRED';

export interface WaitlistRow {
  id: string;
  user_id: string;
  room_id: string;
  date: string;
  time_slot: string;
  status: WaitlistStatus;
  booking_id: string | null;
  created_at: Date;
  /** 1 for the next in line; null unless WAITING. */
  position: number | null;
}

/** The whole stored entry (`booking.waitlist_entries`): its order and expiry stay inside this store. */
interface StoredWaitlistEntry extends Omit<WaitlistRow, 'position'> {
  seq: string | number;
  expires_at: Date;
  updated_at: Date;
}

export interface ClosureRow {
  id: string;
  room_id: string | null;
  start_date: string;
  end_date: string;
  time_slots: string[] | null;
  reason: string;
  created_by: string;
  created_at: Date;
}

/** The whole stored closure (`booking.closures`), with when its cancellations were done. */
interface StoredClosure extends ClosureRow {
  cancellations_done_at: Date | null;
}

/** A feed's version (`booking.calendar_feeds`): bumping it invalidates the feed's old token. */
interface FeedVersionRow {
  kind: 'user' | 'room';
  owner_id: string;
  version: number;
}

/** A room out of service and why (`booking.room_faults`); this store only asks whether one exists. */
interface RoomFaultRow {
  room_id: string;
  source: string;
  reference: string;
}

/** A room, date and slot: what a booking, a waitlist entry and a closure check are about. */
export interface SlotKey {
  roomId: string;
  date: string;
  timeSlot: string;
}

const SERIES = 'booking.series';
const WAITLIST = 'booking.waitlist_entries';
const CLOSURES = 'booking.closures';
const BOOKINGS = 'booking.bookings';
const CLOSURE_COLUMNS = [
  'id',
  'room_id',
  'start_date',
  'end_date',
  'time_slots',
  'reason',
  'created_by',
  'created_at',
] as const satisfies ReadonlyArray<keyof ClosureRow>;
const WAITLIST_COLUMNS = ['w.id', 'w.user_id', 'w.room_id', 'w.date', 'w.time_slot', 'w.status', 'w.booking_id', 'w.created_at'];

/** Entries with their place in the queue (WAITING only). */
function withPosition(knex: Knex) {
  return knex<StoredWaitlistEntry>(`${WAITLIST} as w`)
    .select(WAITLIST_COLUMNS)
    .select<WaitlistRow[]>(
      knex.raw(`case when w.status = 'WAITING' then (
        select count(*) from ${WAITLIST} q
         where q.room_id = w.room_id and q.date = w.date and q.time_slot = w.time_slot and q.status = 'WAITING' and q.seq <= w.seq
      )::int end as position`),
    );
}

/** A closure covers a slot when its room (or every room), dates and slots (or whole days) do. */
const COVERS_SLOT = `(c.room_id is null or c.room_id = ?) and ? between c.start_date and c.end_date and (c.time_slots is null or ? = any(c.time_slots))`;

export class ScheduleStore {
  constructor(private readonly knex: Knex) {}

  createSeriesLoader() {
    return createRowLoader<SeriesRow>(
      (ids) => this.knex<SeriesRow>(SERIES).comment('seriesByIds').whereIn('id', ids),
      (row) => row.id,
    );
  }

  createWaitlistLoader() {
    return createRowLoader<WaitlistRow>(
      (ids) => withPosition(this.knex).comment('waitlistByIds').whereIn('w.id', ids),
      (row) => row.id,
    );
  }

  /** The bookings of many series, oldest date first, in one query. */
  createSeriesBookingsLoader() {
    return new DataLoader<string, BookingRow[]>(async (ids) => {
      const rows = await this.knex<StoredBooking>(BOOKINGS)
        .comment('bookingsBySeries')
        .select(...BOOKING_COLUMNS)
        .whereIn('series_id', ids)
        .orderBy([{ column: 'date' }, { column: 'created_at' }]);
      const bySeries = new Map<string, BookingRow[]>(ids.map((id) => [id, []]));
      for (const row of rows) bySeries.get(row.series_id!)?.push(row);
      return ids.map((id) => bySeries.get(id) ?? []);
    });
  }

  /** Which of these rooms are out of service (have a recorded fault). */
  createOutOfServiceLoader() {
    return new DataLoader<string, boolean>(async (roomIds) => {
      const rows = await this.knex<RoomFaultRow>('booking.room_faults').comment('faultyRooms').distinct('room_id').whereIn('room_id', roomIds);
      const faulty = new Set(rows.map((row) => row.room_id));
      return roomIds.map((id) => faulty.has(id));
    });
  }

  /** Calendar feed versions, keyed `kind:id`. */
  createFeedVersionLoader() {
    return new DataLoader<string, number>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = await this.knex<FeedVersionRow>('booking.calendar_feeds').comment('feedVersions').whereIn(['kind', 'owner_id'], pairs);
      const byKey = new Map(rows.map((row) => [`${row.kind}:${row.owner_id}`, row.version]));
      return keys.map((key) => byKey.get(key) ?? 0);
    });
  }

  async feedVersion(kind: 'user' | 'room', ownerId: string): Promise<number> {
    const row = await this.knex<FeedVersionRow>('booking.calendar_feeds').comment('feedVersion').where({ kind, owner_id: ownerId }).first();
    return row?.version ?? 0;
  }

  async bumpFeedVersion(kind: 'user' | 'room', ownerId: string): Promise<number> {
    const { rows } = await this.knex.raw<{ rows: Array<Pick<FeedVersionRow, 'version'>> }>(
      `/* resetFeed */ insert into booking.calendar_feeds (kind, owner_id, version) values (?, ?, 1)
       on conflict (kind, owner_id) do update set version = booking.calendar_feeds.version + 1 returning version`,
      [kind, ownerId],
    );
    return rows[0].version;
  }

  // --- rules every new booking or entry passes ---------------------------------------------

  /** The reason of a closure covering this slot, if any. */
  async closureReason(trx: Knex, slot: SlotKey): Promise<string | undefined> {
    const row = await trx<StoredClosure>(`${CLOSURES} as c`)
      .comment('closureCovering')
      .select<Array<Pick<ClosureRow, 'reason'>>>('c.reason')
      .whereRaw(COVERS_SLOT, [slot.roomId, slot.date, slot.timeSlot])
      .first();
    return row?.reason;
  }

  /** Closures covering any of these dates of one room and slot, by date. */
  async closedDates(trx: Knex, roomId: string, dates: string[], timeSlot: string): Promise<Map<string, string>> {
    const { rows } = await trx.raw<{ rows: Array<{ date: string; reason: string }> }>(
      `/* closedDates */ select d::text as date, min(c.reason) as reason
         from unnest(?::date[]) d join booking.closures c
           on (c.room_id is null or c.room_id = ?) and d between c.start_date and c.end_date and (c.time_slots is null or ? = any(c.time_slots))
        group by d`,
      [dates, roomId, timeSlot],
    );
    return new Map(rows.map((row) => [row.date, row.reason]));
  }

  async isOutOfService(trx: Knex, roomId: string): Promise<boolean> {
    return Boolean(await trx<RoomFaultRow>('booking.room_faults').comment('roomFault').where({ room_id: roomId }).first());
  }

  /**
   * New bookings in a room wait for a closure being created, and a closure waits for bookings in
   * progress: so a booking either sees the closure or is seen by its cancellations.
   */
  async shareClosureLock(trx: Knex.Transaction): Promise<void> {
    await trx.raw("/* closureLockShared */ select pg_advisory_xact_lock_shared(hashtext('booking.closures'))");
  }

  async exclusiveClosureLock(trx: Knex.Transaction): Promise<void> {
    await trx.raw("/* closureLockExclusive */ select pg_advisory_xact_lock(hashtext('booking.closures'))");
  }

  /** One slot's queue at a time: joining and serving it are serialised by this lock. */
  async lockSlotQueue(trx: Knex.Transaction, slot: SlotKey): Promise<void> {
    await trx.raw('/* lockSlotQueue */ select pg_advisory_xact_lock(hashtext(?))', [`${slot.roomId}|${slot.date}|${slot.timeSlot}`]);
  }

  /** One person's joins at a time, so their limit on waiting entries holds under races. */
  async lockPersonQueues(trx: Knex.Transaction, userId: string): Promise<void> {
    await trx.raw('/* lockPersonQueues */ select pg_advisory_xact_lock(hashtext(?))', [`waitlist|${userId}`]);
  }

  // --- series ------------------------------------------------------------------------------

  async insertSeries(
    trx: Knex.Transaction,
    series: Pick<SeriesRow, 'room_id' | 'user_id' | 'time_slot' | 'start_date' | 'weeks'>,
  ): Promise<SeriesRow> {
    const [row] = await trx<SeriesRow>(SERIES).comment('insertSeries').insert(series).returning('*');
    return row;
  }

  async lockSeries(trx: Knex.Transaction, id: string): Promise<SeriesRow | undefined> {
    return trx<SeriesRow>(SERIES).comment('lockSeries').where({ id }).forUpdate().first();
  }

  async markSeriesCancelled(trx: Knex.Transaction, id: string): Promise<SeriesRow> {
    const [row] = await trx<SeriesRow>(SERIES)
      .comment('cancelSeries')
      .where({ id })
      .update({ status: 'CANCELLED', cancelled_at: trx.fn.now() })
      .returning('*');
    return row;
  }

  /** Counts a release of one of the series' bookings; returns the new count in a row. */
  async countRelease(trx: Knex.Transaction, id: string): Promise<number> {
    const [row] = await trx<SeriesRow>(SERIES)
      .comment('countSeriesRelease')
      .where({ id })
      .increment('releases_in_a_row', 1)
      .returning('releases_in_a_row');
    return row.releases_in_a_row;
  }

  async resetReleases(trx: Knex.Transaction, id: string): Promise<void> {
    await trx<SeriesRow>(SERIES).comment('resetSeriesReleases').where({ id }).update({ releases_in_a_row: 0 });
  }

  /** Cancels the series' ACTIVE bookings from `fromDate` on (slots not yet started). */
  async cancelSeriesBookings(
    trx: Knex.Transaction,
    seriesId: string,
    notStarted: (row: BookingRow) => boolean,
    cancelledBy: string,
  ): Promise<BookingRow[]> {
    const active = await trx<StoredBooking>(BOOKINGS)
      .comment('lockSeriesBookings')
      .select(...BOOKING_COLUMNS)
      .where({ series_id: seriesId, status: 'ACTIVE' })
      .orderBy('date')
      .forUpdate();
    const ids = active.filter(notStarted).map((row) => row.id);
    if (ids.length === 0) return [];
    return trx<StoredBooking>(BOOKINGS)
      .comment('cancelSeriesBookings')
      .whereIn('id', ids)
      .update({ status: 'CANCELLED', cancelled_at: trx.fn.now(), cancelled_by: cancelledBy, ...NO_JOBS })
      .returning(BOOKING_COLUMNS)
      .then((rows) => rows.sort((a, b) => a.date.localeCompare(b.date)));
  }

  // --- waitlist ----------------------------------------------------------------------------

  async activeBookingAt(trx: Knex, slot: SlotKey): Promise<BookingRow | undefined> {
    return trx<StoredBooking>(BOOKINGS)
      .comment('activeBookingAt')
      .select(...BOOKING_COLUMNS)
      .where({ room_id: slot.roomId, date: slot.date, time_slot: slot.timeSlot, status: 'ACTIVE' })
      .first();
  }

  async waitingCount(trx: Knex, slot: SlotKey): Promise<number> {
    const row = await trx<StoredWaitlistEntry>(WAITLIST)
      .comment('waitingCount')
      .where({ room_id: slot.roomId, date: slot.date, time_slot: slot.timeSlot, status: 'WAITING' })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  async waitingCountOf(trx: Knex, userId: string): Promise<number> {
    const row = await trx<StoredWaitlistEntry>(WAITLIST)
      .comment('waitingCountOf')
      .where({ user_id: userId, status: 'WAITING' })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  async insertEntry(trx: Knex.Transaction, userId: string, slot: SlotKey, expiresAt: Date): Promise<string> {
    const [row] = await trx<StoredWaitlistEntry>(WAITLIST)
      .comment('joinWaitlist')
      .insert({ user_id: userId, room_id: slot.roomId, date: slot.date, time_slot: slot.timeSlot, expires_at: expiresAt })
      .returning('id');
    return row.id;
  }

  async entry(trx: Knex, id: string): Promise<WaitlistRow | undefined> {
    return withPosition(trx).comment('waitlistEntry').where('w.id', id).first();
  }

  async lockEntry(trx: Knex.Transaction, id: string): Promise<WaitlistRow | undefined> {
    return trx(`${WAITLIST} as w`).comment('lockWaitlistEntry').select<WaitlistRow[]>(WAITLIST_COLUMNS).where('w.id', id).forUpdate().first();
  }

  async setEntryStatus(trx: Knex.Transaction, id: string, status: WaitlistStatus, bookingId: string | null = null): Promise<void> {
    await trx<StoredWaitlistEntry>(WAITLIST)
      .comment('setWaitlistStatus')
      .where({ id })
      .update({ status, booking_id: bookingId, updated_at: trx.fn.now() });
  }

  /** A deleted account leaves every queue. */
  async leaveAllOf(trx: Knex.Transaction, userId: string): Promise<void> {
    await trx.raw(
      "/* leaveAllWaitlists */ update booking.waitlist_entries set status = 'LEFT', updated_at = now() where user_id = ? and status = 'WAITING'",
      [userId],
    );
  }

  /** The queue of one slot, first in line first, locked. */
  async lockQueue(trx: Knex.Transaction, slot: SlotKey): Promise<WaitlistRow[]> {
    return trx(`${WAITLIST} as w`)
      .comment('lockWaitlistQueue')
      .select<WaitlistRow[]>(WAITLIST_COLUMNS)
      .where({ 'w.room_id': slot.roomId, 'w.date': slot.date, 'w.time_slot': slot.timeSlot, 'w.status': 'WAITING' })
      .orderBy('w.seq')
      .forUpdate();
  }

  async listEntries(userId: string, filter: { status?: WaitlistStatus | null; limit: number; offset: number }): Promise<WaitlistRow[]> {
    const query = withPosition(this.knex)
      .comment('myWaitlist')
      .where('w.user_id', userId)
      .orderBy([
        { column: 'w.created_at', order: 'desc' },
        { column: 'w.seq', order: 'desc' },
      ]);
    if (filter.status) query.where('w.status', filter.status);
    return query.limit(filter.limit).offset(filter.offset);
  }

  /** Entries whose slot has ended become EXPIRED, in one statement. */
  async expireEntries(now: Date): Promise<number> {
    // Raw, because knex drops comments from updates (and the comment names the query in logs and tests).
    const { rows } = await this.knex.raw<{ rows: Array<Pick<WaitlistRow, 'id'>> }>(
      "/* jobExpireWaitlist */ update booking.waitlist_entries set status = 'EXPIRED', updated_at = now() where status = 'WAITING' and expires_at <= ? returning id",
      [now],
    );
    return rows.length;
  }

  // --- closures ----------------------------------------------------------------------------

  async insertClosure(trx: Knex.Transaction, closure: Omit<ClosureRow, 'id' | 'created_at'>): Promise<ClosureRow> {
    const [row] = await trx<StoredClosure>(CLOSURES).comment('insertClosure').insert(closure).returning(CLOSURE_COLUMNS);
    return row;
  }

  async deleteClosure(id: string, trx: Knex = this.knex): Promise<boolean> {
    const rows = await trx<StoredClosure>(CLOSURES).comment('deleteClosure').where({ id }).delete().returning('id');
    return rows.length > 0;
  }

  async listClosures(filter: { from?: string; to?: string; roomId?: string; limit: number; offset: number }): Promise<ClosureRow[]> {
    const query = this.knex<StoredClosure>(CLOSURES)
      .comment('listClosures')
      .select(...CLOSURE_COLUMNS)
      .orderBy([{ column: 'start_date' }, { column: 'created_at' }]);
    if (filter.from) query.where('end_date', '>=', filter.from);
    if (filter.to) query.where('start_date', '<=', filter.to);
    if (filter.roomId) query.where((q) => void q.whereNull('room_id').orWhere('room_id', filter.roomId!));
    return query.limit(filter.limit).offset(filter.offset);
  }

  /** One closure whose cancellations are not done yet, claimed (another worker skips it). */
  async claimPendingClosure(trx: Knex.Transaction): Promise<ClosureRow | undefined> {
    return trx<StoredClosure>(CLOSURES)
      .comment('jobClaimPendingClosure')
      .select(...CLOSURE_COLUMNS)
      .whereNull('cancellations_done_at')
      .orderBy('created_at')
      .forUpdate()
      .skipLocked()
      .first();
  }

  async markClosureDone(trx: Knex.Transaction, id: string): Promise<void> {
    await trx<StoredClosure>(CLOSURES).comment('closureDone').where({ id }).update({ cancellations_done_at: trx.fn.now() });
  }

  /** ACTIVE bookings inside the closure from `today` on, locked, at most `limit`. */
  async lockBookingsInClosure(trx: Knex.Transaction, closure: ClosureRow, today: string, limit: number): Promise<BookingRow[]> {
    const query = trx<StoredBooking>(BOOKINGS)
      .comment('bookingsInClosure')
      .select(...BOOKING_COLUMNS)
      .where('status', 'ACTIVE')
      .whereBetween('date', [closure.start_date > today ? closure.start_date : today, closure.end_date]);
    if (closure.room_id) query.where('room_id', closure.room_id);
    if (closure.time_slots) query.whereIn('time_slot', closure.time_slots);
    return query
      .orderBy([{ column: 'date' }, { column: 'time_slot' }])
      .limit(limit)
      .forUpdate();
  }

  async lockEntriesInClosure(trx: Knex.Transaction, closure: ClosureRow, limit: number): Promise<WaitlistRow[]> {
    const query = trx(`${WAITLIST} as w`)
      .comment('waitlistInClosure')
      .select<WaitlistRow[]>(WAITLIST_COLUMNS)
      .where('w.status', 'WAITING')
      .whereBetween('w.date', [closure.start_date, closure.end_date]);
    if (closure.room_id) query.where('w.room_id', closure.room_id);
    if (closure.time_slots) query.whereIn('w.time_slot', closure.time_slots);
    return query.orderBy('w.seq').limit(limit).forUpdate();
  }

  // --- free rooms --------------------------------------------------------------------------

  /** Rooms free at a slot: not booked, not closed, in service, big enough, with every amenity. */
  async freeRooms(
    filter: {
      date: string;
      timeSlot: string;
      minCapacity: number;
      amenities: string[];
      limit: number;
      offset: number;
    },
    db: Knex = this.knex,
  ): Promise<RoomRow[]> {
    const { date, timeSlot } = filter;
    // coalesce: a room without amenities aggregates to null, and null contains nothing.
    return db<RoomRow>('booking.rooms as r')
      .comment('freeRooms')
      .select<RoomRow[]>('r.*')
      .where('r.capacity', '>=', filter.minCapacity)
      .whereRaw("coalesce((select array_agg(lower(a)) from unnest(r.amenities) a), '{}') @> ?::text[]", [
        filter.amenities.map((a) => a.toLowerCase()),
      ])
      .whereNotExists(
        (q) =>
          void q
            .select(this.knex.raw(1))
            .from(`${BOOKINGS} as b`)
            .whereRaw("b.room_id = r.id and b.date = ? and b.time_slot = ? and b.status = 'ACTIVE'", [date, timeSlot]),
      )
      .whereNotExists((q) => void q.select(this.knex.raw(1)).from('booking.room_faults as f').whereRaw('f.room_id = r.id'))
      .whereNotExists(
        (q) =>
          void q
            .select(this.knex.raw(1))
            .from(`${CLOSURES} as c`)
            .whereRaw(COVERS_SLOT.replace('c.room_id = ?', 'c.room_id = r.id'), [date, timeSlot]),
      )
      .orderBy([{ column: 'r.capacity' }, { column: 'r.name' }, { column: 'r.id' }])
      .limit(filter.limit)
      .offset(filter.offset);
  }

  // --- due-time jobs -----------------------------------------------------------------------

  /** Clears due releases that need nothing done: rooms without check-in, or checked in. */
  async clearIdleReleases(trx: Knex, now: Date): Promise<void> {
    await trx.raw(
      `/* jobClearIdleReleases */ update booking.bookings b set release_due_at = null
         from booking.rooms r
        where r.id = b.room_id and b.release_due_at <= ? and (not r.check_in_required or b.checked_in_at is not null)`,
      [now],
    );
  }

  /** The earliest due time of any job, or null when nothing is scheduled. */
  async nextDueAt(): Promise<Date | null> {
    const { rows } = await this.knex.raw<{ rows: Array<{ next: Date | string | null }> }>(`/* jobNextDueAt */ select least(
      (select min(release_due_at) from booking.bookings where release_due_at is not null),
      (select min(remind_at) from booking.bookings where remind_at is not null),
      (select min(expires_at) from booking.waitlist_entries where status = 'WAITING')) as next`);
    return rows[0].next ? new Date(rows[0].next) : null;
  }

  /** Due releases, claimed: another worker skips these rows. */
  async claimDueReleases(trx: Knex.Transaction, now: Date, limit: number): Promise<BookingRow[]> {
    return trx<StoredBooking>(`${BOOKINGS} as b`)
      .comment('jobClaimDueReleases')
      .select<BookingRow[]>(BOOKING_COLUMNS.map((c) => `b.${c}`))
      .join('booking.rooms as r', 'r.id', 'b.room_id')
      .where('b.release_due_at', '<=', now)
      .where('r.check_in_required', true)
      .whereNull('b.checked_in_at')
      .where('b.status', 'ACTIVE')
      .orderBy('b.release_due_at')
      .limit(limit)
      .forUpdate('b')
      .skipLocked();
  }

  async markReleased(trx: Knex.Transaction, id: string): Promise<BookingRow> {
    const [row] = await trx<StoredBooking>(BOOKINGS)
      .comment('releaseBooking')
      .where({ id })
      .update({ status: 'RELEASED', released_at: trx.fn.now(), ...NO_JOBS })
      .returning(BOOKING_COLUMNS);
    return row;
  }

  /** Due reminders, claimed, and marked sent in the same statement's transaction. */
  async claimDueReminders(trx: Knex.Transaction, now: Date, limit: number): Promise<BookingRow[]> {
    const { rows } = await trx.raw<{ rows: BookingRow[] }>(
      `/* jobClaimDueReminders */ update booking.bookings set remind_at = null
        where id in (select id from booking.bookings where remind_at <= ? and status = 'ACTIVE' order by remind_at limit ? for update skip locked)
        returning ${BOOKING_COLUMNS.join(', ')}`,
      [now, limit],
    );
    return rows;
  }

  async releaseDueAt(trx: Knex, id: string): Promise<Date | null> {
    const row = await trx<StoredBooking>(BOOKINGS).comment('releaseDueAt').select('release_due_at').where({ id }).first();
    return row?.release_due_at ?? null;
  }

  async checkIn(trx: Knex.Transaction, id: string): Promise<BookingRow> {
    const [row] = await trx<StoredBooking>(BOOKINGS)
      .comment('checkIn')
      .where({ id })
      .update({ checked_in_at: trx.fn.now(), release_due_at: null })
      .returning(BOOKING_COLUMNS);
    return row;
  }

  /** Bookings for a calendar feed: ACTIVE, from `from` on, oldest first. */
  async feedBookings(filter: { userId?: string; roomId?: string; from: string; limit: number }): Promise<Array<BookingRow & { room_name: string }>> {
    const query = this.knex<StoredBooking>(`${BOOKINGS} as b`)
      .comment('feedBookings')
      .select(BOOKING_COLUMNS.map((c) => `b.${c}`))
      .select<Array<BookingRow & { room_name: string }>>('r.name as room_name')
      .join('booking.rooms as r', 'r.id', 'b.room_id')
      .where('b.status', 'ACTIVE')
      .where('b.date', '>=', filter.from);
    if (filter.userId) query.where('b.user_id', filter.userId);
    if (filter.roomId) query.where('b.room_id', filter.roomId);
    return query.orderBy([{ column: 'b.date' }, { column: 'b.time_slot' }]).limit(filter.limit);
  }
}
