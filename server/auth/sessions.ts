import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import type { Db } from '../../db/connection';
import type { SessionView } from '../../shared/auth/userSchemas';
import type { Clock } from '../clock';
import { type CredentialResolver, type Principal, principalForRole } from './principal';
import { type SessionRow, createSessionStore } from './sessionStore';
import { secretDigest } from './tokenAdmin';
import { scopeOf } from './userService';
import { type UserRow, createUserStore } from './userStore';

export const SESSION_COOKIE = 'ops_session';

/**
 * A session lasts one working shift at most, and ends sooner when its browser has been away long
 * enough to suggest it was left behind. lastSeenAt is written at most once a minute, so a page's
 * polling does not turn every read into a write.
 */
export const SESSION_POLICY = {
  absoluteMs: 12 * 60 * 60_000,
  idleMs: 4 * 60 * 60_000,
  touchEveryMs: 60_000,
} as const;

/** `auto`: Secure when the request came over TLS (req.secure, which honours the app's trust proxy); `always`: on every response. */
export type SecureCookies = 'auto' | 'always';

export function sessionIdHash(cookieValue: string): string {
  return secretDigest(cookieValue);
}

/**
 * SameSite=Lax, not Strict: Strict leaves the cookie off a top-level navigation from another site, so
 * a ticket link opened from mail or chat would land signed out. Lax still keeps it off cross-site
 * POSTs, fetches and frames, and every state-changing request must also echo the CSRF token.
 * Path=/ so the socket.io handshake carries it too.
 */
function cookieOptions(req: Request, secure: SecureCookies): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: secure === 'always' || req.secure };
}

function isLive(session: SessionRow, user: UserRow, now: number): boolean {
  return session.revokedAt === null && now < session.expiresAt && now - session.lastSeenAt < SESSION_POLICY.idleMs && !user.disabled;
}

/** An edge (ROLE=edge) reads the shared store read-only, so it leaves when a credential was last seen to the engine. */
export interface SeenRecording {
  recordSeen?: boolean;
}

/** Cookie sessions: only the SHA-256 of the cookie value is stored, so a copy of the database opens no session. */
export function createSessions(db: Db, clock: Clock, options: SeenRecording = {}) {
  const store = createSessionStore(db);
  const users = createUserStore(db);
  const touchWhenDue = (session: SessionRow, now: number) => {
    if (now - session.lastSeenAt >= SESSION_POLICY.touchEveryMs) store.touch(session.idHash, now);
  };

  return {
    /** Starts a session and sets its cookie; answers the CSRF token the client must echo. */
    start(req: Request, res: Response, userId: string, secure: SecureCookies): { csrfToken: string; idHash: string } {
      const value = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const now = clock.now();
      const idHash = sessionIdHash(value);
      const userAgent = req.headers['user-agent']?.slice(0, 300) ?? null;
      store.insert({ idHash, userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: now + SESSION_POLICY.absoluteMs, revokedAt: null, userAgent });
      res.cookie(SESSION_COOKIE, value, { ...cookieOptions(req, secure), maxAge: SESSION_POLICY.absoluteMs });
      return { csrfToken, idHash };
    },

    end(req: Request, res: Response, idHash: string, secure: SecureCookies): void {
      store.revoke(idHash, clock.now());
      res.clearCookie(SESSION_COOKIE, cookieOptions(req, secure));
    },

    /** The live session a cookie value opens, with its user; touches lastSeenAt when a minute has passed. */
    find(cookieValue: string | undefined): { session: SessionRow; user: UserRow } | null {
      if (!cookieValue) return null;
      const found = store.findWithUser(sessionIdHash(cookieValue));
      const now = clock.now();
      if (!found || !isLive(found.session, found.user, now)) return null;
      if (options.recordSeen !== false) touchWhenDue(found.session, now);
      return found;
    },

    /** A session an edge (ROLE=edge) saw a socket open with: recorded as find records it, if it is still live. */
    seenElsewhere(idHash: string): void {
      const found = store.findWithUser(idHash);
      const now = clock.now();
      if (found && isLive(found.session, found.user, now)) touchWhenDue(found.session, now);
    },

    principalFor(session: SessionRow, user: UserRow): Principal {
      const principal = principalForRole({
        kind: 'user',
        id: user.id,
        name: user.username,
        role: user.role,
        scope: scopeOf(user, users.grantsOf(user.id)),
        csrfToken: session.csrfToken,
        sessionId: session.idHash,
      });
      // A one-time password proves only that an admin handed it out: until it is replaced the session
      // may read who it is, change the password and sign out, and nothing else.
      return user.mustChangePassword ? { ...principal, permissions: new Set() } : principal;
    },

    /** A user's live sessions for an admin; `current` marks the one the admin is using. */
    list(userId: string, currentIdHash: string | undefined): SessionView[] {
      const now = clock.now();
      return store
        .liveOf(userId, now)
        .filter((session) => now - session.lastSeenAt < SESSION_POLICY.idleMs)
        .map((session) => ({
          id: session.idHash.slice(0, 16),
          createdAt: session.createdAt,
          lastSeenAt: session.lastSeenAt,
          expiresAt: session.expiresAt,
          userAgent: session.userAgent,
          current: session.idHash === currentIdHash,
        }));
    },
  };
}

/** The `ops_session` cookie as a principal: a user with their role's permissions and their scope. */
export function sessionResolver(db: Db, clock: Clock, options: SeenRecording = {}): CredentialResolver {
  const sessions = createSessions(db, clock, options);
  return (credentials) => {
    const found = sessions.find(credentials.cookies[SESSION_COOKIE]);
    return found ? sessions.principalFor(found.session, found.user) : null;
  };
}
