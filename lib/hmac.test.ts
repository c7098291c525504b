import { createHmac } from 'node:crypto';
import { signOperation, stableStringify, verifyOperationSignature } from './hmac';

describe('stableStringify', () => {
  test('sorts keys at every depth and writes no spaces', () => {
    expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  test('sorts keys as strings, numeric ones included, and drops undefined', () => {
    expect(stableStringify({ 10: 'a', 2: 'b', skip: undefined })).toBe('{"10":"a","2":"b"}');
    expect(stableStringify([undefined])).toBe('[null]');
  });
});

describe('operation signatures (Hive Gateway HMAC upstream scheme)', () => {
  const secret = 'test-secret';
  // Written out by hand, independently of the implementation.
  const expected = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64');

  test('signs the sorted JSON of { query, variables }', () => {
    const signature = signOperation(secret, { query: 'query($b: Int, $a: Int) { x }', variables: { b: 1, a: 2 } });
    expect(signature).toBe(expected('{"query":"query($b: Int, $a: Int) { x }","variables":{"a":2,"b":1}}'));
  });

  test('leaves variables out when empty', () => {
    expect(signOperation(secret, { query: '{ x }', variables: {} })).toBe(expected('{"query":"{ x }"}'));
    expect(signOperation(secret, { query: '{ x }' })).toBe(expected('{"query":"{ x }"}'));
  });

  test('verifies its own signatures and nothing else', () => {
    const params = { query: '{ x }', variables: { id: '1' } };
    const signature = signOperation(secret, params);
    expect(verifyOperationSignature(secret, params, signature)).toBe(true);
    expect(verifyOperationSignature(secret, { ...params, variables: { id: '2' } }, signature)).toBe(false);
    expect(verifyOperationSignature('other-secret', params, signature)).toBe(false);
    expect(verifyOperationSignature(secret, params, undefined)).toBe(false);
    expect(verifyOperationSignature(secret, params, 'short')).toBe(false);
  });
});
