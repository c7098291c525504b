/**
 * What every benchmark starts from: the whole system on a fresh database (embedded PGlite, or
 * DATABASE_URL) on free loopback ports, a fetch-based GraphQL call, and sign-in.
 */
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../lib/config';
import { createPglite, openDatabase, type Database } from '../lib/db';
import { createLogger } from '../lib/logger';
import { startSystem, type RunningSystem } from '../scripts/start';

export interface BenchSystem {
  config: Config;
  db: Database;
  system: RunningSystem;
  /** Results are read ad hoc by each benchmark. */
  gql(query: string, variables?: object, token?: string): Promise<{ data?: any; errors?: unknown[] }>;
  login(email: string, password: string): Promise<{ accessToken: string; userId: string }>;
  stop(): Promise<void>;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

/** `now`: the clock of business rules (booking windows), for benchmarks that move time. */
export async function startBenchSystem(overrides: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<BenchSystem> {
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0']));
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1', GATEWAY_PORT: '0', LOG_LEVEL: 'silent', ...ports, ...overrides });
  const db = config.databaseUrl ? await openDatabase({ databaseUrl: config.databaseUrl }) : await openDatabase({ pglite: await createPglite() });
  const system = await startSystem({ config, logger: createLogger('silent', 'bench'), db, now: options.now });
  const gql: BenchSystem['gql'] = async (query, variables = {}, token) => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown[] };
  };
  return {
    config,
    db,
    system,
    gql,
    async login(email, password) {
      const result = await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }', { e: email, p: password });
      return { accessToken: result.data.login.accessToken, userId: result.data.login.user.id };
    },
    async stop() {
      await system.stop();
      await db.close();
    },
  };
}
