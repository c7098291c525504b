/** Subgraph calls over kept-alive sockets, against a real HTTP server on loopback. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postToSubgraph, SubgraphTimeout } from './subgraphFetch';

let server: http.Server;
let url: string;
let connections = 0;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      if (request.url === '/slow') return void setTimeout(() => response.end('{}'), 500);
      const status = request.url === '/down' ? 503 : 200;
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'max-age=5, public' });
      response.end(JSON.stringify({ data: { echo: JSON.parse(body) as unknown } }));
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('posts the body with the headers given and reads status, headers and JSON', async () => {
  const response = await postToSubgraph(
    `${url}/graphql`,
    { 'content-type': 'application/json', authorization: 'Bearer t' },
    '{"query":"{ a }"}',
    1000,
  );
  expect(response.ok).toBe(true);
  expect(response.status).toBe(200);
  expect(response.headers.get('Cache-Control')).toBe('max-age=5, public');
  expect(await response.json()).toEqual({ data: { echo: { query: '{ a }' } } });
  const last = received[received.length - 1];
  expect(last.headers.authorization).toBe('Bearer t');
  expect(last.headers['content-length']).toBe(String('{"query":"{ a }"}'.length));
});

test('a refusal is an answer, not an exception', async () => {
  const response = await postToSubgraph(`${url}/down`, {}, '{}', 1000);
  expect(response.ok).toBe(false);
  expect(response.status).toBe(503);
  expect(await response.text()).toContain('echo');
});

test('calls one after another share one kept-alive socket', async () => {
  await postToSubgraph(`${url}/graphql`, {}, '{}', 1000);
  const before = connections;
  for (let i = 0; i < 5; i++) await postToSubgraph(`${url}/graphql`, {}, `{"i":${i}}`, 1000);
  expect(connections).toBe(before);
});

test('no whole answer within the time given fails with SubgraphTimeout', async () => {
  // The same server answers /slow after 500 ms: given 2 s it answers, given 50 ms it times out.
  await expect(postToSubgraph(`${url}/slow`, {}, '{}', 2000)).resolves.toMatchObject({ status: 200 });
  await expect(postToSubgraph(`${url}/slow`, {}, '{}', 50)).rejects.toBeInstanceOf(SubgraphTimeout);
});

test('an address nobody listens on fails at once', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(postToSubgraph(`http://127.0.0.1:${port}/graphql`, {}, '{}', 1000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});
