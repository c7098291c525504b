/**
 * The rules of booking: which dates and slots can be booked, who may cancel what, and the
 * outbox event that records every booking made or cancelled in the same transaction.
 */
import { facultyOrOwner } from '../../lib/access';
import type { Knex } from 'knex';
import type { AuthUser } from '../../lib/auth';
import { changedFields, recordAudit, type AuditSource } from '../../lib/audit';
import { addDays, campusMoment, requireDate, type CampusMoment } from '../../lib/campusTime';
import type { BookingConfig } from '../../lib/config';
import { badInput, conflict, notFound, registerConstraintMessages } from '../../lib/errors';
import { appendEvent, type BookingEventPayload, type OutboxEvent } from '../../lib/outbox';
import { TEXT_LIMITS, pagination, requireId, requireText } from '../../lib/validation';
import { FaultStore, describeFault } from './faultStore';
import { ScheduleStore, type SlotKey } from './scheduleStore';
import { TIME_SLOTS, hasStarted, slotByLabel, slotTimes, type SlotDefinition } from './slots';
import { BookingStore, type RoomCache, type BookingRow, type NewBooking, type RoomFields, type RoomRow } from './store';
import { serveQueue } from './waitlist';

registerConstraintMessages({
  bookings_room_slot_active: 'This room is already booked for that slot',
  bookings_user_slot_active: 'You already hold a booking in that slot',
  rooms_name_unique: 'A room with this name already exists',
  waitlist_once: 'You are already on the waitlist for this slot',
});

const MINUTE_MS = 60_000;

export const ROOM_LIMITS = { minCapacity: 1, maxCapacity: 1000, minFloor: -20, maxFloor: 300, maxAmenities: 30, amenityLength: 50 } as const;

export interface RoomInput {
  name: string;
  capacity: number;
  building?: string | null;
  floor?: number | null;
  amenities?: readonly string[] | null;
  checkInRequired?: boolean | null;
}

export interface FreeRoomsArgs {
  date: string;
  timeSlot: string;
  minCapacity?: number | null;
  amenities?: readonly string[] | null;
  limit?: number | null;
  offset?: number | null;
}

export interface BookingServiceOptions {
  timeZone: string;
  horizonDays: number;
  /** Check-in window, reminders, waitlist length. */
  rules: BookingConfig;
  /** The current time; tests move it. */
  now?: () => Date;
  /** Room rows kept between requests (left out: every read goes to the database). */
  roomCache?: RoomCache;
}

const ROOM_FIELD_NAMES = ['name', 'capacity', 'building', 'floor', 'amenities'] as const satisfies ReadonlyArray<keyof RoomFields>;

function roomFields(input: RoomInput): RoomFields {
  const name = requireText('input.name', input.name, TEXT_LIMITS.name);
  if (!Number.isInteger(input.capacity) || input.capacity < ROOM_LIMITS.minCapacity || input.capacity > ROOM_LIMITS.maxCapacity) {
    throw badInput('input.capacity', `must be between ${ROOM_LIMITS.minCapacity} and ${ROOM_LIMITS.maxCapacity}`);
  }
  const building = input.building == null ? null : requireText('input.building', input.building, TEXT_LIMITS.name);
  if (input.floor != null && (input.floor < ROOM_LIMITS.minFloor || input.floor > ROOM_LIMITS.maxFloor)) {
    throw badInput('input.floor', `must be between ${ROOM_LIMITS.minFloor} and ${ROOM_LIMITS.maxFloor}`);
  }
  const amenities = (input.amenities ?? []).map((amenity, i) => requireText(`input.amenities[${i}]`, amenity, ROOM_LIMITS.amenityLength));
  if (amenities.length > ROOM_LIMITS.maxAmenities) throw badInput('input.amenities', `at most ${ROOM_LIMITS.maxAmenities} amenities`);
  const seen = new Set<string>();
  const unique = amenities.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
  return {
    name,
    capacity: input.capacity,
    building,
    floor: input.floor ?? null,
    amenities: unique,
    check_in_required: input.checkInRequired ?? false,
  };
}

/** What every booking event carries. */
export function bookingPayload(booking: BookingRow, room: Pick<RoomRow, 'id' | 'name'>): BookingEventPayload {
  return { bookingId: booking.id, userId: booking.user_id, roomId: room.id, roomName: room.name, date: booking.date, timeSlot: booking.time_slot };
}

export const slotOf = (booking: Pick<BookingRow, 'room_id' | 'date' | 'time_slot'>): SlotKey => ({
  roomId: booking.room_id,
  date: booking.date,
  timeSlot: booking.time_slot,
});

export class BookingService {
  readonly store: BookingStore;
  readonly schedule: ScheduleStore;
  readonly faults = new FaultStore();
  readonly now: () => Date;

  constructor(
    readonly knex: Knex,
    readonly options: BookingServiceOptions,
  ) {
    this.store = new BookingStore(knex, options.roomCache);
    this.schedule = new ScheduleStore(knex);
    this.now = options.now ?? (() => new Date());
  }

  moment(): CampusMoment {
    return campusMoment(this.options.timeZone, this.now());
  }

  /** When a slot of `date` starts and ends. */
  slotTimes(date: string, slot: SlotDefinition): { start: Date; end: Date } {
    return slotTimes(this.options.timeZone, date, slot);
  }

  /** A new booking with its job due times: the release check after the window, the reminder before. */
  newBooking(userId: string, key: SlotKey, seriesId: string | null = null): NewBooking {
    const { start } = this.slotTimes(key.date, slotByLabel(key.timeSlot)!);
    const { checkInClosesMinutes, reminderMinutes } = this.options.rules;
    const remindAt = new Date(start.getTime() - reminderMinutes * MINUTE_MS);
    // Served from the waitlist after the start, the new holder still gets a whole window.
    const windowFrom = Math.max(start.getTime(), this.now().getTime());
    return {
      ...key,
      userId,
      seriesId,
      releaseDueAt: new Date(windowFrom + checkInClosesMinutes * MINUTE_MS),
      remindAt: reminderMinutes > 0 && remindAt > this.now() ? remindAt : null,
    };
  }

  /** CONFLICT naming the reason when the slot is closed or the room out of service. */
  async assertOpen(trx: Knex, key: SlotKey): Promise<void> {
    await this.assertInService(trx, key.roomId);
    const reason = await this.schedule.closureReason(trx, key);
    if (reason) throw conflict(`This room is closed then: ${reason}`);
  }

  /** CONFLICT naming the room's oldest fault while it has one. */
  async assertInService(trx: Knex, roomId: string): Promise<void> {
    const fault = await this.faults.oldestOf(trx, roomId);
    if (fault) throw conflict(`This room is out of service: ${describeFault(fault)}`);
  }

  /** A slot whose booking ended early (cancelled, released) goes to the first eligible waiting person. */
  freeSlot(trx: Knex.Transaction, booking: BookingRow): Promise<BookingRow | null> {
    return serveQueue(this, trx, slotOf(booking));
  }

  requireSlot(argument: string, label: string): SlotDefinition {
    const slot = slotByLabel(label.trim());
    if (!slot) throw badInput(argument, `must be one of ${TIME_SLOTS.map((s) => s.label).join(', ')}`);
    return slot;
  }

  /** A bookable date: well formed, not in the past, within the horizon. */
  requireBookableDate(argument: string, value: string, today: string): string {
    const date = requireDate(argument, value);
    if (date < today) throw badInput(argument, `must be today (${today}) or later`);
    const last = addDays(today, this.options.horizonDays);
    if (date > last) throw badInput(argument, `must be at most ${this.options.horizonDays} days ahead (${last})`);
    return date;
  }

  async requireRoom(argument: string, value: string, trx: Knex = this.knex): Promise<RoomRow> {
    const room = await this.store.roomExists(requireId(argument, value), trx);
    if (!room) throw notFound('Room');
    return room;
  }

  async availableSlots(roomIdInput: string, dateInput: string): Promise<SlotDefinition[]> {
    const date = requireDate('date', dateInput);
    const room = await this.requireRoom('roomId', roomIdInput);
    const now = this.moment();
    if (date > addDays(now.date, this.options.horizonDays)) return [];
    const taken = await this.store.takenSlots(room.id, date);
    return TIME_SLOTS.filter((slot) => !taken.has(slot.label) && !hasStarted(slot, date, now));
  }

  /** Rooms that can be booked at that slot, smallest fitting first (none once it has started). */
  async freeRooms(args: FreeRoomsArgs): Promise<RoomRow[]> {
    const date = requireDate('date', args.date);
    const slot = this.requireSlot('timeSlot', args.timeSlot);
    if (args.minCapacity != null && args.minCapacity < 0) throw badInput('minCapacity', 'must not be negative');
    const amenities = (args.amenities ?? []).map((amenity, i) => requireText(`amenities[${i}]`, amenity, ROOM_LIMITS.amenityLength));
    if (amenities.length > ROOM_LIMITS.maxAmenities) throw badInput('amenities', `at most ${ROOM_LIMITS.maxAmenities} amenities`);
    const page = pagination(args);
    const now = this.moment();
    if (hasStarted(slot, date, now) || date > addDays(now.date, this.options.horizonDays)) return [];
    return this.schedule.freeRooms({ date, timeSlot: slot.label, minCapacity: args.minCapacity ?? 0, amenities, ...page });
  }

  /**
   * In a transaction: the slot of `input` validated (a bookable date, a slot not started, an
   * existing room), open (not closed, in service), and seen by any closure being created.
   */
  async openSlot(trx: Knex.Transaction, input: { roomId: string; date: string; timeSlot: string }): Promise<{ room: RoomRow; key: SlotKey }> {
    const now = this.moment();
    const date = this.requireBookableDate('input.date', input.date, now.date);
    const slot = this.requireSlot('input.timeSlot', input.timeSlot);
    if (hasStarted(slot, date, now)) throw badInput('input.timeSlot', `${slot.label} on ${date} has already started`);
    const room = await this.requireRoom('input.roomId', input.roomId, trx);
    const key = { roomId: room.id, date, timeSlot: slot.label };
    await this.schedule.shareClosureLock(trx);
    await this.assertOpen(trx, key);
    return { room, key };
  }

  async createBooking(caller: AuthUser, input: { roomId: string; date: string; timeSlot: string }): Promise<BookingRow> {
    return this.knex.transaction(async (trx) => {
      const { room, key } = await this.openSlot(trx, input);
      // The partial unique indexes decide races: the loser's 23505 becomes CONFLICT.
      const booking = await this.store.insertBooking(trx, this.newBooking(caller.id, key));
      await appendEvent(trx, 'booking.created', booking.id, bookingPayload(booking, room));
      return booking;
    });
  }

  /** The holder checks in within the window around the slot's start. */
  async checkIn(caller: AuthUser, idInput: string): Promise<BookingRow> {
    const id = requireId('bookingId', idInput);
    return this.knex.transaction(async (trx) => {
      const booking = await this.store.lockBooking(trx, id);
      if (!booking || booking.user_id !== caller.id) throw notFound('Booking');
      if (booking.status !== 'ACTIVE') throw badInput('bookingId', `this booking is ${booking.status.toLowerCase()}`);
      if (booking.checked_in_at) return booking;
      const { start } = this.slotTimes(booking.date, slotByLabel(booking.time_slot)!);
      const { checkInOpensMinutes, checkInClosesMinutes } = this.options.rules;
      const now = this.now().getTime();
      // A booking served from the waitlist after the start has its own window (its release due time).
      const dueAt = (await this.schedule.releaseDueAt(trx, id))?.getTime() ?? 0;
      const closesAt = Math.max(start.getTime() + checkInClosesMinutes * MINUTE_MS, dueAt);
      if (now < start.getTime() - checkInOpensMinutes * MINUTE_MS || now > closesAt) {
        throw badInput(
          'bookingId',
          `check-in is open from ${checkInOpensMinutes} minutes before to ${checkInClosesMinutes} minutes after the slot starts`,
        );
      }
      if (booking.series_id) await this.schedule.resetReleases(trx, booking.series_id);
      return this.schedule.checkIn(trx, id);
    });
  }

  async cancelBooking(caller: AuthUser, idInput: string): Promise<BookingRow> {
    const id = requireId('id', idInput);
    return this.knex.transaction(async (trx) => {
      const booking = await this.store.lockBooking(trx, id);
      if (!booking) throw notFound('Booking');
      facultyOrOwner.require(caller, booking.user_id, 'You may cancel only your own bookings');
      if (booking.status !== 'ACTIVE') throw badInput('id', `this booking is already ${booking.status.toLowerCase()}`);
      const slot = slotByLabel(booking.time_slot)!;
      if (hasStarted(slot, booking.date, this.moment())) throw badInput('id', 'this booking has already started or is in the past');
      const cancelled = await this.store.markCancelled(trx, id, caller.id);
      const room = (await this.store.roomExists(booking.room_id, trx))!;
      await appendEvent(trx, 'booking.cancelled', id, { ...bookingPayload(booking, room), cancelledBy: caller.id });
      await this.freeSlot(trx, cancelled);
      return cancelled;
    });
  }

  /**
   * The outbox consumer's handler: a deleted account leaves its waitlists, and its bookings from
   * today on are cancelled (each recorded like any cancellation), so its slots go to the waitlist.
   */
  async handleEvents(trx: Knex.Transaction, events: OutboxEvent[]): Promise<void> {
    const today = this.moment().date;
    for (const event of events) {
      if (event.topic !== 'user.deleted') continue;
      const { userId } = event.payload as OutboxEvent<'user.deleted'>['payload'];
      await this.schedule.leaveAllOf(trx, userId);
      for (const booking of await this.store.cancelFutureBookingsOf(trx, userId, today)) {
        const room = (await this.store.roomExists(booking.room_id, trx))!;
        await appendEvent(trx, 'booking.cancelled', booking.id, { ...bookingPayload(booking, room), cancelledBy: userId });
        if (!hasStarted(slotByLabel(booking.time_slot)!, booking.date, this.moment())) await this.freeSlot(trx, booking);
      }
    }
  }

  async createRoom(input: RoomInput, origin: AuditSource): Promise<RoomRow> {
    const fields = roomFields(input);
    const created = await this.knex.transaction(async (trx) => {
      const room = await this.store.createRoom(fields, trx);
      await recordAudit(trx, origin, { action: 'room.created', target: room.id, details: { name: room.name } });
      return room;
    });
    this.store.roomsChanged();
    return created;
  }

  async updateRoom(idInput: string, input: RoomInput, origin: AuditSource): Promise<RoomRow> {
    const id = requireId('id', idInput);
    const fields = roomFields(input);
    const updated = await this.knex.transaction(async (trx) => {
      const before = await this.store.lockRoom(id, trx);
      if (!before) throw notFound('Room');
      const room = (await this.store.updateRoom(id, fields, trx))!;
      await recordAudit(trx, origin, { action: 'room.updated', target: id, details: { fields: changedFields(before, room, ROOM_FIELD_NAMES) } });
      return room;
    });
    this.store.roomsChanged();
    return updated;
  }

  /** The four demo rooms of the contract (development only). */
  async seedDemoRooms(): Promise<void> {
    const rooms: RoomFields[] = [
      {
        name: 'Turing Lecture Hall',
        capacity: 120,
        building: 'Science Center',
        floor: 1,
        amenities: ['projector', 'microphone', 'whiteboard', 'step-free access', 'hearing loop'],
        check_in_required: false,
      },
      {
        name: 'Lovelace Seminar Room',
        capacity: 30,
        building: 'Science Center',
        floor: 2,
        amenities: ['projector', 'whiteboard', 'video conferencing', 'step-free access', 'hearing loop'],
        check_in_required: false,
      },
      {
        name: 'Hopper Study Room',
        capacity: 8,
        building: 'Library',
        floor: 3,
        amenities: ['whiteboard', 'step-free access'],
        check_in_required: false,
      },
      {
        name: 'Curie Lab',
        capacity: 24,
        building: 'Engineering Building',
        floor: 0,
        amenities: ['computers', 'projector'],
        check_in_required: false,
      },
    ];
    for (const room of rooms) await this.store.createRoomIfMissing(room);
  }
}
