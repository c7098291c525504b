/**
 * Revoked sessions, known to every instance of every service without a database read per
 * request. Each instance keeps a `RevocationCache` (a Map of session ids) that its access-token
 * check consults; a `RevocationFollower` keeps it current by polling a source every
 * `REVOCATION_POLL_MS` and, on a database, waking on NOTIFY as well. Subgraphs follow the users
 * subgraph's published view `users.revoked_sessions`; the gateway, which has no database,
 * follows the revocation feed: the same answer over signed HTTP (revocationFeed.ts).
 * A revoked session matters only until its last access token expires, so the set stays small.
 */
import type { Knex } from 'knex';
import { createAccessTokenService, type AccessTokenService } from './auth';
import type { Config } from './config';
import type { Database } from './db';
import { listen, type Unlisten } from './listen';
import type { Logger } from './logger';
import type { BackgroundWorker } from './subgraphServer';

/** NOTIFY channel that wakes followers when a session is revoked (no payload: they read the view). */
export const REVOCATION_CHANNEL = 'session_revoked';
/** Clocks of the database and the instances may differ by this much. */
const CLOCK_SKEW_MS = 60_000;
/** Each read looks this far back before the previous answer, so a late commit is not missed. */
const CURSOR_OVERLAP_MS = 10_000;

export interface Revocation {
  sessionId: string;
  /** When the session's last access token has surely expired (ms since the epoch). */
  until: number;
}

/** One read of a source: what was revoked since the cursor, and the next cursor. */
export interface RevocationFeed {
  /** The source's clock at the read; pass it back as `since`. */
  now: number;
  revocations: Revocation[];
}

export interface RevocationCheck {
  isRevoked(sessionId: string): boolean;
}

export class RevocationCache implements RevocationCheck {
  private readonly revoked = new Map<string, number>();
  private readonly listeners = new Set<(sessionId: string) => void>();

  /** The per-request check: one Map lookup. */
  isRevoked(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  get size(): number {
    return this.revoked.size;
  }

  /** Adds revocations; listeners hear of each session the first time it is seen. */
  add(revocations: Revocation[], now = Date.now()): void {
    for (const [sessionId, until] of this.revoked) if (until < now) this.revoked.delete(sessionId);
    for (const { sessionId, until } of revocations) {
      if (until < now) continue;
      const known = this.revoked.has(sessionId);
      this.revoked.set(sessionId, Math.max(until, this.revoked.get(sessionId) ?? 0));
      if (!known) for (const listener of this.listeners) listener(sessionId);
    }
  }

  /** Calls `listener` for every newly revoked session; returns the unsubscribe function. */
  onRevoked(listener: (sessionId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Reads the published view: sessions revoked since `since` (and within a token lifetime). */
export async function readRevocations(knex: Knex, since: number | null, accessTokenTtlSeconds: number): Promise<RevocationFeed> {
  const windowMs = accessTokenTtlSeconds * 1000 + CLOCK_SKEW_MS;
  const from = since === null ? null : since - CURSOR_OVERLAP_MS;
  const { rows } = await knex.raw<{ rows: Array<{ now: number; id: string | null; revoked_at: number | null }> }>(
    `/* revokedSessionsSince */
     select (extract(epoch from now()) * 1000)::float8 as now, s.id, (extract(epoch from s.revoked_at) * 1000)::float8 as revoked_at
       from (select 1) one
       left join users.revoked_sessions s
         on s.revoked_at > now() - make_interval(secs => ?::float8 / 1000)
        and (?::float8 is null or s.revoked_at > to_timestamp(?::float8 / 1000))`,
    [windowMs, from, from],
  );
  return {
    now: Number(rows[0].now),
    revocations: rows.filter((r) => r.id !== null).map((r) => ({ sessionId: r.id!, until: Number(r.revoked_at) + windowMs })),
  };
}

export interface FollowerOptions {
  cache: RevocationCache;
  read(since: number | null): Promise<RevocationFeed>;
  pollMs: number;
  logger: Logger;
  /** Subscribes `wake` to a push source (LISTEN); reads happen on every wake-up too. */
  wakeUp?(wake: () => void): Promise<Unlisten>;
}

/** Keeps a cache current: a read now, one every `pollMs`, and one on every wake-up. */
export class RevocationFollower implements BackgroundWorker {
  private since: number | null = null;
  private timer?: NodeJS.Timeout;
  private unlisten?: Unlisten;
  private running?: Promise<void>;
  private again = false;
  private failing = false;

  constructor(private readonly options: FollowerOptions) {}

  async start(): Promise<void> {
    this.unlisten = await this.options
      .wakeUp?.(() => void this.refresh())
      .catch((error) => {
        this.options.logger.warn({ err: error }, 'revocations: no push source; polling only');
        return undefined;
      });
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs);
    this.timer.unref();
    await this.refresh();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.running;
  }

  /** One read, or one more after the read in progress; failures keep the set and are logged once. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.readOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async readOnce(): Promise<void> {
    try {
      const feed = await this.options.read(this.since);
      this.options.cache.add(feed.revocations);
      this.since = feed.now;
      if (this.failing) this.options.logger.info('revocations: source answers again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.logger.warn({ err: error }, 'revocations: source unreachable; keeping the last known set');
      this.failing = true;
    }
  }
}

/** A follower of the database view, woken by NOTIFY (subgraphs). */
export function followDatabase(
  db: Database,
  cache: RevocationCache,
  options: { pollMs: number; accessTokenTtlSeconds: number; logger: Logger },
): RevocationFollower {
  return new RevocationFollower({
    cache,
    pollMs: options.pollMs,
    logger: options.logger,
    read: (since) => readRevocations(db.knex, since, options.accessTokenTtlSeconds),
    wakeUp: (wake) => listen(db, REVOCATION_CHANNEL, wake, options.logger),
  });
}

/**
 * The access-token service of a process's subgraphs, refusing revoked sessions, and the
 * follower that keeps its cache current (start it once the users schema is migrated).
 */
export function subgraphTokens(config: Config, db: Database, logger: Logger): { tokens: AccessTokenService; follower: RevocationFollower } {
  const cache = new RevocationCache();
  const follower = followDatabase(db, cache, { pollMs: config.revocations.pollMs, accessTokenTtlSeconds: config.jwt.accessTokenTtlSeconds, logger });
  return { tokens: createAccessTokenService(config.jwt, cache), follower };
}
