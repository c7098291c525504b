/**
 * Identity: access tokens (JWT) and the one request context every service builds from a
 * request's headers, for HTTP and WebSocket alike. Resolvers read `context.user`, never headers.
 */
import { createPublicKey, createSecretKey, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { JwtConfig } from './config';
import { unauthenticated } from './errors';
import type { RevocationCheck } from './revocations';

export const ROLES = ['ADMIN', 'FACULTY', 'STUDENT'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

export interface AuthUser {
  id: string;
  role: Role;
}

/** Why a presented token was not accepted; lets the role check say "expired" rather than "sign in". */
export type TokenProblem = 'invalid' | 'expired' | 'revoked';

export interface RequestContext {
  /** The verified caller, or null for an anonymous (or badly authenticated) request. */
  user: AuthUser | null;
  /** When the caller's access token expires (ms since the epoch); null without a user. */
  expiresAt: number | null;
  /** The session (sign-in) the access token belongs to (`sid`); null without one. */
  sessionId: string | null;
  tokenProblem: TokenProblem | null;
  /** The raw bearer token, forwarded by the gateway so each subgraph verifies it again. */
  accessToken: string | null;
  requestId: string;
  clientAddress: string | null;
  userAgent: string | null;
}

export interface VerifiedToken {
  user: AuthUser;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
  sessionId: string | null;
}

export interface AccessTokenService {
  issue(user: AuthUser, sessionId: string): { accessToken: string; expiresIn: number };
  /** The verified user, or why the token was refused (a revoked session included). */
  verify(token: string): VerifiedToken | { problem: TokenProblem };
}

/**
 * `revocations`: the instance's cache of revoked sessions (lib/revocations.ts), consulted on
 * every verification. Tokens without `sid` predate sessions and expire within 15 minutes.
 */
export function createAccessTokenService(config: JwtConfig, revocations?: RevocationCheck): AccessTokenService {
  const keyPair = !config.secret;
  const algorithm = keyPair ? 'RS256' : 'HS256';
  // Key objects made once: handed a string, jsonwebtoken parses it again on every verify (and
  // first tries it as a public key), which was a quarter of a subgraph's busy time.
  const verifyKey = keyPair ? config.publicKey && createPublicKey(config.publicKey) : config.secret && createSecretKey(Buffer.from(config.secret));
  return {
    issue(user, sessionId) {
      const signKey = keyPair ? config.privateKey : config.secret;
      if (!signKey) throw new Error('This service has no key to sign access tokens');
      const accessToken = jwt.sign({ role: user.role, sid: sessionId }, signKey, {
        algorithm,
        subject: user.id,
        issuer: config.issuer,
        audience: config.audience,
        expiresIn: config.accessTokenTtlSeconds,
        jwtid: randomUUID(),
      });
      return { accessToken, expiresIn: config.accessTokenTtlSeconds };
    },
    verify(token) {
      if (!verifyKey) return { problem: 'invalid' };
      try {
        const claims = jwt.verify(token, verifyKey, {
          algorithms: [algorithm],
          issuer: config.issuer,
          audience: config.audience,
        });
        if (typeof claims !== 'object' || typeof claims.sub !== 'string' || !isRole(claims.role)) {
          return { problem: 'invalid' };
        }
        const sessionId = typeof claims.sid === 'string' ? claims.sid : null;
        if (sessionId && revocations?.isRevoked(sessionId)) return { problem: 'revoked' };
        return { user: { id: claims.sub, role: claims.role }, expiresAt: (claims.exp ?? 0) * 1000, sessionId };
      } catch (error) {
        return { problem: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
      }
    },
  };
}

/** `Bearer <token>` → token; anything else → null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : null;
}

export interface ContextSource {
  authorization?: string | null;
  requestId?: string | null;
  clientAddress?: string | null;
  userAgent?: string | null;
}

/** The one request context factory (HTTP requests and WebSocket connections alike). */
export function buildRequestContext(source: ContextSource, tokens: AccessTokenService): RequestContext {
  const requestId = source.requestId && /^[\w.-]{1,100}$/.test(source.requestId) ? source.requestId : randomUUID();
  const accessToken = bearerToken(source.authorization);
  const base = { accessToken, requestId, clientAddress: source.clientAddress ?? null, userAgent: source.userAgent?.slice(0, 512) ?? null };
  const anonymous = { ...base, user: null, expiresAt: null, sessionId: null };
  if (source.authorization && !accessToken) return { ...anonymous, tokenProblem: 'invalid' };
  if (!accessToken) return { ...anonymous, tokenProblem: null };
  const verified = tokens.verify(accessToken);
  return 'user' in verified ? { ...base, ...verified, tokenProblem: null } : { ...anonymous, tokenProblem: verified.problem };
}

/**
 * The signed-in caller of a resolver that the `@auth` directive has already admitted; narrows
 * the type, and refuses (rather than trusts) a context without one.
 */
export function requireUser(context: Pick<RequestContext, 'user'>): AuthUser {
  if (!context.user) throw unauthenticated();
  return context.user;
}
