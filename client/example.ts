/**
 * The typed client at work (`npm run example`): sign in, book a room, open a ticket and follow
 * it live. Every document is generated from client/operations by GraphQL Code Generator, so
 * variables and results are type-checked against the API schema.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  AvailableSlotsDocument,
  CreateBookingDocument,
  CreateTicketDocument,
  LoginDocument,
  RoomsDocument,
  TicketUpdatedDocument,
  type TicketUpdatedSubscription,
} from './__generated__/graphql';
import { request, socketPayload } from './request';

export interface ExampleOptions {
  /** The gateway, e.g. http://localhost:4000/graphql. */
  url: string;
  email: string;
  password: string;
  /** How many live updates of the new ticket to wait for (the creation is the first). */
  updates: number;
  log?: (line: string) => void;
}

export interface ExampleRun {
  bookingId: string;
  ticketId: string;
  updates: Array<TicketUpdatedSubscription['ticketUpdated'] & { eventId: string }>;
}

export async function runExample(options: ExampleOptions): Promise<ExampleRun> {
  const log = options.log ?? console.log;
  const { login } = await request(options.url, LoginDocument, { email: options.email, password: options.password });
  log(`signed in as ${login.user.name} (${login.user.role})`);
  const token = login.accessToken;

  const { rooms } = await request(options.url, RoomsDocument, { minCapacity: 1 }, token);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  let booking: { id: string; room: { name: string }; timeSlot: string } | undefined;
  for (const room of rooms) {
    const { availableSlots } = await request(options.url, AvailableSlotsDocument, { roomId: room.id, date: tomorrow }, token);
    if (availableSlots.length === 0) continue;
    const made = await request(
      options.url,
      CreateBookingDocument,
      { input: { roomId: room.id, date: tomorrow, timeSlot: availableSlots[0].label } },
      token,
    );
    booking = made.createBooking;
    break;
  }
  if (!booking) throw new Error(`No room is free on ${tomorrow}`);
  log(`booked ${booking.room.name} on ${tomorrow}, ${booking.timeSlot}`);

  // Follow first, then report: the ticket's creation is the first update.
  const client = createClient({
    url: options.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const updates: ExampleRun['updates'] = [];
  let ticketId: string | undefined;
  try {
    const enough = new Promise<void>((resolve, reject) => {
      client.subscribe<TicketUpdatedSubscription>(socketPayload(TicketUpdatedDocument), {
        next: ({ data, extensions }) => {
          if (!data || data.ticketUpdated.id !== ticketId) return;
          updates.push({ ...data.ticketUpdated, eventId: String((extensions as { eventId?: string } | undefined)?.eventId) });
          log(
            `live: "${data.ticketUpdated.title}" is ${data.ticketUpdated.status}, ${data.ticketUpdated.priority}, due ${data.ticketUpdated.slaDueAt}`,
          );
          if (updates.length >= options.updates) resolve();
        },
        error: reject,
        complete: () => undefined,
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the subscription start
    const { createTicket } = await request(
      options.url,
      CreateTicketDocument,
      {
        input: {
          title: 'Projector does not turn on',
          description: `The projector in ${booking.room.name} shows no picture.`,
          location: booking.room.name,
        },
      },
      token,
    );
    ticketId = createTicket.id;
    log(`opened ticket ${ticketId}: ${createTicket.priority}, due ${createTicket.slaDueAt}`);
    await enough;
  } finally {
    await client.dispose();
  }
  return { bookingId: booking.id, ticketId, updates };
}

if (require.main === module) {
  runExample({
    url: process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql',
    email: process.env.EMAIL ?? 'student@example.com',
    password: process.env.PASSWORD ?? 'student123',
    updates: Number(process.env.UPDATES ?? 1),
  }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
