import type { Knex } from 'knex';

// The booking subgraph takes rooms out of service on maintenance's room faults; notifications
// tells the holders of bookings in such a room.
export async function up(knex: Knex): Promise<void> {
  const add = `update outbox.consumers set topics = array(select distinct unnest(topics || ?::text[]) order by 1) where name = ?`;
  await knex.raw(add, [['ticket.room_fault_opened', 'ticket.room_fault_cleared'], 'booking']);
  await knex.raw(add, [['booking.room_out_of_service'], 'notifications']);
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
