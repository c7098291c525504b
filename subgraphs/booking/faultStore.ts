/**
 * Data access for room faults (why a room is out of service) and the notices sent to holders of
 * bookings in a faulty room. The notice rows make each notice once: a booking is noticed only
 * while no fault of its room that is still open has noticed it already.
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
}

/** A fault's words for a refusal: `"Burst pipe" (maintenance ticket)`. */
export function describeFault(fault: Pick<FaultRow, 'source' | 'description'>): string {
  const what = fault.description ? `"${fault.description}"` : 'a reported fault';
  return `${what} (${fault.source === 'maintenance' ? 'maintenance ticket' : fault.source})`;
}

export class FaultStore {
  /** Records a fault; false when it was already recorded (a redelivered event). */
  async add(trx: Knex.Transaction, fault: FaultKey & { roomId: string; description: string }): Promise<boolean> {
    const rows = await trx(FAULTS)
      .comment('addRoomFault')
      .insert({ room_id: fault.roomId, source: fault.source, reference: fault.reference, description: fault.description })
      .onConflict(['room_id', 'source', 'reference'])
      .ignore()
      .returning('room_id');
    return rows.length > 0;
  }

  /**
   * Marks event `eventId` as the newest one handled for this fault; false when a newer one was
   * handled already (this one is stale and must change nothing). Its row lock lines up handlers.
   */
  async claimNewest(trx: Knex.Transaction, fault: FaultKey, eventId: number): Promise<boolean> {
    const { rows } = await trx.raw(
      `/* claimNewestFaultEvent */ insert into ${EVENTS} (source, reference, last_event_id) values (?, ?, ?)
       on conflict (source, reference) do update set last_event_id = excluded.last_event_id
        where ${EVENTS}.last_event_id < excluded.last_event_id
       returning last_event_id`,
      [fault.source, fault.reference, eventId],
    );
    return (rows as unknown[]).length > 0;
  }

  async remove(trx: Knex.Transaction, fault: FaultKey & { roomId: string }): Promise<void> {
    await trx(FAULTS).comment('removeRoomFault').where({ room_id: fault.roomId, source: fault.source, reference: fault.reference }).delete();
  }

  /** Every open fault, oldest first. */
  all(db: Knex): Promise<FaultRow[]> {
    return db(FAULTS)
      .comment('openRoomFaults')
      .orderBy([{ column: 'since' }, { column: 'reference' }]);
  }

  /** The room's oldest open fault, the one a refusal names. */
  oldestOf(trx: Knex, roomId: string): Promise<FaultRow | undefined> {
    return trx(FAULTS)
      .comment('oldestRoomFault')
      .where({ room_id: roomId })
      .orderBy([{ column: 'since' }, { column: 'reference' }])
      .first();
  }

  /**
   * Records a notice for each ACTIVE booking of the room from `after` (a date and `HH:MM`: slots
   * starting later) to `until` (a date, inclusive) that no open fault of the room has noticed
   * yet, and returns those bookings, soonest first.
   */
  async noticeBookings(
    trx: Knex.Transaction,
    fault: FaultKey & { roomId: string },
    window: { today: string; afterTime: string; until: string },
  ): Promise<BookingRow[]> {
    const { rows } = await trx.raw(
      `/* noticeRoomFaultBookings */ with fresh as (
         insert into ${NOTICES} (booking_id, source, reference)
         select b.id, ?, ? from booking.bookings b
          where b.room_id = ? and b.status = 'ACTIVE'
            and (b.date > ?::date or (b.date = ?::date and left(b.time_slot, 5) > ?)) and b.date <= ?::date
            and not exists (
              select 1 from ${NOTICES} n join ${FAULTS} f on f.source = n.source and f.reference = n.reference and f.room_id = b.room_id
               where n.booking_id = b.id)
         on conflict do nothing
         returning booking_id)
       select ${BOOKING_COLUMNS.map((c) => `b.${c}`).join(', ')} from booking.bookings b join fresh on fresh.booking_id = b.id
        order by b.date, b.time_slot`,
      [fault.source, fault.reference, fault.roomId, window.today, window.today, window.afterTime, window.until],
    );
    return rows;
  }
}
