import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { HttpError } from '../http/httpError';
import { spendVerification, verifyPassword } from './passwords';
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

/** Keys kept in memory at most: beyond it the oldest go, so a flood of made-up names cannot grow the heap. */
const MAX_TRACKED = 10_000;

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

/** In-memory sliding windows of attempt instants per key. */
function slidingWindows(limit: { attempts: number; windowMs: number }) {
  const attempts = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (attempts.get(key) ?? []).filter((at) => now - at < limit.windowMs);
    if (kept.length === 0) attempts.delete(key);
    else attempts.set(key, kept);
    return kept;
  }

  return {
    /** Milliseconds until the key may try again, or 0 when it may now. */
    waitMs(key: string, now: number): number {
      const kept = recent(key, now);
      return kept.length < limit.attempts ? 0 : kept[kept.length - limit.attempts]! + limit.windowMs - now;
    },
    take(key: string, now: number): void {
      const kept = recent(key, now);
      // Re-inserted so the Map's order is least recently used first, for the eviction below.
      attempts.delete(key);
      attempts.set(key, [...kept, now]);
      if (attempts.size > MAX_TRACKED) attempts.delete(attempts.keys().next().value!);
    },
    giveBack(key: string, at: number): void {
      const list = attempts.get(key);
      const index = list?.lastIndexOf(at) ?? -1;
      if (index >= 0) list!.splice(index, 1);
    },
  };
}

/**
 * Lockout state for usernames nobody has: it mirrors what a real account would do, so a 423 after five
 * wrong guesses does not tell a guesser which usernames exist.
 */
function phantomLockouts(lockout: LoginLimits['lockout']) {
  const states = new Map<string, { failed: number; lockedUntil: number | null }>();
  return {
    lockedUntil(username: string): number | null {
      return states.get(username)?.lockedUntil ?? null;
    },
    failed(username: string, now: number): void {
      const state = states.get(username) ?? { failed: 0, lockedUntil: null };
      state.failed += 1;
      if (state.failed >= lockout.after) Object.assign(state, { failed: 0, lockedUntil: now + lockout.forMs });
      states.delete(username);
      states.set(username, state);
      if (states.size > MAX_TRACKED) states.delete(states.keys().next().value!);
    },
  };
}

/** Checks a username and password under the rate limits and the lockout; answers the user or throws 401, 423 or 429. */
export function createLoginGate(deps: { db: Db; clock: Clock; limits?: LoginLimits }) {
  const { clock } = deps;
  const limits = deps.limits ?? LOGIN_LIMITS;
  const users = createUserStore(deps.db);
  const byIp = slidingWindows(limits.perIp);
  const byUsername = slidingWindows(limits.perUsername);
  const phantoms = phantomLockouts(limits.lockout);

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
      byIp.take(ip, startedAt);
      byUsername.take(username, startedAt);

      const user = users.findByUsername(username);
      refuseIfLocked(user ? user.lockedUntil : phantoms.lockedUntil(username), startedAt);
      const matches = user ? await verifyPassword(password, user.passwordHash) : await spendVerification(password);
      if (!user) {
        phantoms.failed(username, clock.now());
        throw wrong();
      }
      if (!matches) {
        users.recordFailedLogin(user.id, clock.now(), limits.lockout);
        throw wrong();
      }
      // A disabled account's right password is not counted against it, but it opens nothing either.
      if (user.disabled) throw wrong();
      users.clearFailedLogins(user.id);
      byIp.giveBack(ip, startedAt);
      byUsername.giveBack(username, startedAt);
      return user;
    },
  };
}
