import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Db } from '../../db/connection';
import { type SessionInfo, type UserView, loginSchema, passwordChangeSchema, userCreationSchema, userIdSchema, userUpdateSchema } from '../../shared/auth/userSchemas';
import { type UserPreferences, userPreferencesSchema } from '../../shared/auth/userPreferences';
import type { Clock } from '../clock';
import { HttpError, parseOr400 } from '../http/httpError';
import { type LoginLimits, RetryLaterError, createLoginGate } from './loginThrottle';
import { type Principal, authenticate, principalOf, requirePermission } from './principal';
import { type SecureCookies, createSessions, sessionResolver } from './sessions';
import { type Actor, type AuditHook, type SocketEnder, createUserService } from './userService';

export interface AuthRouteDeps {
  db: Db;
  clock: Clock;
  /** User changes and password changes are audited: the app passes `createAuditLog(db, clock).record`. */
  audit: AuditHook;
  /** Closes the sockets of sessions that logout, a password change or an admin ended. */
  endSockets?: SocketEnder;
  /** `auto` unless told: Secure follows req.secure, so the app's trust proxy setting decides behind a proxy. */
  secureCookies?: SecureCookies;
  loginLimits?: LoginLimits;
}

/** Login and password bodies are a few hundred bytes; nothing bigger is worth parsing before sign-in. */
const smallJson = express.json({ limit: '16kb' });

function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function sessionInfo(user: UserView, preferences: UserPreferences, csrfToken: string): SessionInfo {
  const { id, username, displayName, role, scope, mustChangePassword } = user;
  return { user: { id, username, displayName, role, scope, mustChangePassword, preferences }, csrfToken };
}

/** A 423 or 429 says when to come back in Retry-After, as well as in words. */
async function withRetryAfter<T>(res: Response, attempt: Promise<T>): Promise<T> {
  try {
    return await attempt;
  } catch (error) {
    if (error instanceof RetryLaterError) res.setHeader('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
    throw error;
  }
}

function actorOf(res: Response): Actor {
  return { actor: principalOf(res), requestId: res.locals.requestId };
}

/** The session a request was authenticated by; these routes accept only cookie sessions, so it is always there. */
function sessionOf(res: Response): { principal: Principal; idHash: string; csrfToken: string } {
  const principal = principalOf(res);
  if (!principal.sessionId || !principal.csrfToken) throw new HttpError(401, 'unauthorized', 'Sign in first.');
  return { principal, idHash: principal.sessionId, csrfToken: principal.csrfToken };
}

/**
 * Sign-in, sign-out, who am I, and changing one's own password; paths relative to /api/v1. Login needs
 * nothing before it; the rest need the session cookie, and POSTs its X-CSRF-Token as well.
 */
export function authRoutes(deps: AuthRouteDeps): Router {
  const { db, clock } = deps;
  const secure = deps.secureCookies ?? 'auto';
  const sessions = createSessions(db, clock);
  const gate = createLoginGate({ db, clock, limits: deps.loginLimits });
  const users = createUserService(deps);
  const signedIn = authenticate([sessionResolver(db, clock)]);
  const infoOf = (userId: string, csrfToken: string) => sessionInfo(users.get(userId), users.preferencesOf(userId), csrfToken);
  const router = Router();
  // Answers carry the CSRF token: no cache, shared or private, may keep them.
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };

  router.post('/auth/login', noStore, smallJson, async (req, res) => {
    const { username, password } = parseOr400(loginSchema, req.body, 'login');
    const user = await withRetryAfter(res, gate.check(username, password, clientIp(req)));
    const { csrfToken } = sessions.start(req, res, user.id, secure);
    users.recordSignIn(user.id);
    res.json(infoOf(user.id, csrfToken));
  });

  router.post('/auth/logout', signedIn, (req, res) => {
    const { idHash } = sessionOf(res);
    sessions.end(req, res, idHash, secure);
    deps.endSockets?.((principal) => principal.sessionId === idHash, { code: 'signed_out', message: 'Signed out in this browser.' });
    res.status(204).end();
  });

  router.get('/auth/me', noStore, signedIn, (_req, res) => {
    const { principal, csrfToken } = sessionOf(res);
    res.json(infoOf(principal.id, csrfToken));
  });

  router.post('/auth/password', noStore, signedIn, smallJson, async (req, res) => {
    const { principal, idHash, csrfToken } = sessionOf(res);
    const change = parseOr400(passwordChangeSchema, req.body, 'password change');
    if (change.current !== undefined) {
      const wrongCurrent = () => new HttpError(400, 'invalid_request', 'The current password is wrong.', [{ path: 'current', message: 'is not your current password' }]);
      await withRetryAfter(res, gate.check(principal.name, change.current, clientIp(req), wrongCurrent));
    } else if (!users.get(principal.id).mustChangePassword) {
      throw new HttpError(400, 'invalid_request', 'The current password is needed to change it.', [{ path: 'current', message: 'is required' }]);
    }
    const changed = await users.changePassword(principal.id, change.next, idHash, actorOf(res));
    res.json(infoOf(changed.id, csrfToken));
  });

  router.put('/auth/preferences', noStore, signedIn, smallJson, (req, res) => {
    const { principal, csrfToken } = sessionOf(res);
    users.setPreferences(principal.id, parseOr400(userPreferencesSchema, req.body, 'preferences'));
    res.json(infoOf(principal.id, csrfToken));
  });

  return router;
}

/**
 * User administration for admins, and the list read-only for whoever has users:read (managers); paths
 * relative to /api/v1. `guards` authenticate the request (the app's resolvers); the permissions are
 * checked here as well, as they belong to these routes. Every change is audited with the user before and after, in the change's own transaction.
 */
export function userRoutes(deps: Pick<AuthRouteDeps, 'db' | 'clock' | 'audit' | 'endSockets'>, guards: { read: RequestHandler[]; admin: RequestHandler[] }): Router {
  const { db, clock } = deps;
  const users = createUserService(deps);
  const sessions = createSessions(db, clock);
  const admin = [...guards.admin, requirePermission('users:admin')];
  const read = [...guards.read, requirePermission('users:read')];
  const json = express.json({ limit: '64kb' });
  const router = Router();
  const idOf = (req: Request) => parseOr400(userIdSchema, req.params.id, 'user id');

  router.get('/users', ...read, (_req, res) => {
    res.json({ users: users.list() });
  });

  router.post('/users', ...admin, json, async (req, res) => {
    const issued = await users.create(parseOr400(userCreationSchema, req.body, 'user'), actorOf(res));
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(issued);
  });

  router.patch('/users/:id', ...admin, json, (req, res) => {
    res.json(users.update(idOf(req), parseOr400(userUpdateSchema, req.body, 'user update'), actorOf(res)).after);
  });

  router.post('/users/:id/reset-password', ...admin, async (req, res) => {
    const issued = await users.resetPassword(idOf(req), actorOf(res));
    res.setHeader('Cache-Control', 'no-store');
    res.json(issued);
  });

  router.post('/users/:id/revoke-sessions', ...admin, (req, res) => {
    res.json({ revoked: users.revokeSessions(idOf(req), actorOf(res)) });
  });

  router.get('/users/:id/sessions', ...admin, (req, res) => {
    const user = users.get(idOf(req));
    res.json({ sessions: sessions.list(user.id, principalOf(res).sessionId) });
  });

  return router;
}
