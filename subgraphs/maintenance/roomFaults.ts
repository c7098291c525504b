/**
 * A ticket's room, and the fault it reports to the booking subgraph. While a CRITICAL ticket on a
 * room is unresolved the room is out of service; maintenance never writes booking's tables, it
 * appends `ticket.room_fault_opened` / `ticket.room_fault_cleared` in the transaction of the
 * change, and booking's outbox consumer keeps its own record of faults from them.
 */
import type { Knex } from 'knex';
import { badInput } from '../../lib/errors';
import { appendEvent } from '../../lib/outbox';
import { requireId } from '../../lib/validation';
import type { TicketStatus } from './sla';
import type { TicketRow } from './store';

/** A room as the booking subgraph publishes it (`booking.room_directory`). */
export interface DirectoryRoom {
  id: string;
  name: string;
  capacity: number;
}

const UNRESOLVED: ReadonlySet<TicketStatus> = new Set<TicketStatus>(['OPEN', 'IN_PROGRESS', 'ON_HOLD']);

/** The room a new ticket names, checked in booking's published directory; null when it names none. */
export async function requireTicketRoom(knex: Knex, roomIdInput: string | null | undefined): Promise<DirectoryRoom | null> {
  if (roomIdInput == null) return null;
  const id = requireId('input.roomId', roomIdInput);
  const room = await knex<DirectoryRoom>('booking.room_directory').comment('roomInDirectory').where({ id }).first();
  if (!room) throw badInput('input.roomId', 'no room has this id');
  return room;
}

/** The room a ticket puts out of service, if it does: CRITICAL, unresolved, on a room. */
export function faultyRoomOf(ticket: TicketRow | null): string | null {
  return ticket?.room_id && ticket.priority === 'CRITICAL' && UNRESOLVED.has(ticket.status) ? ticket.room_id : null;
}

/**
 * Call in the transaction of every ticket change (`before` null for a creation): reports the fault
 * opened when the ticket starts putting a room out of service (created or raised to CRITICAL,
 * reopened), cleared when it stops (resolved, closed, lowered), both when its room changes.
 */
export async function syncRoomFault(trx: Knex.Transaction, before: TicketRow | null, after: TicketRow): Promise<void> {
  const was = faultyRoomOf(before);
  const is = faultyRoomOf(after);
  if (was === is) return;
  if (was) await appendEvent(trx, 'ticket.room_fault_cleared', after.id, { ticketId: after.id, roomId: was, title: before!.title });
  if (is) await appendEvent(trx, 'ticket.room_fault_opened', after.id, { ticketId: after.id, roomId: is, title: after.title });
}
