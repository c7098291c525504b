/**
 * `npm run bench`: our gateway against Hive Gateway (issue #13), side by side in one run.
 *
 * Starts the whole system (as `npm start` does) on a fresh database with realistic data, then
 * loads, for every workload of workloads.ts, each target in turn, round after round:
 *   in-start  our gateway as `npm start` runs it: in the system's process, on a thread of its own,
 *   alone     our gateway as a process of its own (`npm run gateway`) on the same subgraphs,
 *   alone-nocache  the same with its response cache off (`GATEWAY_RESPONSE_CACHE=false`),
 *   hive      Hive Gateway as a process of its own (bench/hiveGateway.ts) on the same subgraphs,
 *   direct    the one subgraph that answers the workload alone, sent signed requests.
 * Before loading, every target's answer to the same request is checked against the others.
 * The load comes from a child process (loadgen.ts). Prints medians of the rounds and ratios.
 *
 * Usage: npm run bench [-- workload …]
 *   BENCH_SECONDS (5) per round, BENCH_ROUNDS (3), BENCH_CONNECTIONS (20),
 *   BENCH_P99_CONNECTIONS (50; 0 skips the p99 check of reads), BENCH_TARGETS (all:
 *   in-start,alone,alone-nocache,hive,direct), BENCH_CPU_PROF=alone|alone-nocache|hive (profile that process; the
 *   .cpuprofile path is printed at the end), DATABASE_URL (a scratch database on that server).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { GatewayThread } from '../scripts/gatewayThread';
import { gatewayEnv, LoadGenerator, positiveNumber, startInStartGateway, startSeededSystem, workloadData } from './benchStack';
import { freePort, startChildServer, type BenchSystem, type ChildServer } from './harness';
import type { LoadResult } from './loadgen';
import type { Seeded } from './seed';
import { median } from './stats';
import { httpRequest, workloadsNamed, type TargetEndpoint, type Workload, type WorkloadData } from './workloads';

const TARGETS = ['in-start', 'alone', 'alone-nocache', 'hive', 'direct'] as const;
type TargetName = (typeof TARGETS)[number];
const GATEWAY_PROCESSES = ['alone', 'alone-nocache', 'hive'] as const;
type GatewayProcessName = (typeof GATEWAY_PROCESSES)[number];

interface Options {
  workloads: Workload[];
  targets: TargetName[];
  seconds: number;
  rounds: number;
  connections: number;
  p99Connections: number;
  cpuProfile?: GatewayProcessName;
}

function readOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const targets = (env.BENCH_TARGETS ? env.BENCH_TARGETS.split(',') : [...TARGETS]) as TargetName[];
  const unknown = targets.filter((target) => !TARGETS.includes(target));
  if (unknown.length > 0) throw new Error(`Unknown target ${unknown.join(', ')}; choose from ${TARGETS.join(', ')}`);
  const cpuProfile = env.BENCH_CPU_PROF as GatewayProcessName | undefined;
  if (cpuProfile && !GATEWAY_PROCESSES.includes(cpuProfile)) throw new Error(`BENCH_CPU_PROF must be one of ${GATEWAY_PROCESSES.join(', ')}`);
  return {
    workloads: workloadsNamed(argv),
    targets,
    seconds: positiveNumber(env, 'BENCH_SECONDS', 5),
    rounds: Math.max(1, Math.round(positiveNumber(env, 'BENCH_ROUNDS', 3))),
    connections: Math.max(1, Math.round(positiveNumber(env, 'BENCH_CONNECTIONS', 20))),
    p99Connections: Math.round(positiveNumber(env, 'BENCH_P99_CONNECTIONS', 50)),
    cpuProfile,
  };
}

interface Stack {
  bench: BenchSystem;
  seeded: Seeded;
  gateways: Partial<Record<GatewayProcessName, ChildServer>>;
  /** `npm start`'s gateway: a worker thread of this process, beside the subgraphs. */
  thread?: GatewayThread;
  profileDir?: string;
  stop(): Promise<void>;
}

/** Hive Gateway's launcher prints `{ url, msg: 'gateway ready' }` when it listens. */
function readyUrl(line: string): string | undefined {
  try {
    const parsed = JSON.parse(line) as { url?: unknown; msg?: unknown };
    return parsed.msg === 'gateway ready' && typeof parsed.url === 'string' ? parsed.url : undefined;
  } catch {
    return undefined;
  }
}

async function startGatewayProcess(name: GatewayProcessName, bench: BenchSystem, profileDir?: string): Promise<ChildServer> {
  const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  if (name === 'hive') return startChildServer(path.join(__dirname, 'hiveGateway.ts'), gatewayEnv(bench, 0), { urlFromLine: readyUrl }, nodeArgs);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const script = path.join(__dirname, '..', 'gateway', 'index.ts');
  const env = { ...gatewayEnv(bench, port), ...(name === 'alone-nocache' ? { GATEWAY_RESPONSE_CACHE: 'false' } : {}) };
  return startChildServer(script, env, { url: `${origin}/graphql`, probeUrl: `${origin}/live` }, nodeArgs);
}

async function startStack(options: Options): Promise<Stack> {
  const system = await startSeededSystem();
  const { bench, seeded } = system;
  const gateways: Stack['gateways'] = {};
  const profileDir = options.cpuProfile && mkdtempSync(path.join(tmpdir(), 'campus-bench-profile-'));
  let thread: GatewayThread | undefined;
  const stop = async () => {
    await thread?.stop();
    for (const gateway of Object.values(gateways)) await gateway.stop();
    await system.stop();
  };
  try {
    for (const name of GATEWAY_PROCESSES) {
      if (options.targets.includes(name))
        gateways[name] = await startGatewayProcess(name, bench, options.cpuProfile === name ? profileDir : undefined);
    }
    if (options.targets.includes('in-start')) thread = await startInStartGateway(bench);
    return { bench, seeded, gateways, thread, profileDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function endpointFor(target: TargetName, workload: Workload, stack: Stack): TargetEndpoint | undefined {
  if (target === 'in-start') return stack.thread && { url: stack.thread.url };
  if (target === 'direct') {
    return workload.subgraph && { url: stack.bench.system.subgraphUrls[workload.subgraph], signWith: stack.bench.config.subgraphHmacSecret };
  }
  const gateway = stack.gateways[target];
  return gateway && { url: gateway.url };
}

async function answer(endpoint: TargetEndpoint, request: ReturnType<Workload['request']>) {
  const { headers, body } = httpRequest(endpoint, request);
  const response = await fetch(endpoint.url, { method: 'POST', headers, body });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

/**
 * Every target answers the same read with the same data, and a write without errors (each
 * write request gets a number of its own). Returns the next free request number.
 */
async function checkAnswers(workload: Workload, endpoints: Array<[TargetName, TargetEndpoint]>, data: WorkloadData, next: number): Promise<number> {
  let reference: { target: TargetName; data: unknown } | undefined;
  for (const [target, endpoint] of endpoints) {
    const result = await answer(endpoint, workload.request(workload.kind === 'write' ? next++ : 0, data));
    if (result.errors || !result.data) throw new Error(`${workload.name} on ${target}: ${JSON.stringify(result).slice(0, 500)}`);
    if (workload.kind === 'write') continue;
    reference ??= { target, data: result.data };
    if (!isDeepStrictEqual(result.data, reference.data)) {
      throw new Error(`${workload.name}: ${target} answered differently from ${reference.target}`);
    }
  }
  const agreed = workload.kind === 'read' ? 'the same data' : 'no errors';
  console.error(`  ${workload.name}: ${agreed} from ${endpoints.map(([target]) => target).join(', ')}`);
  return next;
}

/** One run's figures, and how many subgraph operations each client request caused. */
interface Measured extends LoadResult {
  subgraphCallsPerRequest: number;
}

interface Row {
  workload: string;
  target: TargetName;
  rounds: Measured[];
  /** The p99 check of a read at BENCH_P99_CONNECTIONS. */
  wide?: Measured;
}

const REQUESTS_COUNTER = 'graphql_requests_total{';

/** Operations the subgraphs have executed so far (their `graphql_requests_total` at /metrics). */
async function subgraphOperations(stack: Stack): Promise<number> {
  let total = 0;
  for (const url of Object.values(stack.bench.system.subgraphUrls)) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    for (const line of text.split('\n')) {
      if (line.startsWith(REQUESTS_COUNTER)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

const requestsPerSecond = (row: Row) => median(row.rounds.map((round) => round.requestsPerSecond));

async function measureWorkload(workload: Workload, stack: Stack, loadgen: LoadGenerator, options: Options): Promise<Row[]> {
  const data = workloadData(stack.bench.config, stack.seeded);
  const endpoints = options.targets.flatMap((target): Array<[TargetName, TargetEndpoint]> => {
    const endpoint = endpointFor(target, workload, stack);
    return endpoint ? [[target, endpoint]] : [];
  });
  let next = await checkAnswers(workload, endpoints, data, 1);
  const rows = new Map<Row['target'], Row>(endpoints.map(([target]) => [target, { workload: workload.name, target, rounds: [] }]));
  const run = async (target: TargetName, endpoint: TargetEndpoint, connections: number): Promise<Measured> => {
    const operationsBefore = await subgraphOperations(stack);
    const result = await loadgen.run({ workload: workload.name, endpoint, data, connections, seconds: options.seconds, firstRequest: next });
    const subgraphCallsPerRequest = ((await subgraphOperations(stack)) - operationsBefore) / Math.max(1, result.requests);
    next += result.requests + connections;
    const errors = result.errors ? `, ${result.errors} errors: ${result.firstError}` : '';
    console.error(
      `  ${workload.name} ${target} x${connections}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99Ms.toFixed(1)} ms, ` +
        `${subgraphCallsPerRequest.toFixed(2)} subgraph calls per request${errors}`,
    );
    return { ...result, subgraphCallsPerRequest };
  };
  for (let round = 0; round < options.rounds; round++) {
    for (const [target, endpoint] of endpoints) rows.get(target)!.rounds.push(await run(target, endpoint, options.connections));
  }
  if (workload.kind === 'read' && options.p99Connections > 0) {
    for (const [target, endpoint] of endpoints) rows.get(target)!.wide = await run(target, endpoint, options.p99Connections);
  }
  return [...rows.values()];
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined ? '–' : value.toFixed(digits));

function ratio(rows: Row[], workload: string, over: TargetName, under: TargetName): string {
  const find = (target: TargetName) => rows.find((row) => row.workload === workload && row.target === target);
  const a = find(over);
  const b = find(under);
  return a && b ? (requestsPerSecond(a) / requestsPerSecond(b)).toFixed(2) : '–';
}

function printTables(rows: Row[], options: Options): void {
  const wide = options.p99Connections > 0 ? `p99 ms at ${options.p99Connections} conn. (reads)` : 'p99 at more conn.: skipped';
  console.log(`\n| workload | target | req/s | p50 ms | p99 ms | errors | subgraph calls / request | ${wide} |`);
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const errors = row.rounds.reduce((sum, round) => sum + round.errors, 0) + (row.wide?.errors ?? 0);
    const p50 = median(row.rounds.map((round) => round.p50Ms));
    const p99 = median(row.rounds.map((round) => round.p99Ms));
    const calls = median(row.rounds.map((round) => round.subgraphCallsPerRequest));
    console.log(
      `| ${row.workload} | ${row.target} | ${fixed(requestsPerSecond(row), 0)} | ${fixed(p50)} | ${fixed(p99)} | ${errors} | ${fixed(calls, 2)} | ${fixed(row.wide?.p99Ms)} |`,
    );
  }
  console.log('\n| workload | alone / hive | in-start / alone | alone / direct | alone-nocache / hive | alone-nocache / direct |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const workload of [...new Set(rows.map((row) => row.workload))]) {
    const ratios = [
      ratio(rows, workload, 'alone', 'hive'),
      ratio(rows, workload, 'in-start', 'alone'),
      ratio(rows, workload, 'alone', 'direct'),
      ratio(rows, workload, 'alone-nocache', 'hive'),
      ratio(rows, workload, 'alone-nocache', 'direct'),
    ];
    console.log(`| ${workload} | ${ratios.join(' | ')} |`);
  }
}

async function main() {
  const options = readOptions(process.argv.slice(2), process.env);
  console.error(
    `bench: ${options.workloads.map((w) => w.name).join(', ')} on ${options.targets.join(', ')}; ` +
      `${options.rounds} x ${options.seconds} s at ${options.connections} connections`,
  );
  const stack = await startStack(options);
  const loadgen = new LoadGenerator();
  const rows: Row[] = [];
  try {
    for (const workload of options.workloads) rows.push(...(await measureWorkload(workload, stack, loadgen, options)));
    printTables(rows, options);
  } finally {
    loadgen.stop();
    await stack.stop();
  }
  console.log(`\ndatabase: ${stack.bench.db.kind}; Node ${process.version}; medians of ${options.rounds} rounds of ${options.seconds} s`);
  if (stack.profileDir)
    console.log(`CPU profile of ${options.cpuProfile}: ${stack.profileDir} (summarise with: npx tsx bench/profileTop.ts ${stack.profileDir})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
