/**
 * What every benchmark starts from: the whole system on a fresh database (embedded PGlite, or
 * DATABASE_URL) on free loopback ports, a fetch-based GraphQL call, and sign-in; and servers
 * started as child processes of their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import knexFactory from 'knex';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../lib/config';
import { createPglite, openDatabase, type Database } from '../lib/db';
import { createLogger } from '../lib/logger';
import { startSystem, type RunningSystem } from '../scripts/start';
import { sendOperation, type GraphQLResponse } from '../client/request';

export interface BenchSystem {
  config: Config;
  db: Database;
  system: RunningSystem;
  /** Each benchmark names the shape of the data it reads (`gql<{ rooms: … }>(…)`). */
  gql: <TData = Record<string, unknown>>(query: string, variables?: object, token?: string) => Promise<GraphQLResponse<TData>>;
  login: (email: string, password: string) => Promise<{ accessToken: string; userId: string }>;
  stop: () => Promise<void>;
}

export { median, percentile } from './stats';

/** A response's data; throws with its errors when there is none. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (!response.data) throw new Error(`no data: ${JSON.stringify(response.errors ?? response.status)}`);
  return response.data;
}

/** `now`: the clock of business rules (booking windows), for benchmarks that move time. */
export async function startBenchSystem(overrides: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<BenchSystem> {
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0']));
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1', GATEWAY_PORT: '0', LOG_LEVEL: 'silent', ...ports, ...overrides });
  const db = config.databaseUrl ? await openDatabase({ databaseUrl: config.databaseUrl }) : await openDatabase({ pglite: await createPglite() });
  const system = await startSystem({ config, logger: createLogger('silent', 'bench'), db, now: options.now });
  const gql: BenchSystem['gql'] = <TData>(query: string, variables: object = {}, token?: string) =>
    sendOperation<TData, object>(system.gatewayUrl, query, variables, { token });
  return {
    config,
    db,
    system,
    gql,
    async login(email, password) {
      const { login } = dataOf(
        await gql<{ login: { accessToken: string; user: { id: string } } }>(
          'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }',
          { e: email, p: password },
        ),
      );
      return { accessToken: login.accessToken, userId: login.user.id };
    },
    async stop() {
      await system.stop();
      await db.close();
    },
  };
}

/** A server running in a Node process of its own (a TypeScript entry point run through tsx). */
export interface ChildServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * How to tell that a child server is ready: a line of its standard output that yields its URL,
 * or (for a server that logs nothing at the chosen level) its URL once `probeUrl` answers 200.
 */
export type Readiness = { urlFromLine(line: string): string | undefined } | { url: string; probeUrl: string };

const CHILD_START_TIMEOUT_MS = 60_000;
const CHILD_STOP_TIMEOUT_MS = 15_000;
const PROBE_INTERVAL_MS = 100;

/** A port free on the loopback interface now (for a child that cannot report the one it got). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function probeUntilReady(probeUrl: string, deadline: number, child: ChildProcess): Promise<void> {
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(probeUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  throw new Error(`${probeUrl} did not answer 200`);
}

/**
 * Starts `script` with `env` added to this process's environment, and resolves once it is
 * ready. `nodeArgs` go before the script (for example `--cpu-prof`). Stopping sends SIGTERM,
 * so the child shuts down (and writes its profile) itself.
 */
export function startChildServer(script: string, env: Record<string, string>, readiness: Readiness, nodeArgs: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  const lines = createInterface({ input: child.stdout });
  return new Promise<ChildServer>((resolve, reject) => {
    const fail = (error: Error) => void stop().then(() => reject(error));
    const timer = setTimeout(() => fail(new Error(`${script} was not ready within ${CHILD_START_TIMEOUT_MS} ms`)), CHILD_START_TIMEOUT_MS);
    const ready = (url: string) => {
      clearTimeout(timer);
      resolve({ url, process: child, stop });
    };
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready`)));
    if ('probeUrl' in readiness) {
      probeUntilReady(readiness.probeUrl, Date.now() + CHILD_START_TIMEOUT_MS, child).then(() => ready(readiness.url), fail);
      return;
    }
    lines.on('line', (line) => {
      const url = readiness.urlFromLine(line);
      if (url) ready(url);
    });
  });
}

/**
 * A new, empty database on the PostgreSQL server of `serverUrl`, so a benchmark never runs on
 * (or leaves rows in) a database someone else uses. `drop` removes it again.
 */
export async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${randomUUID().replace(/-/g, '')}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw('create database ??', [name]);
  } finally {
    await admin.destroy();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
      try {
        await dropper.raw('drop database if exists ?? with (force)', [name]);
      } finally {
        await dropper.destroy();
      }
    },
  };
}
