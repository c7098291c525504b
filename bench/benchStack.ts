/**
 * The setup `npm run bench` and `npm run bench:soak` share: the system started as `npm start`
 * starts it (subgraphs and the database on this thread, the gateway on a thread of its own) on a
 * fresh database seeded with realistic data, the requests' tokens, and the load generator child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createAccessTokenService } from '../lib/auth';
import { addDays, campusMoment } from '../lib/campusTime';
import { SUBGRAPH_NAMES, type Config } from '../lib/config';
import { startGatewayThread, type GatewayThread } from '../scripts/gatewayThread';
import { createScratchDatabase, startBenchSystem, type BenchSystem } from './harness';
import type { LoadJob, LoadResult } from './loadgen';
import { BENCH_PASSWORD, seedBenchData, type Seeded } from './seed';
import type { WorkloadData } from './workloads';

export function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
}

/** The load generator child process; one job at a time. */
export class LoadGenerator {
  private readonly child: ChildProcess = fork(path.join(__dirname, 'loadgen.ts'), [], { execArgv: ['--import', 'tsx'] });

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (message: { result?: LoadResult; error?: string }) => {
        if (message.result) resolve(message.result);
        else reject(new Error(message.error));
      });
      this.child.send(job);
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

/** Environment that points a gateway (process or thread) at the running system's subgraphs. */
export function gatewayEnv(bench: BenchSystem, port: number): Record<string, string> {
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, bench.system.subgraphUrls[name]]));
  // warn, not info: the in-start gateway is silent too, and info logs every operation.
  return {
    ...urls,
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    METRICS_PORT: '',
    LOG_LEVEL: 'warn',
    SUBGRAPH_HMAC_SECRET: bench.config.subgraphHmacSecret,
  };
}

/** The system on a fresh database (a scratch one on DATABASE_URL's server, else PGlite), seeded. */
export interface SeededSystem {
  bench: BenchSystem;
  seeded: Seeded;
  /** Stops the system and drops the scratch database. */
  stop(): Promise<void>;
}

export async function startSeededSystem(): Promise<SeededSystem> {
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : undefined;
  const bench = await startBenchSystem(scratch ? { DATABASE_URL: scratch.url } : {}).catch(async (error: unknown) => {
    await scratch?.drop();
    throw error;
  });
  const stop = async () => {
    await bench.stop();
    await scratch?.drop();
  };
  try {
    const started = performance.now();
    const seeded = await seedBenchData(bench.db.knex);
    console.error(`seeded in ${Math.round(performance.now() - started)} ms (${bench.db.kind})`);
    return { bench, seeded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `npm start`'s gateway: a worker thread of this process, beside the subgraphs. */
export function startInStartGateway(bench: BenchSystem): Promise<GatewayThread> {
  return startGatewayThread(bench.system.subgraphUrls, gatewayEnv(bench, 0));
}

/** Fresh tokens for every workload (access tokens live 15 minutes; a full run takes longer). */
export function workloadData(config: Config, seeded: Seeded): WorkloadData {
  const tokens = createAccessTokenService(config.jwt);
  // A session id of the benchmark's own: only revoked sessions are refused.
  const issue = (user: Seeded['users'][number]) => tokens.issue({ id: user.id, role: user.role }, randomUUID()).accessToken;
  const twenty = seeded.users.slice(0, 20);
  return {
    oneUser: issue(seeded.users[0]),
    users: twenty.map(issue),
    userEmails: twenty.map((user) => user.email),
    password: BENCH_PASSWORD,
    faculty: seeded.users
      .filter((user) => user.role === 'FACULTY')
      .slice(0, 20)
      .map(issue),
    roomIds: seeded.roomIds.slice(0, 20),
    firstBookingDate: addDays(campusMoment(config.campusTimeZone).date, 1),
  };
}
