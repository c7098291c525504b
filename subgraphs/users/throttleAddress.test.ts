/**
 * Sign-in throttling per client address: 100 failed sign-ins from one address within 15
 * minutes lock that address, whatever the account; another address is not affected.
 * (Its own file, hence its own database: the lock would hold for every other test.)
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { THROTTLE } from './throttle';
import { DEMO, startTestStack, type TestStack } from '../../test/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Signs in from a chosen loopback address (the whole 127.0.0.0/8 range reaches the gateway). */
function loginFrom(localAddress: string, email: string, password: string): Promise<string | undefined> {
  const url = new URL(stack.gatewayUrl);
  const body = JSON.stringify({
    query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    variables: { e: email, p: password },
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          const parsed = JSON.parse(text) as { errors?: Array<{ extensions: { code: string } }> };
          resolve(parsed.errors?.[0]?.extensions.code);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

test('100 failures from one address lock that address only', async () => {
  for (let i = 0; i < THROTTLE.addressFailures; i++) {
    // A different unknown account each time, so no account lock is reached first.
    expect(await loginFrom('127.0.0.3', `nobody-${randomUUID()}@example.com`, 'wrong-password')).toBe('UNAUTHENTICATED');
  }
  expect(await loginFrom('127.0.0.3', DEMO.STUDENT.email, DEMO.STUDENT.password)).toBe('RATE_LIMITED');
  expect(await loginFrom('127.0.0.4', DEMO.STUDENT.email, DEMO.STUDENT.password)).toBeUndefined();
}, 120_000);

test('110 parallel failures from one address: exactly 100 UNAUTHENTICATED, 10 RATE_LIMITED', async () => {
  const all = await Promise.all(Array.from({ length: 110 }, () => loginFrom('127.0.0.5', `nobody-${randomUUID()}@example.com`, 'wrong-password')));
  expect(all.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(THROTTLE.addressFailures);
  expect(all.filter((code) => code === 'RATE_LIMITED')).toHaveLength(110 - THROTTLE.addressFailures);
}, 120_000);
