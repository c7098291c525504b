/**
 * `npm run bench:soak`: the whole stack's memory, idle and through a long mixed load (issue #13).
 *
 * Starts the system as `npm start` does (subgraphs and the database on this thread, the gateway on
 * a worker thread) on a fresh seeded database and measures, idle, then every BENCH_SOAK_SAMPLE
 * seconds of a BENCH_SOAK_SECONDS mixed load, then after BENCH_SOAK_IDLE seconds idle again:
 *   RSS           the process's resident memory (every thread),
 *   main heap     this thread's V8 heap used after a forced full GC (subgraphs, database),
 *   gateway heap  the gateway thread's, after a full GC there (bench/soakProbe.js answers).
 * The load: every workload of workloads.ts in turn through the in-start gateway, BENCH_SOAK_SLICE
 * seconds each at BENCH_CONNECTIONS, from the load generator child; meanwhile a second child keeps
 * BENCH_SOAK_SUBSCRIBERS graphql-ws clients (bench users 0-19, whose tickets and bookings the
 * writes create) connecting, subscribing to ticketUpdated and notificationAdded, receiving and
 * disconnecting again. Verdict: heap after GC at the end against after the first minute of load
 * (warm caches): flat when it grew by at most 10% or 10 MB.
 *
 * Usage: npm run bench:soak (DATABASE_URL=… for a scratch database on that server;
 * BENCH_SOAK_SNAPSHOTS=1 writes heap snapshots of both threads when warm and at the end; compare
 * them with `npx tsx bench/heapDiff.ts before.heapsnapshot after.heapsnapshot`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GatewayThread } from '../scripts/gatewayThread';
import { LoadGenerator, positiveNumber, startInStartGateway, startSeededSystem, workloadData } from './benchStack';
import { WORKLOADS, type WorkloadData } from './workloads';

const env = process.env;
const SECONDS = positiveNumber(env, 'BENCH_SOAK_SECONDS', 300);
const SAMPLE_SECONDS = Math.max(1, positiveNumber(env, 'BENCH_SOAK_SAMPLE', 10));
const SLICE_SECONDS = Math.max(1, positiveNumber(env, 'BENCH_SOAK_SLICE', 10));
const IDLE_SECONDS = positiveNumber(env, 'BENCH_SOAK_IDLE', 30);
const WARM_SECONDS = 60;
const CONNECTIONS = Math.max(1, Math.round(positiveNumber(env, 'BENCH_CONNECTIONS', 10)));
const SUBSCRIBERS = Math.round(positiveNumber(env, 'BENCH_SOAK_SUBSCRIBERS', 10));
const SNAPSHOTS = env.BENCH_SOAK_SNAPSHOTS === '1';
const FLAT_RATIO = 0.1;
const FLAT_BYTES = 10 * 1024 * 1024;

const PROBE = 'campus-soak-probe';
const SUBSCRIPTIONS = ['subscription { ticketUpdated { id status title } }', 'subscription { notificationAdded { id title } }'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

type ToSubscribers = { type: 'start'; url: string; tokens: string[]; clients: number } | { type: 'stats' } | { type: 'stop' };
interface SubscriberStats {
  connections: number;
  events: number;
  errors: number;
  firstError?: string;
  /** How many sockets closed with each code (1000: we disposed them). */
  closeCodes: Record<string, number>;
}
type FromSubscribers = { type: 'stats'; stats: SubscriberStats };

/** A socket's close code and reason, or whatever else a client rejected with. */
function closeCode(event: unknown): string {
  if (typeof event !== 'object' || event === null || !('code' in event)) return String(event);
  const { code, reason } = event as { code: number; reason?: string };
  return `${code} ${reason ?? ''}`.trim();
}

/**
 * Child role: `clients` graphql-ws clients, each in a loop of connect, subscribe to both fields,
 * hold for 2-10 s (receiving whatever arrives), dispose, until told to stop.
 */
function runSubscribers(): void {
  const stats: SubscriberStats = { connections: 0, events: 0, errors: 0, closeCodes: {} };
  const closeCodes = new Map<string, number>();
  // graphql-ws rejects a promise of its own nobody holds when a socket closes while it connects.
  process.on('unhandledRejection', (reason) => {
    stats.errors++;
    stats.firstError ??= `unhandled: ${closeCode(reason)}`;
  });
  const report = () => process.send!({ type: 'stats', stats: { ...stats, closeCodes: Object.fromEntries(closeCodes) } } satisfies FromSubscribers);
  const open = new Set<Client>();
  let running = true;
  const hold = async (url: string, token: string, seconds: number) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { closed: (event) => void closeCodes.set(closeCode(event), (closeCodes.get(closeCode(event)) ?? 0) + 1) },
    });
    open.add(client);
    stats.connections++;
    for (const query of SUBSCRIPTIONS) {
      client.subscribe(
        { query },
        {
          next: () => void stats.events++,
          error: (error) => {
            stats.errors++;
            stats.firstError ??= JSON.stringify(error).slice(0, 300);
          },
          complete: () => undefined,
        },
      );
    }
    await sleep(seconds * 1000);
    open.delete(client);
    await client.dispose();
  };
  const loop = async (url: string, tokens: string[], slot: number) => {
    for (let round = 0; running; round++) await hold(url, tokens[(slot + round) % tokens.length], 2 + ((slot + round) % 5) * 2);
  };
  // Gone with the benchmark, however it ends.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: ToSubscribers) => {
    if (message.type === 'start') for (let slot = 0; slot < message.clients; slot++) void loop(message.url, message.tokens, slot);
    if (message.type === 'stats') report();
    if (message.type === 'stop') {
      running = false;
      await Promise.all([...open].map(async (client) => client.dispose()));
      report();
      process.disconnect();
    }
  });
}

class Subscribers {
  private readonly child: ChildProcess = fork(__filename, ['subscribers'], { execArgv: ['--import', 'tsx'] });

  private ask(message: ToSubscribers): Promise<SubscriberStats> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the subscribers' process exited (${code})`));
      this.child.once('exit', exited);
      this.child.once('message', (answer: FromSubscribers) => {
        this.child.off('exit', exited);
        resolve(answer.stats);
      });
      this.child.send(message);
    });
  }

  start(url: string, data: WorkloadData): void {
    this.child.send({ type: 'start', url, tokens: data.users, clients: SUBSCRIBERS } satisfies ToSubscribers);
  }

  stats = () => this.ask({ type: 'stats' });
  stop = () => this.ask({ type: 'stop' });

  /** Ends the child if it still runs (a failed run never asked it to stop). */
  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

/** Asks the gateway thread's probe (bench/soakProbe.js) for its heap after GC, or a snapshot. */
function askGatewayThread<T extends { type: string }>(request: { type: string; file?: string }): Promise<T> {
  const channel = new BroadcastChannel(PROBE);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The gateway thread did not answer: run with --require ./bench/soakProbe.js')), 60_000);
    channel.onmessage = (event) => {
      const answer = (event as MessageEvent<T>).data;
      if (answer.type !== request.type) return;
      clearTimeout(timer);
      resolve(answer);
    };
    channel.postMessage(request);
  }).finally(() => channel.close());
}

function mainHeapAfterGc(): number {
  if (!global.gc) throw new Error('Run with --expose-gc (npm run bench:soak does)');
  global.gc();
  return process.memoryUsage().heapUsed;
}

/** The gateway's own gauges of live graphql-ws bookkeeping, from its /metrics. */
async function gatewayGauges(gatewayUrl: string): Promise<{ wsConnections: number; subscriptions: number }> {
  const url = new URL('/metrics', gatewayUrl);
  // Once more on a failure: a kept-alive socket may close as the request goes out.
  const text = await fetch(url)
    .catch(() => fetch(url))
    .then((response) => response.text());
  const gauge = (name: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
  };
  return { wsConnections: gauge('graphql_ws_connections'), subscriptions: gauge('graphql_subscriptions') };
}

/** Requests and failed requests per workload, with the first failure's answer. */
type Totals = Map<string, { requests: number; errors: number; firstError?: string }>;

interface Sample {
  seconds: number;
  phase: 'idle' | 'load' | 'idle after';
  rss: number;
  mainHeap: number;
  gatewayHeap: number;
  requests: number;
  errors: number;
  wsConnections: number;
  subscriptions: number;
  subscriberConnections: number;
  events: number;
}

async function sample(
  phase: Sample['phase'],
  seconds: number,
  gateway: GatewayThread,
  load: { requests: number; errors: number },
  subscribers?: SubscriberStats,
): Promise<Sample> {
  const mainHeap = mainHeapAfterGc();
  const { heapUsed: gatewayHeap } = await askGatewayThread<{ type: 'heap'; heapUsed: number }>({ type: 'heap' });
  const gauges = await gatewayGauges(gateway.url);
  const taken: Sample = {
    seconds: Math.round(seconds),
    phase,
    rss: process.memoryUsage().rss,
    mainHeap,
    gatewayHeap,
    ...load,
    ...gauges,
    subscriberConnections: subscribers?.connections ?? 0,
    events: subscribers?.events ?? 0,
  };
  console.error(
    `  ${taken.seconds} s ${phase}: RSS ${mb(taken.rss)} MB, heap after GC main ${mb(mainHeap)} + gateway ${mb(gatewayHeap)} MB, ` +
      `${taken.requests} requests, ${taken.subscriptions} subscriptions open`,
  );
  return taken;
}

async function snapshots(label: string): Promise<string[]> {
  if (!SNAPSHOTS) return [];
  const main = writeHeapSnapshot(path.join(tmpdir(), `soak-main-${label}.heapsnapshot`));
  const gatewayFile = path.join(tmpdir(), `soak-gateway-${label}.heapsnapshot`);
  const { file } = await askGatewayThread<{ type: 'snapshot'; file: string }>({ type: 'snapshot', file: gatewayFile });
  return [main, file];
}

/** Every workload in turn, a slice each, until `seconds` have passed; counts per workload. */
async function mixedLoad(loadgen: LoadGenerator, url: string, data: WorkloadData, seconds: number, totals: Totals) {
  const deadline = performance.now() + seconds * 1000;
  const nextRequest = new Map<string, number>();
  for (let turn = 0; performance.now() < deadline; turn++) {
    const workload = WORKLOADS[turn % WORKLOADS.length];
    const slice = Math.min(SLICE_SECONDS, (deadline - performance.now()) / 1000);
    const firstRequest = nextRequest.get(workload.name) ?? 1;
    const result = await loadgen.run({ workload: workload.name, endpoint: { url }, data, connections: CONNECTIONS, seconds: slice, firstRequest });
    // Numbers continue per workload, so writes never repeat and bookings stay near today.
    nextRequest.set(workload.name, firstRequest + result.requests + CONNECTIONS);
    const total = totals.get(workload.name) ?? { requests: 0, errors: 0 };
    totals.set(workload.name, {
      requests: total.requests + result.requests,
      errors: total.errors + result.errors,
      firstError: total.firstError ?? result.firstError,
    });
  }
}

function sumOf(totals: Map<string, { requests: number; errors: number }>) {
  let requests = 0;
  let errors = 0;
  for (const total of totals.values()) {
    requests += total.requests;
    errors += total.errors;
  }
  return { requests, errors };
}

function verdict(name: string, warm: number, end: number): string {
  const growth = end - warm;
  const flat = growth <= Math.max(FLAT_RATIO * warm, FLAT_BYTES);
  const percent = ((growth / warm) * 100).toFixed(1);
  return `| ${name} | ${mb(warm)} | ${mb(end)} | ${growth >= 0 ? '+' : ''}${mb(growth)} (${percent}%) | ${flat ? 'flat' : 'GROWS'} |`;
}

function printReport(samples: Sample[], warm: Sample, end: Sample, totals: Totals): void {
  console.log(
    '\n| time s | phase | RSS MB | heap after GC MB: main | gateway | requests so far | errors | ws connections open | subscriptions open | subscriber connections so far | events received |',
  );
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of samples) {
    console.log(
      `| ${s.seconds} | ${s.phase} | ${mb(s.rss)} | ${mb(s.mainHeap)} | ${mb(s.gatewayHeap)} | ${s.requests} | ${s.errors} | ${s.wsConnections} | ${s.subscriptions} | ${s.subscriberConnections} | ${s.events} |`,
    );
  }
  console.log('\n| workload | requests | errors |');
  console.log('| --- | ---: | ---: |');
  for (const [name, total] of totals)
    console.log(`| ${name} | ${total.requests} | ${total.errors}${total.firstError ? ` (${total.firstError.slice(0, 120)})` : ''} |`);
  console.log(`\nEnd (after ${IDLE_SECONDS} s idle) against ${warm.seconds} s into the load (warm caches); flat = grew by <= 10% or 10 MB:`);
  console.log('| measure | warm MB | end MB | change MB | verdict |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(verdict('heap after GC, main thread', warm.mainHeap, end.mainHeap));
  console.log(verdict('heap after GC, gateway thread', warm.gatewayHeap, end.gatewayHeap));
  console.log(verdict('RSS (process)', warm.rss, end.rss));
}

async function main(): Promise<void> {
  console.error(
    `bench:soak: ${SECONDS} s mixed load at ${CONNECTIONS} connections, ${SUBSCRIBERS} churning subscribers, sampled every ${SAMPLE_SECONDS} s`,
  );
  const system = await startSeededSystem();
  const { bench, seeded } = system;
  const gateway = await startInStartGateway(bench).catch(async (error: unknown) => {
    await system.stop();
    throw error;
  });
  const loadgen = new LoadGenerator();
  const subscribers = new Subscribers();
  const totals: Totals = new Map();
  const files: string[] = [];
  try {
    const data = workloadData(bench.config, seeded);
    await sleep(5000);
    const samples = [await sample('idle', 0, gateway, sumOf(totals))];
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    subscribers.start(gateway.url.replace(/^http/, 'ws'), data);
    let loading = true;
    const loaded = mixedLoad(loadgen, gateway.url, data, SECONDS, totals).finally(() => (loading = false));
    let warm: Sample | undefined;
    for (let next = SAMPLE_SECONDS; loading; next += SAMPLE_SECONDS) {
      while (loading && elapsed() < next) await sleep(200);
      if (!loading) break;
      samples.push(await sample('load', elapsed(), gateway, sumOf(totals), await subscribers.stats()));
      if (!warm && elapsed() >= WARM_SECONDS) {
        warm = samples[samples.length - 1];
        files.push(...(await snapshots('warm')));
      }
    }
    await loaded;
    const finalStats = await subscribers.stop();
    samples.push(await sample('load', elapsed(), gateway, sumOf(totals), finalStats));
    await sleep(IDLE_SECONDS * 1000);
    const end = await sample('idle after', elapsed(), gateway, sumOf(totals), finalStats);
    samples.push(end);
    files.push(...(await snapshots('end')));
    printReport(samples, warm ?? samples[1] ?? end, end, totals);
    console.log(
      `\nsubscriber sockets closed, by code: ${JSON.stringify(finalStats.closeCodes)}; errors: ${finalStats.errors}${finalStats.firstError ? ` (${finalStats.firstError})` : ''}`,
    );
    console.log(
      `\ndatabase: ${bench.db.kind}; Node ${process.version}; ${SECONDS} s of load, ${CONNECTIONS} connections, ${SUBSCRIBERS} churning subscribers`,
    );
    if (files.length) console.log(`heap snapshots: ${files.join(', ')}`);
  } finally {
    subscribers.close();
    loadgen.stop();
    await gateway.stop();
    await system.stop();
  }
}

if (process.argv[2] === 'subscribers') runSubscribers();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
