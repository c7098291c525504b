import type { Knex } from 'knex';

// What other subgraphs may read about rooms (maintenance checks a ticket's room exists), as a
// view: the booking subgraph keeps its tables to itself and may change them behind it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create view booking.room_directory as select id, name, capacity from booking.rooms');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
