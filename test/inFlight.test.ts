/**
 * Identical queries in flight share one subgraph call (gateway/inFlight.ts); mutations and
 * other people's queries never do. A counting proxy stands in front of the booking subgraph.
 */
import http from 'node:http';
import { createGateway } from '../gateway/server';
import { listen, type RunningServer } from '../lib/http';
import { createLogger } from '../lib/logger';
import { DEMO, eventually, startTestStack, testConfig, type TestStack } from './stack';

let stack: TestStack;
let proxy: RunningServer;
let gatewayServer: RunningServer;
let stopGateway: () => Promise<void>;
const seen: string[] = [];
/** Calls wait here until the test opens it: concurrent requests surely overlap. */
let gate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  stack = await startTestStack();
  const target = stack.system.subgraphUrls.booking;
  // Counts each call, holds it a moment so that concurrent ones overlap, then forwards it (and
  // its Cache-Control answer).
  proxy = await listen(
    ((req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString();
        seen.push(String((JSON.parse(body) as { query?: unknown }).query));
        await gate;
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
        ) as Record<string, string>;
        const answer = await fetch(target, { method: 'POST', headers, body });
        const cacheControl = answer.headers.get('cache-control');
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(cacheControl ? { 'cache-control': cacheControl } : {}) });
        res.end(await answer.text());
      });
    }) as http.RequestListener,
    0,
    '127.0.0.1',
  );
  const gateway = await createGateway({
    // Off: repeated queries would be answered from the response cache before any subgraph call.
    config: testConfig({ GATEWAY_RESPONSE_CACHE: 'false' }),
    logger: createLogger('silent', 'test'),
    subgraphUrls: { ...stack.system.subgraphUrls, booking: `${proxy.url}/graphql` },
  });
  gatewayServer = await listen(gateway.app, 0, '127.0.0.1');
  stopGateway = () => gateway.stop();
});

afterAll(async () => {
  await gatewayServer?.close();
  await stopGateway?.();
  await proxy?.close();
  await stack?.close();
});

async function call(query: string, token: string) {
  const response = await fetch(`${gatewayServer.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

test('twenty identical queries of one user at once make one booking call, and all get the answer', async () => {
  const { accessToken } = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
  await call('{ rooms { id name capacity } }', accessToken); // plans it and opens connections
  seen.length = 0;
  let open!: () => void;
  gate = new Promise((resolve) => (open = resolve));
  let received = 0;
  const count = () => void received++;
  gatewayServer.httpServer.on('request', count);
  const pending = Promise.all(Array.from({ length: 20 }, () => call('{ rooms { id name capacity } }', accessToken)));
  // All twenty are in the gateway and the first call is held at the subgraph; a moment more
  // lets the last ones through the gateway's (cached) parse and plan to the shared call.
  await eventually(async () => expect({ received, atSubgraph: seen.length > 0 }).toEqual({ received: 20, atSubgraph: true }));
  gatewayServer.httpServer.off('request', count);
  await new Promise((resolve) => setTimeout(resolve, 300));
  open();
  const results = await pending;
  expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
  expect((results[0].data!.rooms as unknown[]).length).toBeGreaterThan(0);
  expect(seen).toEqual([seen[0]]);
});

test("every sharer of a call is held to its answer's Cache-Control", async () => {
  const { accessToken } = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
  // The booking answer may not be reused (outOfService); the gpa answer may, for an hour.
  const query = '{ rooms { id outOfService } calculateGpa(classes: [{ grade: "A", weight: 1 }]) { gpa } }';
  const send = () =>
    fetch(`${gatewayServer.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query }),
    });
  await send();
  seen.length = 0;
  let open!: () => void;
  gate = new Promise((resolve) => (open = resolve));
  const pending = Promise.all(Array.from({ length: 5 }, send));
  await eventually(async () => expect(seen.length).toBe(1));
  await new Promise((resolve) => setTimeout(resolve, 300));
  open();
  const answers = await pending;
  expect(seen.length).toBe(1);
  expect(answers.map((answer) => answer.headers.get('cache-control'))).toEqual(Array(5).fill('no-store'));
});

test('the same query for two people makes two calls', async () => {
  const student = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
  const faculty = await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password);
  seen.length = 0;
  await Promise.all([call('{ myBookings { id } }', student.accessToken), call('{ myBookings { id } }', faculty.accessToken)]);
  expect(seen.length).toBe(2);
});

test('identical mutations are never shared', async () => {
  const { accessToken } = await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password);
  seen.length = 0;
  const name = `Shared-nothing room ${Date.now()}`;
  const results = await Promise.all(
    Array.from({ length: 3 }, () => call(`mutation { createRoom(input: { name: "${name}", capacity: 5 }) { id } }`, accessToken)),
  );
  expect(seen.length).toBe(3);
  // The database decides: one room, two CONFLICTs.
  expect(results.filter((r) => r.data?.createRoom).length).toBe(1);
});
