/**
 * The gateway and the subgraphs' trust boundary over real HTTP: signatures, health, GET,
 * operation limits, error codes, and the gateway running alone.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEV_SUBGRAPH_HMAC_SECRET, SUBGRAPH_NAMES } from '../lib/config';
import { SUBGRAPHS } from '../subgraphs/registry';
import { createLogger } from '../lib/logger';
import { listen } from '../lib/http';
import { createGateway } from '../gateway/server';
import { codes, DEMO, startTestStack, testConfig, type TestStack } from './stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Sorted-key JSON, written here independently of lib/hmac.ts. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

async function callSubgraph(name: string, body: Record<string, unknown>, signature?: string) {
  const response = await fetch(stack.system.subgraphUrls[name], {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signature ? { ...body, extensions: { 'hmac-signature': signature } } : body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
}

/** A second gateway on its own config and subgraph URLs, for the time of `use`. */
async function withGateway(overrides: Record<string, string>, subgraphUrls: Record<string, string>, use: (url: string) => Promise<void>) {
  const gateway = await createGateway({ config: testConfig(overrides), logger: createLogger('silent', 'test'), subgraphUrls });
  const server = await listen(gateway.app, 0, '127.0.0.1');
  try {
    await use(server.url);
  } finally {
    await server.close();
    await gateway.stop();
  }
}

/** The code of a response body's first error. */
function firstErrorCode(body: string): string | undefined {
  return (JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code;
}

async function post(url: string, query: string, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text() };
}

describe('subgraphs answer only the gateway', () => {
  const entities = {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }',
    variables: { r: [{ __typename: 'User', id: '00000000-0000-0000-0000-000000000000' }] },
  };

  test.each([
    ['_service', { query: '{ _service { sdl } }' }],
    ['_entities', entities],
    ['a root field', { query: '{ calculateGpa(classes: [{ grade: "A", weight: 1 }]) { gpa } }' }],
  ])('%s without a signature: 401 and no data', async (_name, body) => {
    for (const name of ['users', 'gpa']) {
      const result = await callSubgraph(name, body);
      expect(result.status).toBe(401);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test('a wrong or replayed signature is refused', async () => {
    const forged = createHmac('sha256', 'not-the-secret')
      .update(sortedJson({ query: '{ _service { sdl } }' }))
      .digest('base64');
    expect((await callSubgraph('users', { query: '{ _service { sdl } }' }, forged)).status).toBe(401);
    // A signature for one operation does not cover another.
    const signed = createHmac('sha256', DEV_SUBGRAPH_HMAC_SECRET)
      .update(sortedJson({ query: '{ __typename }' }))
      .digest('base64');
    expect((await callSubgraph('users', { query: '{ _service { sdl } }' }, signed)).status).toBe(401);
  });

  test('a GET that bypasses the gateway is refused too', async () => {
    const response = await fetch(`${stack.system.subgraphUrls.users}?query=${encodeURIComponent('{ _service { sdl } }')}`);
    expect(response.status).toBe(401);
  });

  test('a call signed as Hive Gateway signs it is answered', async () => {
    const signature = createHmac('sha256', DEV_SUBGRAPH_HMAC_SECRET).update(sortedJson(entities)).digest('base64');
    const result = await callSubgraph('users', entities, signature);
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ _entities: [null] });
  });
});

describe('health', () => {
  test('/health names every subgraph of the supergraph; /live answers', async () => {
    const base = stack.gatewayUrl.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      subgraphs: Object.fromEntries(Object.keys(SUBGRAPHS).map((name) => [name, 'up'])),
      subscriptions: { connections: 0, subscribers: 0, upstreamConnections: 0 },
    });
    expect((await fetch(`${base}/live`)).status).toBe(200);
    for (const url of Object.values(stack.system.subgraphUrls)) {
      expect((await fetch(url.replace(/\/graphql$/, '/health'))).status).toBe(200);
    }
  });

  test('a subgraph that does not answer makes /health 503', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const { accessToken } = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    await withGateway({}, { ...stack.system.subgraphUrls, gpa: `http://127.0.0.1:${closedPort}/graphql` }, async (base) => {
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ subgraphs: { users: 'up', gpa: 'down' } });
      // A query that needs the missing subgraph fails without leaking its address.
      const { text } = await post(`${base}/graphql`, '{ calculateGpa(classes: [{ grade: "A", weight: 1 }]) { gpa } }', accessToken);
      expect(text).not.toContain(String(closedPort));
      expect(text).not.toContain('127.0.0.1');
      expect(firstErrorCode(text)).toBe('INTERNAL_SERVER_ERROR');
    });
  });
});

describe('requests and errors', () => {
  test('GET serves queries, with no extra headers', async () => {
    const response = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
  });

  test('GET refuses mutations', async () => {
    const response = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('mutation { logout(refreshToken: "x") }')}`);
    expect(response.status).toBe(405);
  });

  test('parse and validation failures carry the standard codes', async () => {
    expect(codes(await stack.gql('{ me { id '))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(await stack.gql('{ me { nope } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  test('a literal argument of the wrong type is BAD_USER_INPUT naming it', async () => {
    const { accessToken } = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    const result = await stack.gql('{ calculateGpa(classes: [{ grade: "A", weight: 1.5 }]) { gpa } }', {}, accessToken);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/^classes\[0\]\.weight: /);
    const viaVariables = await stack.gql(
      'query($c: [GpaClassInput!]!) { calculateGpa(classes: $c) { gpa } }',
      { c: [{ grade: 'A', weight: 1.5 }] },
      accessToken,
    );
    expect(codes(viaVariables)).toEqual(['BAD_USER_INPUT']);
  });

  test('operation limits refuse with a code naming the limit', async () => {
    await withGateway({ MAX_QUERY_DEPTH: '2', MAX_QUERY_ALIASES: '5', MAX_ROOT_FIELDS: '6' }, stack.system.subgraphUrls, async (base) => {
      const deep = await post(`${base}/graphql`, 'mutation { login(email: "a@b.c", password: "x") { user { id } } }');
      expect(deep.status).toBe(400);
      expect(firstErrorCode(deep.text)).toBe('MAX_DEPTH_EXCEEDED');
      const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: me { id }`).join(' ');
      expect(firstErrorCode((await post(`${base}/graphql`, `{ ${aliases} }`)).text)).toBe('MAX_ALIASES_EXCEEDED');
      const wide = Array.from({ length: 7 }, () => 'me { id }').join(' ');
      expect(firstErrorCode((await post(`${base}/graphql`, `{ ${wide} }`)).text)).toBe('MAX_ROOT_FIELDS_EXCEEDED');
    });
  });

  test('a malformed body gets a JSON error', async () => {
    const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  test('no error carries a stack trace', async () => {
    const responses = [
      await stack.gql('{ users { id } }'),
      await stack.gql('{ me { id '),
      await stack.gql('mutation { login(email: "", password: "") { accessToken } }'),
    ];
    for (const response of responses) {
      expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
    }
  });
});

describe('operations', () => {
  test('every service serves Prometheus metrics: operations, latency, errors, and its own', async () => {
    await stack.gql('query CampusMetricsProbe { __typename }');
    await stack.gql('{ users { id } }');
    const gatewayMetrics = await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    expect(gatewayMetrics).toMatch(/graphql_requests_total\{[^}]*operation="CampusMetricsProbe"[^}]*\} \d+/);
    expect(gatewayMetrics).toMatch(/graphql_request_duration_seconds_bucket\{/);
    expect(gatewayMetrics).toMatch(/graphql_errors_total\{[^}]*code="UNAUTHENTICATED"[^}]*\} \d+/);
    expect(gatewayMetrics).toMatch(/graphql_ws_connections\{[^}]*\} \d+/);
    for (const [name, url] of Object.entries(stack.system.subgraphUrls)) {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      expect(text).toContain(`service="${name}"`);
    }
    const notifications = await (await fetch(stack.system.subgraphUrls.notifications.replace(/\/graphql$/, '/metrics'))).text();
    expect(notifications).toMatch(/outbox_pending_deliveries\{[^}]*measure="count"[^}]*\} \d+/);
  });

  test('the request id comes back in extensions and the header, and travels to the subgraphs', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-me-123');
    expect(((await response.json()) as { extensions: { requestId: string } }).extensions.requestId).toBe('trace-me-123');
    const generated = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A subgraph answers with the id the gateway forwards.
    const query = '{ __typename }';
    const signature = createHmac('sha256', DEV_SUBGRAPH_HMAC_SECRET).update(sortedJson({ query })).digest('base64');
    const direct = await fetch(stack.system.subgraphUrls.gpa, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'from-the-gateway' },
      body: JSON.stringify({ query, extensions: { 'hmac-signature': signature } }),
    });
    expect(((await direct.json()) as { extensions: { requestId: string } }).extensions.requestId).toBe('from-the-gateway');
  });
});

test('npm run gateway runs the gateway alone on a supergraph, with no subgraph up', async () => {
  const root = path.join(__dirname, '..');
  const port = 40000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'gateway/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      GATEWAY_PORT: String(port),
      HOST: '127.0.0.1',
      SUPERGRAPH_PATH: path.join(root, 'schema/supergraph.graphql'),
      LOG_LEVEL: 'silent',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, 'http://127.0.0.1:9/graphql'])),
      PGLITE_DATA_DIR: path.join(root, 'data', 'must-not-exist'),
    },
    stdio: 'ignore',
  });
  try {
    let live = 0;
    for (let i = 0; i < 100 && live !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      live = await fetch(`http://127.0.0.1:${port}/live`).then(
        (r) => r.status,
        () => 0,
      );
    }
    expect(live).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(503);
    expect(fs.existsSync(path.join(root, 'data', 'must-not-exist'))).toBe(false);
  } finally {
    child.kill('SIGTERM');
  }
});
