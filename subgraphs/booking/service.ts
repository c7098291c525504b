/**
 * The rules of booking: which dates and slots can be booked, who may cancel what, and the
 * outbox event that records every booking made or cancelled in the same transaction.
 */
import type { Knex } from 'knex';
import type { AuthUser } from '../../lib/auth';
import { changedFields, recordAudit, type AuditSource } from '../../lib/audit';
import { addDays, campusMoment, requireDate, type CampusMoment } from '../../lib/campusTime';
import { badInput, forbidden, notFound, registerConstraintMessages } from '../../lib/errors';
import { appendEvent, type OutboxEvent } from '../../lib/outbox';
import { TEXT_LIMITS, requireId, requireText } from '../../lib/validation';
import { TIME_SLOTS, hasStarted, slotByLabel, type SlotDefinition } from './slots';
import { BookingStore, type BookingRow, type RoomFields, type RoomRow } from './store';

registerConstraintMessages({
  bookings_room_slot_active: 'This room is already booked for that slot',
  bookings_user_slot_active: 'You already hold a booking in that slot',
  rooms_name_unique: 'A room with this name already exists',
});

export const ROOM_LIMITS = { minCapacity: 1, maxCapacity: 1000, minFloor: -20, maxFloor: 300, maxAmenities: 30, amenityLength: 50 } as const;

export interface RoomInput {
  name: string;
  capacity: number;
  building?: string | null;
  floor?: number | null;
  amenities?: readonly string[] | null;
}

export interface BookingServiceOptions {
  timeZone: string;
  horizonDays: number;
  /** The current time; tests move it. */
  now?: () => Date;
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
  return { name, capacity: input.capacity, building, floor: input.floor ?? null, amenities: unique };
}

export class BookingService {
  readonly store: BookingStore;
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    private readonly options: BookingServiceOptions,
  ) {
    this.store = new BookingStore(knex);
    this.now = options.now ?? (() => new Date());
  }

  moment(): CampusMoment {
    return campusMoment(this.options.timeZone, this.now());
  }

  /** A bookable date: well formed, not in the past, within the horizon. */
  private requireBookableDate(argument: string, value: string, today: string): string {
    const date = requireDate(argument, value);
    if (date < today) throw badInput(argument, `must be today (${today}) or later`);
    const last = addDays(today, this.options.horizonDays);
    if (date > last) throw badInput(argument, `must be at most ${this.options.horizonDays} days ahead (${last})`);
    return date;
  }

  private async requireRoom(argument: string, value: string, trx: Knex = this.knex): Promise<RoomRow> {
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

  async createBooking(caller: AuthUser, input: { roomId: string; date: string; timeSlot: string }): Promise<BookingRow> {
    const now = this.moment();
    const date = this.requireBookableDate('input.date', input.date, now.date);
    const slot = slotByLabel(input.timeSlot.trim());
    if (!slot) throw badInput('input.timeSlot', `must be one of ${TIME_SLOTS.map((s) => s.label).join(', ')}`);
    if (hasStarted(slot, date, now)) throw badInput('input.timeSlot', `${slot.label} on ${date} has already started`);
    const roomId = requireId('input.roomId', input.roomId);
    return this.knex.transaction(async (trx) => {
      const room = await this.requireRoom('input.roomId', roomId, trx);
      // The partial unique indexes decide races: the loser's 23505 becomes CONFLICT.
      const booking = await this.store.insertBooking(trx, { roomId: room.id, userId: caller.id, date, timeSlot: slot.label });
      await appendEvent(trx, 'booking.created', booking.id, {
        bookingId: booking.id,
        userId: booking.user_id,
        roomId: room.id,
        roomName: room.name,
        date,
        timeSlot: slot.label,
      });
      return booking;
    });
  }

  async cancelBooking(caller: AuthUser, idInput: string): Promise<BookingRow> {
    const id = requireId('id', idInput);
    return this.knex.transaction(async (trx) => {
      const booking = await this.store.lockBooking(trx, id);
      if (!booking) throw notFound('Booking');
      if (caller.role !== 'FACULTY' && booking.user_id !== caller.id) throw forbidden('You may cancel only your own bookings');
      if (booking.status === 'CANCELLED') throw badInput('id', 'this booking is already cancelled');
      const slot = slotByLabel(booking.time_slot)!;
      if (hasStarted(slot, booking.date, this.moment())) throw badInput('id', 'this booking has already started or is in the past');
      const cancelled = await this.store.markCancelled(trx, id, caller.id);
      const room = (await this.store.roomExists(booking.room_id, trx))!;
      await appendEvent(trx, 'booking.cancelled', id, {
        bookingId: id,
        userId: booking.user_id,
        roomId: room.id,
        roomName: room.name,
        date: booking.date,
        timeSlot: booking.time_slot,
        cancelledBy: caller.id,
      });
      return cancelled;
    });
  }

  /**
   * The outbox consumer's handler: a deleted account's bookings from today on are cancelled
   * (each recorded like any cancellation), so its slots are free again.
   */
  async handleEvents(trx: Knex.Transaction, events: OutboxEvent[]): Promise<void> {
    const today = this.moment().date;
    for (const event of events) {
      if (event.topic !== 'user.deleted') continue;
      const { userId } = event.payload as OutboxEvent<'user.deleted'>['payload'];
      for (const booking of await this.store.cancelFutureBookingsOf(trx, userId, today)) {
        const room = (await this.store.roomExists(booking.room_id, trx))!;
        await appendEvent(trx, 'booking.cancelled', booking.id, {
          bookingId: booking.id,
          userId,
          roomId: room.id,
          roomName: room.name,
          date: booking.date,
          timeSlot: booking.time_slot,
          cancelledBy: userId,
        });
      }
    }
  }

  createRoom(input: RoomInput, origin: AuditSource): Promise<RoomRow> {
    const fields = roomFields(input);
    return this.knex.transaction(async (trx) => {
      const room = await this.store.createRoom(fields, trx);
      await recordAudit(trx, origin, { action: 'room.created', target: room.id, details: { name: room.name } });
      return room;
    });
  }

  async updateRoom(idInput: string, input: RoomInput, origin: AuditSource): Promise<RoomRow> {
    const id = requireId('id', idInput);
    const fields = roomFields(input);
    return this.knex.transaction(async (trx) => {
      const before = await this.store.lockRoom(id, trx);
      if (!before) throw notFound('Room');
      const room = (await this.store.updateRoom(id, fields, trx))!;
      await recordAudit(trx, origin, { action: 'room.updated', target: id, details: { fields: changedFields(before, room, ROOM_FIELD_NAMES) } });
      return room;
    });
  }

  /** The four demo rooms of the contract (development only). */
  async seedDemoRooms(): Promise<void> {
    const rooms: RoomFields[] = [
      { name: 'Turing Lecture Hall', capacity: 120, building: 'Science Center', floor: 1, amenities: ['projector', 'microphone', 'whiteboard'] },
      { name: 'Lovelace Seminar Room', capacity: 30, building: 'Science Center', floor: 2, amenities: ['projector', 'whiteboard', 'video conferencing'] },
      { name: 'Hopper Study Room', capacity: 8, building: 'Library', floor: 3, amenities: ['whiteboard'] },
      { name: 'Curie Lab', capacity: 24, building: 'Engineering Building', floor: 0, amenities: ['computers', 'projector'] },
    ];
    for (const room of rooms) await this.store.createRoomIfMissing(room);
  }
}
