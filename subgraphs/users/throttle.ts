/**
 * Sign-in throttling, kept in the database so every instance of the service sees the same
 * counts: 5 failures for one account, or 100 from one client address, within 15 minutes lock
 * that account or address for 15 minutes. Successful sign-ins never count, and clear the
 * account's failures; attempts whose password is still being checked count against the limit
 * until their outcome is known (`admit`, then `settle`).
 */
import type { Knex } from 'knex';

export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountFailures: 5,
  addressFailures: 100,
} as const;

/** How long an attempt waits for attempts in flight to finish before it is refused. */
const ADMISSION_WAIT_MS = 10_000;
const ADMISSION_RETRY_MS = 20;
/** Attempts in flight this old came from a process that died: they no longer count. */
const IN_FLIGHT_STALE_SECONDS = 30;

export interface ThrottleKey {
  key: string;
  limit: number;
}

/** A key's counts as stored (`users.sign_in_throttle`). */
interface ThrottleRow {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
  in_flight: number;
  in_flight_at: Date | null;
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
    const row = await this.knex<ThrottleRow>('users.sign_in_throttle')
      .comment('signInLocks')
      .whereIn(
        'key',
        keys.map((k) => k.key),
      )
      .where('locked_until', '>', this.knex.fn.now())
      .max({ until: 'locked_until' })
      .first<{ until: Date | null } | undefined>();
    return row?.until ? Math.max(1, Math.ceil((new Date(row.until).getTime() - Date.now()) / 1000)) : 0;
  }

  /**
   * Admits one attempt under every key before its password is checked, or says why not. An
   * attempt is admitted while confirmed failures plus attempts in flight stay under a key's
   * limit: a failure counts even while its hash runs, so 40 parallel wrong passwords cannot
   * all slip under the limit. When the limit is full of attempts in flight, this one waits for
   * their outcome (they may succeed) rather than being refused. Keys are taken in a fixed
   * order, so two attempts never wait on each other.
   */
  async admit(keys: ThrottleKey[]): Promise<'admitted' | 'locked'> {
    const admitted: ThrottleKey[] = [];
    for (const key of keys) {
      if (!(await this.admitOne(key))) {
        await this.settle(admitted, 'withdrawn');
        return 'locked';
      }
      admitted.push(key);
    }
    return 'admitted';
  }

  /** True once admitted; false when the key is locked (or stays full for too long). */
  private async admitOne(key: ThrottleKey): Promise<boolean> {
    const deadline = Date.now() + ADMISSION_WAIT_MS;
    for (;;) {
      if (await this.tryAdmit(key)) return true;
      if ((await this.lockedForSeconds([key])) > 0 || Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, ADMISSION_RETRY_MS));
    }
  }

  private async tryAdmit({ key, limit }: ThrottleKey): Promise<boolean> {
    const { rows } = await this.knex.raw<{ rows: Array<Pick<ThrottleRow, 'key'>> }>(
      `/* admitSignInAttempt */
       insert into users.sign_in_throttle as t (key, failures, window_started_at, in_flight, in_flight_at)
       values (:key, 0, now(), 1, now())
       on conflict (key) do update set
         failures = case when t.window_started_at < now() - make_interval(mins => :window) then 0 else t.failures end,
         window_started_at = case when t.window_started_at < now() - make_interval(mins => :window) then now() else t.window_started_at end,
         in_flight = (case when t.in_flight_at < now() - make_interval(secs => :stale) then 0 else t.in_flight end) + 1,
         in_flight_at = now()
         where (t.locked_until is null or t.locked_until <= now())
           and (case when t.window_started_at < now() - make_interval(mins => :window) then 0 else t.failures end)
             + (case when t.in_flight_at < now() - make_interval(secs => :stale) then 0 else t.in_flight end) < :limit
       returning key`,
      { key, limit, window: THROTTLE.windowMinutes, stale: IN_FLIGHT_STALE_SECONDS },
    );
    return rows.length > 0;
  }

  /**
   * Ends admitted attempts. A failure is confirmed, and the one that reaches a key's limit
   * locks it (those keys are returned); a success clears the account's failures; a withdrawn
   * attempt (another key was locked) leaves no trace.
   */
  async settle(keys: ThrottleKey[], outcome: 'failed' | 'succeeded' | 'withdrawn'): Promise<ThrottleKey[]> {
    const locked: ThrottleKey[] = [];
    for (const key of keys) {
      const clear = outcome === 'succeeded' && key.key.startsWith('account:');
      const { rows } = await this.knex.raw<{ rows: Array<{ locked_now: boolean }> }>(
        `/* settleSignInAttempt */
         update users.sign_in_throttle set
           in_flight = greatest(in_flight - 1, 0),
           failures = case when :clear then 0 else failures + :failed end,
           locked_until = case when :failed = 1 and failures + 1 >= :limit then now() + make_interval(mins => :lock) else locked_until end
         where key = :key
         returning locked_until is not null and locked_until > now() and :failed = 1 and failures = :limit as locked_now`,
        { key: key.key, limit: key.limit, clear, failed: outcome === 'failed' ? 1 : 0, lock: THROTTLE.lockMinutes },
      );
      if (rows[0]?.locked_now) locked.push(key);
    }
    return locked;
  }

  /** Forgets counts whose window and lock have both passed; returns how many. */
  async prune(): Promise<number> {
    const rows = await this.knex<ThrottleRow>('users.sign_in_throttle')
      .comment('pruneSignInThrottle')
      .where('window_started_at', '<', this.knex.raw('now() - make_interval(mins => ?)', [THROTTLE.windowMinutes]))
      .where((q) => void q.whereNull('locked_until').orWhere('locked_until', '<', this.knex.fn.now()))
      .delete()
      .returning('key');
    return rows.length;
  }
}
