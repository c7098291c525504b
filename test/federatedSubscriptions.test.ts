/**
 * Federated subscriptions on a supergraph of the test's own: a `counter` subgraph owns the
 * subscription, a `labels` subgraph adds fields to its entity (one of them ADMIN-only). The
 * gateway knows neither; it plans, forwards and completes each event as it would a query.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createClient, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { createAccessTokenService, type RequestContext } from '../lib/auth';
import { listen, type RunningServer } from '../lib/http';
import { createLogger } from '../lib/logger';
import { createSubgraphApp, type SubgraphApp, type SubgraphModule } from '../lib/subgraphServer';
import { createGateway, type Gateway } from '../gateway/server';
import { connect, disconnectAll, follow, wsUrl } from './liveClient';
import { eventually, testConfig } from './stack';

const HEADER = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@composeDirective"])
    @link(url: "https://campus-hub.example/auth/v1.0", import: ["@auth"])
    @composeDirective(name: "@auth")
  directive @auth(requires: [Role!], selfArg: String, public: Boolean = false) on FIELD_DEFINITION | OBJECT | INTERFACE
  enum Role { ADMIN FACULTY STUDENT }
`;

interface Count {
  id: string;
}

/** Counts to `upTo`, one event each, with event ids. */
const counter: SubgraphModule<RequestContext> = {
  name: 'counter',
  typeDefs: parse(`${HEADER}
    type Count @key(fields: "id") { id: ID! @auth  n: Int! @auth }
    type Query { lastCount: Count @auth }
    type Subscription { counted(upTo: Int!): Count! @auth }
  `),
  resolvers: {
    Query: { lastCount: () => null },
    Subscription: {
      counted: {
        async *subscribe(_parent: unknown, { upTo }: { upTo: number }) {
          for (let n = 1; n <= upTo; n++) yield { counted: { id: `count-${n}`, n }, eventId: String(n) };
        },
      },
    },
  },
  createContext: (base) => base,
  checkHealth: async () => {},
};

/** Adds a label to every count, and a field only an ADMIN may read. */
const labels: SubgraphModule<RequestContext> = {
  name: 'labels',
  typeDefs: parse(`${HEADER}
    type Count @key(fields: "id") { id: ID! @auth  label: String! @auth  secret: String @auth(requires: [ADMIN]) }
    type Query { labelCount: Int! @auth }
  `),
  resolvers: {
    Query: { labelCount: () => 0 },
    Count: { __resolveReference: (count: Count) => ({ id: count.id, label: `number ${count.id.split('-')[1]}`, secret: `secret ${count.id}` }) },
  },
  createContext: (base) => base,
  checkHealth: async () => {},
};

const config = testConfig();
const tokens = createAccessTokenService(config.jwt);
const deps = { config, logger: createLogger('silent', 'test'), tokens };
const running: Array<{ app: SubgraphApp; server: RunningServer }> = [];
let gateway: Gateway;
let gatewayServer: RunningServer;
let counterUrl: string;

beforeAll(async () => {
  const urls: Record<string, string> = {};
  for (const module of [counter, labels]) {
    const app = await createSubgraphApp(module, deps);
    const server = await listen(app.app, 0, '127.0.0.1');
    app.attachWebSockets(server.httpServer);
    running.push({ app, server });
    urls[module.name] = `${server.url}/graphql`;
  }
  counterUrl = urls.counter;
  const composed = composeServices([counter, labels].map((m) => ({ name: m.name, url: urls[m.name], typeDefs: m.typeDefs })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  gateway = await createGateway({ config, logger: deps.logger, supergraphSdl: composed.supergraphSdl, subgraphUrls: urls });
  gatewayServer = await listen(gateway.app, 0, '127.0.0.1');
  gateway.attachWebSockets(gatewayServer.httpServer);
});
afterEach(() => disconnectAll());
afterAll(async () => {
  await gateway?.stop();
  await gatewayServer?.close();
  for (const { app, server } of running) {
    await app.stop();
    await server.close();
  }
});

const COUNTED = 'subscription { counted(upTo: 3) { n label secret } }';
type Counted = ExecutionResult<{ counted: { n: number; label: string; secret: string | null } }, { eventId: string }>;

test('each event gets the other subgraph’s fields, with its event id, then the subscription completes', async () => {
  const admin = tokens.issue({ id: 'a0000000-0000-4000-8000-000000000001', role: 'ADMIN' }, 'session-ADMIN').accessToken;
  const watcher = follow<Counted>(connect(`${gatewayServer.url}/graphql`, admin), COUNTED);
  await eventually(async () => expect(watcher.isComplete()).toBe(true));
  expect(watcher.messages.map((m) => m.data?.counted)).toEqual([
    { n: 1, label: 'number 1', secret: 'secret count-1' },
    { n: 2, label: 'number 2', secret: 'secret count-2' },
    { n: 3, label: 'number 3', secret: 'secret count-3' },
  ]);
  expect(watcher.messages.map((m) => m.extensions?.eventId)).toEqual(['1', '2', '3']);
});

test('a field the policy denies is null with FORBIDDEN in each event, as in a query; the rest arrives', async () => {
  const student = tokens.issue({ id: 'a0000000-0000-4000-8000-000000000002', role: 'STUDENT' }, 'session-STUDENT').accessToken;
  const watcher = follow<Counted>(connect(`${gatewayServer.url}/graphql`, student), COUNTED);
  await eventually(async () => expect(watcher.isComplete()).toBe(true));
  expect(watcher.messages.map((m) => m.data?.counted)).toEqual([1, 2, 3].map((n) => ({ n, label: `number ${n}`, secret: null })));
  for (const message of watcher.messages) {
    expect(message.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['counted', 'secret']]]);
  }
});

test('a subgraph refuses a subscription that does not carry the gateway’s signature', async () => {
  const client = createClient({ url: wsUrl(counterUrl), webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: '{ __typename }' }, { next: resolve, error: resolve, complete: () => resolve('complete') });
    });
    expect(outcome).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
  } finally {
    await client.dispose();
  }
});
