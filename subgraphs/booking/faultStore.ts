/**
 * Data access for room faults (why a room is out of service) and the notices sent to holders of
 * bookings in a faulty room. A room is out of service from its first fault until its last one is
 * cleared: one period, however many faults overlap in it. The notice rows, one per booking and
 * period, make each notice once: told again only if the room came back and went out again.
 */
import type { Knex } from 'knex';
import { BOOKING_COLUMNS, type BookingRow } from './store';

const FAULTS = 'booking.room_faults';
const NOTICES = 'booking.room_fault_notices';
const EVENTS = 'booking.room_fault_events';

/** Who reported a fault and under which of their references (a maintenance ticket's id). */
export interface FaultKey {
  source: string;
  reference: string;
}

export interface FaultRow extends FaultKey {
  room_id: string;
  description: string | null;
  since: Date;
  /** When the room's current out-of-service period began (faults that overlap share it). */
  period_since: Date;
}

/** A fault's words for a refusal: `"Burst pipe" (maintenance ticket)`. */
export function describeFault(fault: Pick<FaultRow, 'source' | 'description'>): string {
  const what = fault.description ? `"${fault.description}"` : 'a reported fault';
  return `${what} (${fault.source === 'maintenance' ? 'maintenance ticket' : fault.source})`;
}

export class FaultStore {
  /**
   * Records a fault (nothing when it is recorded already) and returns it. A fault opening while
   * the room has others joins their out-of-service period; otherwise it starts one.
   */
  async add(trx: Knex.Transaction, fault: FaultKey & { roomId: string; description: string }): Promise<FaultRow> {
    const { rows } = await trx.raw<{ rows: FaultRow[] }>(
      `/* addRoomFault */ insert into ${FAULTS} (room_id, source, reference, description, period_since)
       values (?, ?, ?, ?, coalesce((select min(period_since) from ${FAULTS} where room_id = ?), now()))
       on conflict (room_id, source, reference) do update set description = excluded.description
       returning *`,
      [fault.roomId, fault.source, fault.reference, fault.description, fault.roomId],
    );
    return rows[0];
  }

  /**
   * Marks event `eventId` as the newest one handled for this fault; false when a newer one was
   * handled already (this one is stale and must change nothing). Its row lock lines up handlers.
   */
  async claimNewest(trx: Knex.Transaction, fault: FaultKey, eventId: number): Promise<boolean> {
    const { rows } = await trx.raw<{ rows: Array<{ last_event_id: string | number }> }>(
      `/* claimNewestFaultEvent */ insert into ${EVENTS} (source, reference, last_event_id) values (?, ?, ?)
       on conflict (source, reference) do update set last_event_id = excluded.last_event_id
        where ${EVENTS}.last_event_id < excluded.last_event_id
       returning last_event_id`,
      [fault.source, fault.reference, eventId],
    );
    return rows.length > 0;
  }

  async remove(trx: Knex.Transaction, fault: FaultKey & { roomId: string }): Promise<void> {
    await trx(FAULTS).comment('removeRoomFault').where({ room_id: fault.roomId, source: fault.source, reference: fault.reference }).delete();
  }

  /** The oldest open fault of each room that has one: it names the room's out-of-service period. */
  oldestPerRoom(db: Knex): Promise<FaultRow[]> {
    return db<FaultRow>(FAULTS).comment('jobOldestFaultPerRoom').distinctOn('room_id').orderBy(['room_id', 'period_since', 'since', 'reference']);
  }

  /** The room's oldest open fault, the one a refusal names. */
  oldestOf(trx: Knex, roomId: string): Promise<FaultRow | undefined> {
    return trx<FaultRow>(FAULTS)
      .comment('oldestRoomFault')
      .where({ room_id: roomId })
      .orderBy([{ column: 'since' }, { column: 'reference' }])
      .first();
  }

  /**
   * Records a notice, under `fault`'s out-of-service period, for each ACTIVE booking of its room
   * from `after` (a date and `HH:MM`: slots starting later) to `until` (a date, inclusive) not
   * told of that period yet, and returns those bookings, soonest first.
   */
  async noticeBookings(trx: Knex.Transaction, fault: FaultRow, window: { today: string; afterTime: string; until: string }): Promise<BookingRow[]> {
    const { rows } = await trx.raw<{ rows: BookingRow[] }>(
      `/* noticeRoomFaultBookings */ with fresh as (
         insert into ${NOTICES} (booking_id, period_since, source, reference)
         select b.id, (select min(f.period_since) from ${FAULTS} f where f.room_id = b.room_id), ?, ? from booking.bookings b
          where b.room_id = ? and b.status = 'ACTIVE'
            and (b.date > ?::date or (b.date = ?::date and left(b.time_slot, 5) > ?)) and b.date <= ?::date
         on conflict (booking_id, period_since) do nothing
         returning booking_id)
       select ${BOOKING_COLUMNS.map((c) => `b.${c}`).join(', ')} from booking.bookings b join fresh on fresh.booking_id = b.id
        order by b.date, b.time_slot`,
      [fault.source, fault.reference, fault.room_id, window.today, window.today, window.afterTime, window.until],
    );
    return rows;
  }
}
