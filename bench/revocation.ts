/**
 * `npm run bench:revocation`: how fast a revoked session is refused, and what the revocation
 * check costs each request.
 * 1. Time from revocation (the `revokeSessions` answer) to refusal: of a query through the
 *    gateway (UNAUTHENTICATED), and of an open graphql-ws connection (closed with 4403, which
 *    depends on the gateway's feed poll, `REVOCATION_POLL_MS`).
 * 2. The per-request cost: access-token verification with and without a cache of 1,000 revoked
 *    sessions, and the cache lookup alone.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createAccessTokenService } from '../lib/auth';
import { loadConfig } from '../lib/config';
import { RevocationCache } from '../lib/revocations';
import { median, startBenchSystem } from './harness';

const RUNS = Number(process.env.RUNS ?? 15);

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function timeToRefusal(): Promise<{ query: number[]; socket: number[] }> {
  const bench = await startBenchSystem();
  const admin = await bench.login('admin@example.com', 'admin123');
  const query: number[] = [];
  const socket: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const email = `bench-${randomUUID()}@example.com`;
      await bench.gql(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
        { i: { email, name: 'Bench', password: 'bench-password', role: 'STUDENT' } },
        admin.accessToken,
      );
      const victim = await bench.login(email, 'bench-password');
      let closedAt = 0;
      let connected = false;
      const client = createClient({
        url: bench.system.gatewayUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        connectionParams: { authorization: `Bearer ${victim.accessToken}` },
        on: { connected: () => void (connected = true), closed: () => void (closedAt = performance.now()) },
        onNonLazyError: () => undefined,
      });
      await until(() => connected);
      await bench.gql('mutation($u: ID!) { revokeSessions(userId: $u) }', { u: victim.userId }, admin.accessToken);
      const revokedAt = performance.now();
      await until(async () => (await bench.gql('{ me { id } }', {}, victim.accessToken)).errors !== undefined);
      query.push(performance.now() - revokedAt);
      await until(() => closedAt > 0);
      socket.push(closedAt - revokedAt);
      await client.dispose();
    }
  } finally {
    await bench.stop();
  }
  return { query, socket };
}

function nsPerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < 1000; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

function checkCost(): { verifyWithout: number; verifyWith: number; lookup: number } {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const cache = new RevocationCache();
  const until = Date.now() + 900_000;
  cache.add(Array.from({ length: 1000 }, () => ({ sessionId: randomUUID(), until })));
  const plain = createAccessTokenService(config.jwt);
  const checked = createAccessTokenService(config.jwt, cache);
  const { accessToken } = plain.issue({ id: randomUUID(), role: 'STUDENT' }, randomUUID());
  const sessionId = randomUUID();
  // Alternating rounds, medians: the machine is shared, so single runs wander.
  const without: number[] = [];
  const withCheck: number[] = [];
  for (let round = 0; round < 7; round++) {
    without.push(nsPerCall(() => plain.verify(accessToken), 3000));
    withCheck.push(nsPerCall(() => checked.verify(accessToken), 3000));
  }
  return { verifyWithout: median(without), verifyWith: median(withCheck), lookup: nsPerCall(() => cache.isRevoked(sessionId), 1_000_000) };
}

async function main() {
  const cost = checkCost();
  console.log(
    `access-token verification: ${(cost.verifyWithout / 1000).toFixed(1)} µs without the revocation check, ${(cost.verifyWith / 1000).toFixed(1)} µs with it (1,000 revoked sessions cached)`,
  );
  console.log(`revocation lookup alone: ${cost.lookup.toFixed(0)} ns`);
  const times = await timeToRefusal();
  const fmt = (values: number[]) => `median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
  console.log(`revocation → query refused (UNAUTHENTICATED), ${RUNS} runs: ${fmt(times.query)}`);
  console.log(`revocation → graphql-ws connection closed (4403), ${RUNS} runs: ${fmt(times.socket)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
