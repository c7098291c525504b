/**
 * Room rows are cached between requests (lib/tableCache.ts) and never served stale for longer
 * than a change notice takes: a write by this process is seen at once, a write by anyone else
 * (here: straight to the table, as another instance would) once its notice arrives.
 */
import { TableCache } from '../../lib/tableCache';
import { createLogger } from '../../lib/logger';
import { DEMO, eventually, startTestStack, type TestStack } from '../../test/stack';
import { graphql } from '../../test/__generated__';

let stack: TestStack;
let admin: string;

const ROOMS = graphql(`
  query CachedRooms {
    rooms(limit: 100) {
      id
      name
      capacity
    }
  }
`);
const UPDATE_ROOM = graphql(`
  mutation CachedRoomUpdate($id: ID!, $input: RoomInput!) {
    updateRoom(id: $id, input: $input) {
      id
      name
    }
  }
`);

async function roomNamed(name: string) {
  const result = await stack.gql(ROOMS, {}, admin);
  return result.data!.rooms.find((room) => room.name === name);
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
});
afterAll(() => stack?.close());

test('a room changed through the API is listed changed at once', async () => {
  const room = (await stack.gql(ROOMS, {}, admin)).data!.rooms[0];
  const input = { name: `${room.name} (renamed)`, capacity: room.capacity };
  expect((await stack.gql(UPDATE_ROOM, { id: room.id, input }, admin)).errors).toBeUndefined();
  expect(await roomNamed(input.name)).toMatchObject({ id: room.id });
});

test('a room changed behind this process is listed changed once the notice arrives', async () => {
  const { knex } = stack.system.db;
  const room = (await stack.gql(ROOMS, {}, admin)).data!.rooms[1];
  expect(await roomNamed(room.name)).toBeDefined(); // cached now
  await knex('booking.rooms')
    .where({ id: room.id })
    .update({ capacity: room.capacity + 7 });
  await eventually(async () => expect((await roomNamed(room.name))!.capacity).toBe(room.capacity + 7));
});

test('a read that started before a change is not kept after its notice', async () => {
  const cache = new TableCache<string>(stack.system.db, 'booking.rooms', createLogger('silent', 'test'));
  await cache.start();
  try {
    expect(await cache.get('warm', () => Promise.resolve('before'))).toBe('before');
    let finishSlowRead!: (value: string) => void;
    const slowRead = cache.get('slow', () => new Promise<string>((resolve) => (finishSlowRead = resolve)));
    await stack.system.db.knex('booking.rooms').update({ updated_at: stack.system.db.knex.fn.now() });
    // The notice has arrived once the warm entry is gone.
    await eventually(async () => expect(await cache.get('warm', () => Promise.resolve('after'))).toBe('after'));
    finishSlowRead('read before the change');
    expect(await slowRead).toBe('read before the change');
    expect(await cache.get('slow', () => Promise.resolve('read again'))).toBe('read again');
  } finally {
    await cache.stop();
  }
});
