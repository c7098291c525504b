/**
 * Subscription benchmark, in two parts. The system (every subgraph and a gateway) runs in this
 * process; graphql-ws clients run in a child process.
 *
 * 1. Latency: N `ticketUpdated` subscribers, one connection each, spread over BENCH_USERS
 *    distinct users (ADMINs, plus the ticket's reporter); an ADMIN changes the ticket's status
 *    BENCH_EVENTS times; the clock runs from sending the mutation to each delivery.
 * 2. Idle cost: BENCH_IDLE subscriptions (20 per connection, one user per connection) held by a
 *    gateway in a process of its own, so its heap per subscription is measured apart from the
 *    subgraph's (this process).
 *
 * Usage: `npm run bench:subscriptions` (BENCH_SUBSCRIBERS, BENCH_USERS, BENCH_EVENTS,
 * BENCH_IDLE; DATABASE_URL=… for a real server).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createAccessTokenService, type Role } from '../lib/auth';
import { loadConfig } from '../lib/config';
import { listen } from '../lib/http';
import { createLogger } from '../lib/logger';
import { createGateway } from '../gateway/server';
import { dataOf, percentile, startBenchSystem } from './harness';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const USERS = Number(process.env.BENCH_USERS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const IDLE = Number(process.env.BENCH_IDLE ?? 10_000);
const PER_CONNECTION = 20;
const QUERY = 'subscription { ticketUpdated { id status priority reporter { name } } }';
const now = () => performance.timeOrigin + performance.now();

type ToChild =
  | { type: 'connect'; url: string; connections: Array<{ token: string; subscriptions: number }> }
  | { type: 'serve'; subgraphUrls: Record<string, string> }
  | { type: 'heap' }
  | { type: 'stop' };
type FromChild =
  | { type: 'ready' }
  | { type: 'received'; eventId: string; at: number }
  | { type: 'serving'; url: string }
  | { type: 'heap'; heapUsed: number; subscribers: number };

const send = (message: FromChild) => process.send!(message);
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

function heapAfterGc(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

/** Child role: graphql-ws clients, reporting when each event reaches each subscription. */
function runClients(): void {
  const clients: Array<ReturnType<typeof createClient>> = [];
  process.on('message', async (message: ToChild) => {
    if (message.type === 'stop') {
      await Promise.all(clients.map(async (c) => c.dispose()));
      process.exit(0);
    }
    if (message.type !== 'connect') return;
    for (const { token, subscriptions } of message.connections) {
      const client = createClient({
        url: message.url,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      clients.push(client);
      for (let i = 0; i < subscriptions; i++) {
        client.subscribe(
          { query: QUERY },
          {
            next: (result) =>
              send({ type: 'received', eventId: String((result.extensions as { eventId?: string } | undefined)?.eventId), at: now() }),
            error: (error) => console.error('subscription error', error),
            complete: () => undefined,
          },
        );
      }
    }
    send({ type: 'ready' });
  });
}

/** Child role: a gateway alone (no database), whose heap the parent asks for. */
function runGateway(): void {
  let stats: () => number = () => 0;
  process.on('message', async (message: ToChild) => {
    if (message.type === 'stop') process.exit(0);
    if (message.type === 'heap') send({ type: 'heap', heapUsed: heapAfterGc(), subscribers: stats() });
    if (message.type !== 'serve') return;
    const gateway = await createGateway({
      config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }),
      logger: createLogger('silent', 'bench'),
      subgraphUrls: message.subgraphUrls,
    });
    const server = await listen(gateway.app, 0, '127.0.0.1');
    gateway.attachWebSockets(server.httpServer);
    stats = () => gateway.liveStats().subscribers;
    send({ type: 'serving', url: `${server.url}/graphql`.replace(/^http/, 'ws') });
  });
}

function child(role: string): ChildProcess {
  return fork(__filename, [role], { execArgv: process.execArgv, stdio: 'inherit' });
}

function next<T extends FromChild['type']>(process: ChildProcess, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve) => {
    const listener = (message: FromChild) => {
      if (message.type !== type) return;
      process.off('message', listener);
      resolve(message as Extract<FromChild, { type: T }>);
    };
    process.on('message', listener);
  });
}

function tokensFor(count: number, role: Role): string[] {
  const tokens = createAccessTokenService(loadConfig().jwt);
  return Array.from({ length: count }, () => tokens.issue({ id: randomUUID(), role }, randomUUID()).accessToken);
}

async function main(): Promise<void> {
  const bench = await startBenchSystem();
  const { db, system, gql, login } = bench;
  const children: ChildProcess[] = [];
  try {
    const admin = (await login('admin@example.com', 'admin123')).accessToken;
    const student = (await login('student@example.com', 'student123')).accessToken;
    const ticket = dataOf(
      await gql<{ createTicket: { id: string } }>(
        'mutation { createTicket(input: { title: "Projector flickers", description: "The projector in room 5 flickers." }) { id } }',
        {},
        student,
      ),
    ).createTicket.id;

    // 1. Latency: the reporter and USERS - 1 ADMINs, each user on connections of their own.
    const users = [student, ...tokensFor(USERS - 1, 'ADMIN')];
    const clients = child('--clients');
    children.push(clients);
    const received = new Map<string, number[]>();
    clients.on('message', (message: FromChild) => {
      if (message.type === 'received') received.set(message.eventId, [...(received.get(message.eventId) ?? []), message.at]);
    });
    const ready = next(clients, 'ready');
    clients.send({
      type: 'connect',
      url: system.gatewayUrl.replace(/^http/, 'ws'),
      connections: Array.from({ length: SUBSCRIBERS }, (_, i) => ({ token: users[i % users.length], subscriptions: 1 })),
    } satisfies ToChild);
    await ready;
    while (system.gateway.liveStats().subscribers < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));

    const perDelivery: number[] = [];
    const toAll: number[] = [];
    const statuses = ['IN_PROGRESS', 'RESOLVED', 'OPEN'];
    for (let i = 0; i < EVENTS; i++) {
      const sent = now();
      const moved = await gql(
        'mutation($id: ID!, $s: TicketStatus!) { updateTicketStatus(id: $id, status: $s) { status } }',
        { id: ticket, s: statuses[i % 3] },
        admin,
      );
      if (moved.errors) throw new Error(JSON.stringify(moved.errors));
      const eventId = String((await db.knex('outbox.events').whereLike('topic', 'ticket.%').max({ id: 'id' }).first())!.id);
      const deadline = Date.now() + 30_000;
      while ((received.get(eventId)?.length ?? 0) < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const times = received.get(eventId) ?? [];
      if (times.length < SUBSCRIBERS) throw new Error(`event ${eventId}: ${times.length} of ${SUBSCRIBERS} deliveries`);
      perDelivery.push(...times.map((t) => t - sent));
      toAll.push(Math.max(...times) - sent);
    }
    console.log(
      `database: ${db.kind}; ${SUBSCRIBERS} subscribers (one connection each) over ${Math.min(USERS, SUBSCRIBERS)} users; ${EVENTS} ticket changes`,
    );
    console.log(`mutation → delivery: p50 ${percentile(perDelivery, 50).toFixed(1)} ms, p99 ${percentile(perDelivery, 99).toFixed(1)} ms`);
    console.log(`mutation → delivered to all ${SUBSCRIBERS}: p50 ${percentile(toAll, 50).toFixed(1)} ms, p99 ${percentile(toAll, 99).toFixed(1)} ms`);
    clients.send({ type: 'stop' } satisfies ToChild);
    while (system.gateway.liveStats().subscribers > 0) await new Promise((r) => setTimeout(r, 50));

    if (IDLE === 0) return;
    // 2. Idle cost: a gateway of its own, IDLE subscriptions, heaps before and after.
    const gateway = child('--gateway');
    children.push(gateway);
    const serving = next(gateway, 'serving');
    gateway.send({ type: 'serve', subgraphUrls: system.subgraphUrls } satisfies ToChild);
    const { url } = await serving;
    await settle();
    const heapOf = async () => {
      const answer = next(gateway, 'heap');
      gateway.send({ type: 'heap' } satisfies ToChild);
      return answer;
    };
    const gatewayBefore = (await heapOf()).heapUsed;
    const subgraphBefore = heapAfterGc();
    const idleClients = child('--clients');
    children.push(idleClients);
    const connections = Math.ceil(IDLE / PER_CONNECTION);
    const idleReady = next(idleClients, 'ready');
    idleClients.send({
      type: 'connect',
      url,
      connections: tokensFor(connections, 'STUDENT').map((token) => ({ token, subscriptions: PER_CONNECTION })),
    } satisfies ToChild);
    await idleReady;
    let gatewayAfter = await heapOf();
    while (gatewayAfter.subscribers < connections * PER_CONNECTION) {
      process.stderr.write(`\r${gatewayAfter.subscribers} of ${connections * PER_CONNECTION} subscriptions live`);
      await settle();
      gatewayAfter = await heapOf();
    }
    await settle();
    gatewayAfter = await heapOf();
    const subgraphAfter = heapAfterGc();
    const total = connections * PER_CONNECTION;
    console.log(`${total} idle subscriptions over ${connections} connections:`);
    console.log(
      `  gateway heap per subscription (its connection share included): ${((gatewayAfter.heapUsed - gatewayBefore) / total / 1024).toFixed(1)} KiB`,
    );
    console.log(
      `  subgraph heap per subscription (maintenance, with the rest of the system in its process): ${((subgraphAfter - subgraphBefore) / total / 1024).toFixed(1)} KiB${global.gc ? '' : ' (run with --expose-gc for steadier figures)'}`,
    );
  } finally {
    for (const c of children) if (c.connected) c.send({ type: 'stop' } satisfies ToChild);
    await bench.stop();
  }
}

if (process.argv.includes('--clients')) runClients();
else if (process.argv.includes('--gateway')) runGateway();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
