import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import { spendVerification, verifyPassword } from './passwords';
import { type AttemptKind, type LoginAttemptStore, createLoginAttemptStore } from './loginAttemptStore';
import { type UserRow, createUserStore } from './userStore';

/**
 * Windows count attempts that did not succeed (a success gives its slot back), so an office behind one
 * address signing in at nine is not throttled while a guesser is. Lockout follows consecutive
 * failures on the account and lasts a fixed time; an admin's password reset lifts it early.
 */
export interface LoginLimits {
  perIp: { attempts: number; windowMs: number };
  perUsername: { attempts: number; windowMs: number };
  lockout: { after: number; forMs: number };
}

export const LOGIN_LIMITS: LoginLimits = {
  perIp: { attempts: 30, windowMs: 15 * 60_000 },
  perUsername: { attempts: 10, windowMs: 15 * 60_000 },
  lockout: { after: 5, forMs: 15 * 60_000 },
};

/** A refusal that says when to come back; the route turns retryAfterMs into a Retry-After header. */
export class RetryLaterError extends HttpError {
  constructor(status: 423 | 429, code: string, message: string, readonly retryAfterMs: number) {
    super(status, code, message);
  }
}

/** Same words for an unknown username, a wrong password and a disabled account. */
function invalidCredentials(): HttpError {
  return new HttpError(401, 'invalid_credentials', 'Wrong username or password.');
}

function minutes(ms: number): string {
  const whole = Math.max(1, Math.ceil(ms / 60_000));
  return whole === 1 ? '1 minute' : `${whole} minutes`;
}

/** Sliding windows of attempt instants per key, one window size per kind of key, kept in the store. */
function slidingWindows(store: LoginAttemptStore, kind: AttemptKind, limit: { attempts: number; windowMs: number }) {
  return {
    /** Milliseconds until the key may try again, or 0 when it may now. */
    waitMs(key: string, now: number): number {
      const newest = store.recent(kind, key, now - limit.windowMs, limit.attempts);
      return newest.length < limit.attempts ? 0 : newest[limit.attempts - 1]! + limit.windowMs - now;
    },
    /** Counts an attempt; answers what gives it back. */
    take(key: string, now: number, expiredBy: number): number {
      return store.take(kind, key, now, expiredBy);
    },
  };
}

/** Checks a username and password under the rate limits and the lockout; answers the user or throws 401, 423 or 429. */
export function createLoginGate(deps: { db: Db; clock: Clock; limits?: LoginLimits }) {
  const { clock } = deps;
  const limits = deps.limits ?? LOGIN_LIMITS;
  const users = createUserStore(deps.db);
  const attempts = createLoginAttemptStore(deps.db);
  const byIp = slidingWindows(attempts, 'ip', limits.perIp);
  const byUsername = slidingWindows(attempts, 'username', limits.perUsername);
  const longestWindowMs = Math.max(limits.perIp.windowMs, limits.perUsername.windowMs);

  function throttle(username: string, ip: string, now: number): void {
    const waitMs = Math.max(byIp.waitMs(ip, now), byUsername.waitMs(username, now));
    if (waitMs > 0) throw new RetryLaterError(429, 'too_many_attempts', `Too many sign-in attempts; try again in ${minutes(waitMs)}.`, waitMs);
  }

  function refuseIfLocked(lockedUntil: number | null, now: number): void {
    if (lockedUntil !== null && lockedUntil > now) {
      const waitMs = lockedUntil - now;
      throw new RetryLaterError(423, 'locked', `Too many failed sign-ins: this account is locked for ${minutes(waitMs)}, or until an admin resets its password.`, waitMs);
    }
  }

  return {
    /**
     * `wrong` is what a wrong password throws: 401 at login; a password change, already signed in,
     * says which field was wrong instead.
     */
    async check(username: string, password: string, ip: string, wrong: () => HttpError = invalidCredentials): Promise<UserRow> {
      const startedAt = clock.now();
      throttle(username, ip, startedAt);
      const expiredBy = startedAt - longestWindowMs;
      const taken = [byIp.take(ip, startedAt, expiredBy), byUsername.take(username, startedAt, expiredBy)];

      const user = users.findByUsername(username);
      refuseIfLocked(user ? user.lockedUntil : attempts.phantomLockedUntil(username), startedAt);
      const matches = user ? await verifyPassword(password, user.passwordHash) : await spendVerification(password);
      if (!user) {
        attempts.phantomFailed(username, clock.now(), limits.lockout);
        throw wrong();
      }
      if (!matches) {
        users.recordFailedLogin(user.id, clock.now(), limits.lockout);
        throw wrong();
      }
      // A disabled account's right password is not counted against it, but it opens nothing either.
      if (user.disabled) throw wrong();
      users.clearFailedLogins(user.id);
      for (const id of taken) attempts.giveBack(id);
      return user;
    },
  };
}
