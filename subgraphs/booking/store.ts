/**
 * Data access for rooms and bookings. Rows are the parents resolvers receive (codegen mappers);
 * list fields and entity references load through per-request DataLoaders.
 */
import type { TableCache } from '../../lib/tableCache';
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRowLoader } from '../../lib/loaders';

export type BookingStatus = 'ACTIVE' | 'CANCELLED' | 'RELEASED';

export interface RoomRow {
  id: string;
  name: string;
  capacity: number;
  building: string | null;
  floor: number | null;
  amenities: string[];
  check_in_required: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface BookingRow {
  id: string;
  room_id: string;
  user_id: string;
  /** `YYYY-MM-DD` */
  date: string;
  time_slot: string;
  status: BookingStatus;
  created_at: Date;
  cancelled_at: Date | null;
  series_id: string | null;
  checked_in_at: Date | null;
  released_at: Date | null;
}

/** The whole stored booking (`booking.bookings`), job due times included: for queries and writes. */
export interface StoredBooking extends BookingRow {
  cancelled_by: string | null;
  release_due_at: Date | null;
  remind_at: Date | null;
}

/** A user known here only by id; the users subgraph resolves the rest. */
export interface UserReference {
  id: string;
}

export interface RoomFields {
  name: string;
  capacity: number;
  building: string | null;
  floor: number | null;
  amenities: string[];
  check_in_required: boolean;
}

export interface BookingFilter {
  userId?: string;
  date?: string;
  roomId?: string;
  status?: BookingStatus | null;
  limit: number;
  offset: number;
}

/** A booking to insert, with the due times of its jobs (null: none). */
export interface NewBooking {
  roomId: string;
  userId: string;
  date: string;
  timeSlot: string;
  seriesId?: string | null;
  releaseDueAt: Date | null;
  remindAt: Date | null;
}

function bookingValues(booking: NewBooking) {
  return {
    room_id: booking.roomId,
    user_id: booking.userId,
    date: booking.date,
    time_slot: booking.timeSlot,
    series_id: booking.seriesId ?? null,
    release_due_at: booking.releaseDueAt,
    remind_at: booking.remindAt,
  };
}

/** A booking that is no longer ACTIVE has no jobs left. */
export const NO_JOBS = { release_due_at: null, remind_at: null } as const;

const ROOMS = 'booking.rooms';
const BOOKINGS = 'booking.bookings';
export const BOOKING_COLUMNS = [
  'id',
  'room_id',
  'user_id',
  'date',
  'time_slot',
  'status',
  'created_at',
  'cancelled_at',
  'series_id',
  'checked_in_at',
  'released_at',
] as const satisfies ReadonlyArray<keyof BookingRow>;
/** Newest first: by date, then by slot (labels sort as times), then by creation. */
const NEWEST_FIRST = [
  { column: 'date', order: 'desc' },
  { column: 'time_slot', order: 'desc' },
  { column: 'created_at', order: 'desc' },
] as const;

/** Room rows by query (lib/tableCache.ts): rooms are read on most requests and rarely written. */
export type RoomCache = TableCache<RoomRow[]>;

export class BookingStore {
  constructor(
    private readonly knex: Knex,
    private readonly rooms?: RoomCache,
  ) {}

  createRoomLoader() {
    return createRowLoader<RoomRow>(
      (ids) => this.cachedRooms(`ids:${[...ids].sort().join(',')}`, () => this.knex<RoomRow>(ROOMS).comment('roomsByIds').whereIn('id', ids)),
      (row) => row.id,
    );
  }

  /** After this process wrote rooms: its own next read must not wait for the change notice. */
  roomsChanged(): void {
    this.rooms?.clear();
  }

  private cachedRooms(key: string, load: () => Promise<RoomRow[]>): Promise<RoomRow[]> {
    return this.rooms ? this.rooms.get(key, load) : load();
  }

  createBookingLoader() {
    return createRowLoader<BookingRow>(
      (ids) =>
        this.knex<StoredBooking>(BOOKINGS)
          .comment('bookingsByIds')
          .select(...BOOKING_COLUMNS)
          .whereIn('id', ids),
      (row) => row.id,
    );
  }

  /**
   * `User.bookings` for many users in one query: a window numbers each user's bookings so that
   * limit and offset apply per user. One loader per distinct set of arguments.
   */
  createUserBookingsLoader(filter: Omit<BookingFilter, 'userId'>) {
    return new DataLoader<string, BookingRow[]>(async (userIds) => {
      const ranked = this.knex<StoredBooking>(BOOKINGS)
        .select(...BOOKING_COLUMNS)
        .select(this.knex.raw('row_number() over (partition by user_id order by date desc, time_slot desc, created_at desc) as position'))
        .whereIn('user_id', userIds);
      if (filter.status) ranked.where('status', filter.status);
      const rows = await this.knex
        .select<BookingRow[]>(...BOOKING_COLUMNS)
        .from(ranked.as('ranked'))
        .comment('bookingsByUsers')
        .where('position', '>', filter.offset)
        .andWhere('position', '<=', filter.offset + filter.limit)
        .orderBy([...NEWEST_FIRST]);
      const byUser = new Map<string, BookingRow[]>(userIds.map((id) => [id, []]));
      for (const row of rows) byUser.get(row.user_id)?.push(row);
      return userIds.map((id) => byUser.get(id) ?? []);
    });
  }

  listRooms(filter: { minCapacity?: number | null; amenity?: string | null; limit: number; offset: number }): Promise<RoomRow[]> {
    const key = `list:${filter.minCapacity ?? ''}:${filter.amenity?.toLowerCase() ?? ''}:${filter.limit}:${filter.offset}`;
    return this.cachedRooms(key, async () => {
      const query = this.knex<RoomRow>(ROOMS)
        .comment('listRooms')
        .orderBy([{ column: 'name' }, { column: 'id' }])
        .limit(filter.limit)
        .offset(filter.offset);
      if (filter.minCapacity != null) query.where('capacity', '>=', filter.minCapacity);
      if (filter.amenity) query.whereRaw('exists (select 1 from unnest(amenities) a where lower(a) = lower(?))', [filter.amenity]);
      return query;
    });
  }

  async roomExists(id: string, trx: Knex = this.knex): Promise<RoomRow | undefined> {
    return trx<RoomRow>(ROOMS).comment('roomById').where({ id }).first();
  }

  async createRoom(fields: RoomFields, trx: Knex = this.knex): Promise<RoomRow> {
    const [row] = await trx<RoomRow>(ROOMS).comment('createRoom').insert(fields).returning('*');
    return row;
  }

  /** The room, locked until the transaction ends (its audit entry names what changed). */
  async lockRoom(id: string, trx: Knex.Transaction): Promise<RoomRow | undefined> {
    return trx<RoomRow>(ROOMS).comment('lockRoom').where({ id }).forUpdate().first();
  }

  async updateRoom(id: string, fields: RoomFields, trx: Knex = this.knex): Promise<RoomRow | undefined> {
    const [row] = await trx<RoomRow>(ROOMS)
      .comment('updateRoom')
      .where({ id })
      .update({ ...fields, updated_at: trx.fn.now() })
      .returning('*');
    return row;
  }

  /** Inserts the room unless one of that name exists (demo seeding). */
  async createRoomIfMissing(fields: RoomFields): Promise<void> {
    await this.knex.raw(
      `/* seedRoom */ insert into booking.rooms (name, capacity, building, floor, amenities) values (?, ?, ?, ?, ?)
       on conflict ((lower(name))) do nothing`,
      [fields.name, fields.capacity, fields.building, fields.floor, fields.amenities],
    );
  }

  async listBookings(filter: BookingFilter): Promise<BookingRow[]> {
    const query = this.knex<StoredBooking>(BOOKINGS)
      .comment('listBookings')
      .select(...BOOKING_COLUMNS);
    if (filter.userId) query.where('user_id', filter.userId);
    if (filter.date) query.where('date', filter.date);
    if (filter.roomId) query.where('room_id', filter.roomId);
    if (filter.status) query.where('status', filter.status);
    return query
      .orderBy([...NEWEST_FIRST])
      .limit(filter.limit)
      .offset(filter.offset);
  }

  /** Labels of the room's ACTIVE bookings on `date`. */
  async takenSlots(roomId: string, date: string): Promise<Set<string>> {
    const rows = await this.knex<StoredBooking>(BOOKINGS)
      .comment('takenSlots')
      .where({ room_id: roomId, date, status: 'ACTIVE' })
      .select('time_slot');
    return new Set(rows.map((row: { time_slot: string }) => row.time_slot));
  }

  async insertBooking(trx: Knex.Transaction, booking: NewBooking): Promise<BookingRow> {
    const [row] = await trx<StoredBooking>(BOOKINGS).comment('insertBooking').insert(bookingValues(booking)).returning(BOOKING_COLUMNS);
    return row;
  }

  /** Inserts what it can: rows whose slot (or holder's slot) is taken are left out, not errors. */
  async insertBookingsSkippingTaken(trx: Knex.Transaction, bookings: NewBooking[]): Promise<BookingRow[]> {
    if (bookings.length === 0) return [];
    return trx<StoredBooking>(BOOKINGS)
      .comment('insertSeriesBookings')
      .insert(bookings.map(bookingValues))
      .onConflict()
      .ignore()
      .returning(BOOKING_COLUMNS);
  }

  async lockBooking(trx: Knex.Transaction, id: string): Promise<BookingRow | undefined> {
    return trx<StoredBooking>(BOOKINGS)
      .comment('lockBooking')
      .select(...BOOKING_COLUMNS)
      .where({ id })
      .forUpdate()
      .first();
  }

  async cancelFutureBookingsOf(trx: Knex.Transaction, userId: string, fromDate: string): Promise<BookingRow[]> {
    return trx<StoredBooking>(BOOKINGS)
      .comment('cancelFutureBookingsOf')
      .where({ user_id: userId, status: 'ACTIVE' })
      .where('date', '>=', fromDate)
      .update({ status: 'CANCELLED', cancelled_at: trx.fn.now(), cancelled_by: userId, ...NO_JOBS })
      .returning(BOOKING_COLUMNS);
  }

  async markCancelled(trx: Knex.Transaction, id: string, cancelledBy: string): Promise<BookingRow> {
    const [row] = await trx<StoredBooking>(BOOKINGS)
      .comment('cancelBooking')
      .where({ id })
      .update({ status: 'CANCELLED', cancelled_at: trx.fn.now(), cancelled_by: cancelledBy, ...NO_JOBS })
      .returning(BOOKING_COLUMNS);
    return row;
  }
}

export type { ClosureRow, SeriesResult, SeriesRow, WaitlistRow } from './scheduleStore';
