/**
 * Sign-in throttling, kept in the database so every instance of the service sees the same
 * counts: 5 failures for one account, or 100 from one client address, within 15 minutes lock
 * that account or address for 15 minutes. Successful sign-ins never count: an attempt is
 * counted before its password is checked and given back when it succeeds.
 */
import type { Knex } from 'knex';

export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountFailures: 5,
  addressFailures: 100,
} as const;

export interface ThrottleKey {
  key: string;
  limit: number;
}

export function throttleKeys(email: string, clientAddress: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${email.trim().toLowerCase()}`, limit: THROTTLE.accountFailures }];
  if (clientAddress) keys.push({ key: `address:${clientAddress}`, limit: THROTTLE.addressFailures });
  return keys;
}

export class SignInThrottle {
  constructor(private readonly knex: Knex) {}

  /** Seconds until the latest lock among `keys` ends, or 0 when none is locked. */
  async lockedForSeconds(keys: ThrottleKey[]): Promise<number> {
    const row = await this.knex('users.sign_in_throttle')
      .comment('signInLocks')
      .whereIn(
        'key',
        keys.map((k) => k.key),
      )
      .where('locked_until', '>', this.knex.fn.now())
      .max({ until: 'locked_until' })
      .first();
    return row?.until ? Math.max(1, Math.ceil((new Date(row.until).getTime() - Date.now()) / 1000)) : 0;
  }

  /**
   * Reserves one attempt under every key before the password is checked: the attempt counts
   * as a failure up front, so concurrent attempts cannot all slip under the limit while their
   * hashes run. The row lock of the upsert orders them; the one that reaches a key's limit
   * locks it, and a locked key reserves nothing. Returns the keys whose limit this attempt
   * reached, or null when a key is locked (then nothing stays reserved).
   */
  async reserve(keys: ThrottleKey[]): Promise<ThrottleKey[] | null> {
    const reserved: ThrottleKey[] = [];
    const reachedLimit: ThrottleKey[] = [];
    for (const key of keys) {
      const failures = await this.reserveOne(key);
      if (failures === null) {
        await this.release(reserved);
        return null;
      }
      reserved.push(key);
      if (failures >= key.limit) reachedLimit.push(key);
    }
    return reachedLimit;
  }

  /** The count after this attempt, or null when the key is locked. */
  private async reserveOne({ key, limit }: ThrottleKey): Promise<number | null> {
    const { rows } = await this.knex.raw(
      `/* reserveSignInAttempt */
       insert into users.sign_in_throttle as t (key, failures, window_started_at, locked_until)
       values (:key, 1, now(), case when 1 >= :limit then now() + make_interval(mins => :lock) end)
       on conflict (key) do update set
         failures = case when t.window_started_at < now() - make_interval(mins => :window) then 1 else t.failures + 1 end,
         window_started_at = case when t.window_started_at < now() - make_interval(mins => :window) then now() else t.window_started_at end,
         locked_until = case
           when (case when t.window_started_at < now() - make_interval(mins => :window) then 1 else t.failures + 1 end) >= :limit
             then now() + make_interval(mins => :lock)
           end
         where t.locked_until is null or t.locked_until <= now()
       returning failures`,
      { key, limit, lock: THROTTLE.lockMinutes, window: THROTTLE.windowMinutes },
    );
    return rows.length > 0 ? Number(rows[0].failures) : null;
  }

  /** Gives reserved attempts back (a later key was locked, or the sign-in succeeded). */
  async release(keys: ThrottleKey[]): Promise<void> {
    for (const { key, limit } of keys) {
      await this.knex.raw(
        `/* releaseSignInAttempt */
         update users.sign_in_throttle
            set failures = greatest(failures - 1, 0),
                locked_until = case when failures - 1 < :limit then null else locked_until end
          where key = :key`,
        { key, limit },
      );
    }
  }

  /** Forgets counts whose window and lock have both passed; returns how many. */
  async prune(): Promise<number> {
    const rows = await this.knex('users.sign_in_throttle')
      .comment('pruneSignInThrottle')
      .where('window_started_at', '<', this.knex.raw('now() - make_interval(mins => ?)', [THROTTLE.windowMinutes]))
      .where((q) => q.whereNull('locked_until').orWhere('locked_until', '<', this.knex.fn.now()))
      .delete()
      .returning('key');
    return rows.length;
  }


}
