/**
 * Refresh tokens: opaque random strings, stored only as SHA-256 hashes. Each sign-in starts a
 * family; `rotate` marks the presented token used and issues its successor in one
 * transaction. Presenting a used token again means it leaked: the whole family is revoked.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

const TOKENS = 'users.refresh_tokens';
/** 32 random bytes, base64url: 43 characters. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedRefreshToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type RotateResult = { ok: true; userId: string; token: string } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

export class SessionStore {
  constructor(
    private readonly knex: Knex,
    private readonly ttlDays: number,
  ) {}

  /** A new refresh token, in a new family unless `familyId` continues one. */
  async issue(userId: string, familyId: string = randomUUID(), trx: Knex = this.knex): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await trx(TOKENS)
      .comment('issueRefreshToken')
      .insert({
        user_id: userId,
        family_id: familyId,
        token_hash: hashToken(token),
        expires_at: trx.raw(`now() + make_interval(days => ?)`, [this.ttlDays]),
      });
    return token;
  }

  async rotate(token: string): Promise<RotateResult> {
    if (!isWellFormedRefreshToken(token)) return { ok: false, reason: 'unknown' };
    const tokenHash = hashToken(token);
    return this.knex.transaction(async (trx) => {
      // The conditional update is the race guard: of two concurrent rotations one wins.
      const [used] = await trx(TOKENS)
        .comment('rotateRefreshToken')
        .where({ token_hash: tokenHash })
        .whereNull('rotated_at')
        .whereNull('revoked_at')
        .where('expires_at', '>', trx.fn.now())
        .update({ rotated_at: trx.fn.now() })
        .returning(['user_id', 'family_id']);
      if (used) {
        return { ok: true as const, userId: used.user_id, token: await this.issue(used.user_id, used.family_id, trx) };
      }
      const existing = await trx(TOKENS).comment('refreshTokenByHash').where({ token_hash: tokenHash }).first();
      if (!existing) return { ok: false as const, reason: 'unknown' as const };
      if (existing.rotated_at) {
        await this.revokeFamily(existing.family_id, trx);
        return { ok: false as const, reason: 'reused' as const };
      }
      return { ok: false as const, reason: existing.revoked_at ? ('revoked' as const) : ('expired' as const) };
    });
  }

  /** Revokes the token's family if the token is still active; idempotent. */
  async revoke(token: string): Promise<void> {
    const row = await this.knex(TOKENS).comment('refreshTokenByHash').where({ token_hash: hashToken(token) }).first('family_id');
    if (row) await this.revokeFamily(row.family_id);
  }

  async revokeAllOf(userId: string, trx: Knex = this.knex): Promise<void> {
    await trx(TOKENS).comment('revokeUserRefreshTokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
  }

  private async revokeFamily(familyId: string, trx: Knex = this.knex): Promise<void> {
    await trx(TOKENS).comment('revokeRefreshTokenFamily').where({ family_id: familyId }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
  }
}
