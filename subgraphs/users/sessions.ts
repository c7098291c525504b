/**
 * Sessions and refresh tokens. Every sign-in is a session (`users.sessions`); its refresh
 * tokens form a family whose id is the session's, and its access tokens carry the id as `sid`.
 * Refresh tokens are opaque random strings, stored only as SHA-256 hashes; `rotate` marks the
 * presented one used and issues its successor in one transaction. Presenting a used token
 * again means it leaked: its session is revoked. Revoking a session notifies every service's
 * revocation cache (lib/revocations.ts) when the transaction commits.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { REVOCATION_CHANNEL } from '../../lib/revocations';

const TOKENS = 'users.refresh_tokens';
const SESSIONS = 'users.sessions';
/** 32 random bytes, base64url: 43 characters. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedRefreshToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Why sessions end; kept on the session and in the audit log. */
export type RevokeReason = 'logout' | 'refresh_reuse' | 'password_changed' | 'role_changed' | 'user_deleted' | 'admin' | 'self';

export interface SessionOrigin {
  clientAddress: string | null;
  userAgent: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  last_used_at: Date | null;
  client_address: string | null;
  user_agent: string | null;
}

/** The whole stored session (`users.sessions`), for writes. */
interface StoredSession extends SessionRow {
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: RevokeReason | null;
}

/** A refresh token as stored (`users.refresh_tokens`); its family is its session. */
interface RefreshTokenRow {
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

export type RotateResult =
  | { ok: true; userId: string; sessionId: string; token: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  | { ok: false; reason: 'reused'; userId: string; sessionId: string };

export class SessionStore {
  constructor(
    private readonly knex: Knex,
    private readonly ttlDays: number,
  ) {}

  /** A new session and its first refresh token. */
  async start(userId: string, origin: SessionOrigin, trx: Knex = this.knex): Promise<{ sessionId: string; token: string }> {
    const sessionId = randomUUID();
    await trx(SESSIONS)
      .comment('startSession')
      .insert({
        id: sessionId,
        user_id: userId,
        expires_at: this.expiry(trx),
        last_used_at: trx.fn.now(),
        client_address: origin.clientAddress?.slice(0, 100) ?? null,
        user_agent: origin.userAgent?.slice(0, 512) ?? null,
      });
    return { sessionId, token: await this.issue(trx, userId, sessionId) };
  }

  private expiry(trx: Knex) {
    return trx.raw(`now() + make_interval(days => ?)`, [this.ttlDays]);
  }

  private async issue(trx: Knex, userId: string, sessionId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await trx(TOKENS)
      .comment('issueRefreshToken')
      .insert({ user_id: userId, family_id: sessionId, token_hash: hashToken(token), expires_at: this.expiry(trx) });
    return token;
  }

  async rotate(token: string): Promise<RotateResult> {
    if (!isWellFormedRefreshToken(token)) return { ok: false, reason: 'unknown' };
    const tokenHash = hashToken(token);
    return this.knex.transaction(async (trx): Promise<RotateResult> => {
      // The conditional update is the race guard: of two concurrent rotations one wins.
      const [used] = await trx<RefreshTokenRow>(TOKENS)
        .comment('rotateRefreshToken')
        .where({ token_hash: tokenHash })
        .whereNull('rotated_at')
        .whereNull('revoked_at')
        .where('expires_at', '>', trx.fn.now())
        .update({ rotated_at: trx.fn.now() })
        .returning(['user_id', 'family_id']);
      if (used) {
        // A refresh is the session's "last used": one write per 15 minutes at most, not per request.
        await trx(SESSIONS)
          .comment('touchSession')
          .where({ id: used.family_id })
          .update({ last_used_at: trx.fn.now(), expires_at: this.expiry(trx) });
        return { ok: true, userId: used.user_id, sessionId: used.family_id, token: await this.issue(trx, used.user_id, used.family_id) };
      }
      const existing = await trx<RefreshTokenRow>(TOKENS).comment('refreshTokenByHash').where({ token_hash: tokenHash }).first();
      if (!existing) return { ok: false, reason: 'unknown' };
      if (existing.rotated_at) {
        await this.revoke(trx, { id: existing.family_id }, 'refresh_reuse');
        return { ok: false, reason: 'reused', userId: existing.user_id, sessionId: existing.family_id };
      }
      return { ok: false, reason: existing.revoked_at ? 'revoked' : 'expired' };
    });
  }

  /** The session a refresh token belongs to, whatever its state. */
  async sessionOfToken(token: string): Promise<{ sessionId: string; userId: string } | undefined> {
    const row = await this.knex<RefreshTokenRow>(TOKENS)
      .comment('refreshTokenByHash')
      .where({ token_hash: hashToken(token) })
      .first('family_id', 'user_id');
    return row ? { sessionId: row.family_id, userId: row.user_id } : undefined;
  }

  /** The user's sessions that can still be refreshed, newest first. */
  listActive(userId: string): Promise<SessionRow[]> {
    return this.knex(SESSIONS)
      .comment('activeSessions')
      .select('id', 'user_id', 'created_at', 'last_used_at', 'client_address', 'user_agent')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .where('expires_at', '>', this.knex.fn.now())
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
  }

  async ownerOf(sessionId: string, trx: Knex = this.knex): Promise<string | undefined> {
    const row = await trx<SessionRow>(SESSIONS).comment('sessionOwner').where({ id: sessionId }).first('user_id');
    return row?.user_id;
  }

  /**
   * Ends the matching sessions that are still active and their refresh tokens; returns the
   * ids revoked now. Caches learn of them on commit (NOTIFY) or at their next poll.
   */
  async revoke(trx: Knex, which: { id: string } | { user_id: string }, reason: RevokeReason): Promise<string[]> {
    // clock_timestamp(), not the transaction's start: followers read "revoked since" cursors.
    const rows = await trx<StoredSession>(SESSIONS)
      .comment('revokeSessions')
      .where(which)
      .whereNull('revoked_at')
      .update({ revoked_at: trx.raw('clock_timestamp()'), revoked_reason: reason })
      .returning('id');
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return ids;
    await trx(TOKENS).comment('revokeSessionRefreshTokens').whereIn('family_id', ids).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
    await trx.raw(`/* notifySessionRevoked */ select pg_notify(?, '')`, [REVOCATION_CHANNEL]);
    return ids;
  }
}
