/**
 * Open graphql-ws connections by session: when the instance's revocation cache learns that a
 * session was revoked, every connection signed in with it is closed (4403), within one poll
 * of the revocation feed.
 */
import type { RevocationCache } from '../../lib/revocations';

export const SESSION_REVOKED_CLOSE_CODE = 4403;

export class SessionSockets {
  private readonly bySession = new Map<string, Set<() => void>>();

  constructor(revocations: RevocationCache) {
    revocations.onRevoked((sessionId) => {
      for (const close of this.bySession.get(sessionId) ?? []) close();
      this.bySession.delete(sessionId);
    });
  }

  /** Remembers how to close a connection of `sessionId`; returns what forgets it (on close). */
  track(sessionId: string | null, close: () => void): () => void {
    if (!sessionId) return () => {};
    const closers = this.bySession.get(sessionId) ?? new Set();
    closers.add(close);
    this.bySession.set(sessionId, closers);
    return () => {
      closers.delete(close);
      if (closers.size === 0 && this.bySession.get(sessionId) === closers) this.bySession.delete(sessionId);
    };
  }
}
