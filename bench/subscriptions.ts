/**
 * Subscription benchmark: N concurrent `ticketUpdated` subscribers (one graphql-ws connection
 * each) on one gateway. The system runs in this process; the subscribers run in a child
 * process, so the gateway's memory per subscriber is measured apart from the clients'.
 * For each ticket change: from sending the mutation to each delivery (p50, p99) and to the
 * last of all N. Usage: `npm run bench:subscriptions` (BENCH_SUBSCRIBERS, BENCH_EVENTS,
 * BENCH_USERS; DATABASE_URL=… for a real server).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { percentile, startBenchSystem } from './harness';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
/** Distinct signed-in users the subscribers are spread over (each user's result is shared). */
const USERS = Number(process.env.BENCH_USERS ?? 10);
const now = () => performance.timeOrigin + performance.now();

type ToClients = { type: 'connect'; url: string; tokens: string[]; count: number } | { type: 'stop' };
type FromClients = { type: 'ready' } | { type: 'received'; eventId: string; at: number };

/** The child process: N graphql-ws clients, reporting when each event reaches each of them. */
function runClients(): void {
  const clients: Array<ReturnType<typeof createClient>> = [];
  process.on('message', async (message: ToClients) => {
    if (message.type === 'stop') {
      await Promise.all(clients.map((c) => c.dispose()));
      process.exit(0);
    }
    if (message.type !== 'connect') return;
    let subscribed = 0;
    for (let i = 0; i < message.count; i++) {
      const client = createClient({ url: message.url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${message.tokens[i % message.tokens.length]}` } });
      clients.push(client);
      client.subscribe(
        { query: 'subscription { ticketUpdated { id status priority reporter { name } } }' },
        {
          next: (result) => process.send!({ type: 'received', eventId: String((result.extensions as { eventId?: string } | undefined)?.eventId), at: now() } satisfies FromClients),
          error: (error) => console.error('subscription error', error),
          complete: () => undefined,
        },
      );
      subscribed++;
    }
    void subscribed;
    process.send!({ type: 'ready' } satisfies FromClients);
  });
}

async function main(): Promise<void> {
  const { db, system, gql, login, stop } = await startBenchSystem({ MAX_SUBSCRIPTIONS_PER_CONNECTION: '20' });
  let child: ChildProcess | undefined;
  try {
    const admin = (await login('admin@example.com', 'admin123')).accessToken;
    const student = (await login('student@example.com', 'student123')).accessToken;
    const tokens = [admin];
    for (let i = 1; i < USERS; i++) {
      const email = `bench-admin-${randomUUID()}@example.com`;
      await gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email, name: 'Bench Admin', password: 'bench-password', role: 'ADMIN' } }, admin);
      tokens.push((await login(email, 'bench-password')).accessToken);
    }
    const ticket = (await gql('mutation { createTicket(input: { title: "Projector flickers", description: "The projector in room 5 flickers." }) { id } }', {}, student)).data.createTicket.id as string;

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    child = fork(__filename, ['--clients'], { execArgv: process.execArgv, stdio: 'inherit' });
    const received = new Map<string, number[]>();
    child.on('message', (message: FromClients) => {
      if (message.type === 'received') received.set(message.eventId, [...(received.get(message.eventId) ?? []), message.at]);
    });
    const ready = new Promise<void>((resolve) => child!.on('message', (m: FromClients) => m.type === 'ready' && resolve()));
    child.send({ type: 'connect', url: system.gatewayUrl.replace(/^http/, 'ws'), tokens, count: SUBSCRIBERS } satisfies ToClients);
    await ready;
    while (system.gateway.liveStats().subscribers < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));
    global.gc?.();
    const heapPerSubscriber = (process.memoryUsage().heapUsed - heapBefore) / SUBSCRIBERS;

    const perDelivery: number[] = [];
    const toAll: number[] = [];
    const statuses = ['IN_PROGRESS', 'RESOLVED', 'OPEN'];
    for (let i = 0; i < EVENTS; i++) {
      const sent = now();
      const moved = await gql('mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { status } }', { id: ticket, s: statuses[i % 3] }, admin);
      if (moved.errors) throw new Error(JSON.stringify(moved.errors));
      const eventId = String((await db.knex('outbox.events').max({ id: 'id' }).first())!.id);
      const deadline = Date.now() + 30_000;
      while ((received.get(eventId)?.length ?? 0) < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const times = received.get(eventId) ?? [];
      if (times.length < SUBSCRIBERS) throw new Error(`event ${eventId}: ${times.length} of ${SUBSCRIBERS} deliveries`);
      perDelivery.push(...times.map((t) => t - sent));
      toAll.push(Math.max(...times) - sent);
    }
    console.log(`database: ${db.kind}; ${SUBSCRIBERS} subscribers (one connection each) over ${USERS} users; ${EVENTS} ticket changes`);
    console.log(`mutation → delivery: p50 ${percentile(perDelivery, 50).toFixed(1)} ms, p99 ${percentile(perDelivery, 99).toFixed(1)} ms`);
    console.log(`mutation → delivered to all ${SUBSCRIBERS}: p50 ${percentile(toAll, 50).toFixed(1)} ms, p99 ${percentile(toAll, 99).toFixed(1)} ms`);
    console.log(`gateway heap per subscriber (connection + subscription): ${(heapPerSubscriber / 1024).toFixed(1)} KiB${global.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);
  } finally {
    child?.send({ type: 'stop' } satisfies ToClients);
    await stop();
  }
}

if (process.argv.includes('--clients')) runClients();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
