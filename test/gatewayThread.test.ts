/** `npm start`'s gateway on a worker thread (scripts/gatewayThread.ts): it serves, and stops cleanly. */
import { startGatewayThread } from '../scripts/gatewayThread';
import { DEMO, startTestStack, type TestStack } from './stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

test('a gateway thread on the stack’s subgraphs signs in and answers, then stops and frees its port', async () => {
  const thread = await startGatewayThread(stack.system.subgraphUrls, { HOST: '127.0.0.1', GATEWAY_PORT: '0', LOG_LEVEL: 'silent' });
  const login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { role } } }';
  const response = await fetch(thread.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: login, variables: { e: DEMO.ADMIN.email, p: DEMO.ADMIN.password } }),
  });
  expect(((await response.json()) as { data: { login: { user: { role: string } } } }).data.login.user.role).toBe('ADMIN');
  await thread.stop();
  await expect(fetch(thread.url.replace(/\/graphql$/, '/live'))).rejects.toThrow();
});
