import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createAccessTokenService } from './auth';
import type { JwtConfig } from './config';

const base = { issuer: 'campus-services-hub', audience: 'campus-services-hub', accessTokenTtlSeconds: 900 };
const user = { id: '00000000-0000-4000-8000-000000000001', role: 'STUDENT' as const };

describe('access tokens', () => {
  test('HS256: what one service issues, another verifies; a foreign or expired token is refused', () => {
    const config: JwtConfig = { ...base, secret: 'a-test-secret' };
    const { accessToken } = createAccessTokenService(config).issue(user, 'session-1');
    expect(createAccessTokenService(config).verify(accessToken)).toMatchObject({ user });
    expect(createAccessTokenService({ ...config, secret: 'another-secret' }).verify(accessToken)).toEqual({ problem: 'invalid' });
    const expired = jwt.sign({ role: 'STUDENT', exp: Math.floor(Date.now() / 1000) - 10 }, 'a-test-secret', {
      subject: user.id,
      issuer: base.issuer,
      audience: base.audience,
    });
    expect(createAccessTokenService(config).verify(expired)).toEqual({ problem: 'expired' });
  });

  test('RS256: a service with the public key alone verifies; HS256 tokens signed with that key text are refused', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const { accessToken } = createAccessTokenService({ ...base, privateKey, publicKey }).issue(user, 'session-1');
    const verifier = createAccessTokenService({ ...base, publicKey });
    expect(verifier.verify(accessToken)).toMatchObject({ user });
    // The classic confusion attack: HS256 keyed with the public key's text.
    const forged = jwt.sign({ role: 'ADMIN' }, publicKey, { algorithm: 'HS256', subject: user.id, issuer: base.issuer, audience: base.audience });
    expect(verifier.verify(forged)).toEqual({ problem: 'invalid' });
  });
});
