import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type AccessScope, type Permission, type Role, ROLE_PERMISSIONS } from '../../shared/auth/roles';
import { HttpError } from '../http/httpError';

/**
 * Whoever a request or socket speaks for: a signed-in user, a wall-screen display token or a source
 * system's ingest token. Every route and socket event asks the principal, never the client.
 */
export interface IngestGrant {
  source: string;
  /** null: any event type. */
  eventTypes: readonly string[] | null;
  /** null: any center. */
  centerIds: readonly string[] | null;
  ratePerMinute: number;
}

export interface Principal {
  kind: 'user' | 'display' | 'ingest';
  id: string;
  /** Username, display name or source system: what the audit log shows. */
  name: string;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
  scope: AccessScope;
  /** Cookie sessions only: the token state-changing requests must echo in X-CSRF-Token. */
  csrfToken?: string;
  sessionId?: string;
  /** Display tokens only: the board the screen shows. */
  board?: string;
  ingest?: IngestGrant;
}

export function principalForRole(fields: Omit<Principal, 'permissions'> & { role: Role }): Principal {
  return { ...fields, permissions: new Set(ROLE_PERMISSIONS[fields.role]) };
}

/** The credentials a request or socket handshake carries. */
export interface Credentials {
  bearer: string | null;
  cookies: Readonly<Record<string, string>>;
  userAgent?: string;
}

/** Turns credentials into a principal, or null when they are not this resolver's kind or not valid. */
export type CredentialResolver = (credentials: Credentials) => Principal | null;

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      cookies[name] = part.slice(index + 1).trim();
    }
  }
  return cookies;
}

export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function credentialsOf(req: Request): Credentials {
  return { bearer: bearerOf(req.headers.authorization), cookies: parseCookies(req.headers.cookie), userAgent: req.headers['user-agent'] };
}

export function resolvePrincipal(resolvers: readonly CredentialResolver[], credentials: Credentials): Principal | null {
  for (const resolve of resolvers) {
    const principal = resolve(credentials);
    if (principal) return principal;
  }
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Finds the principal or answers 401. A cookie session must echo its CSRF token on every
 * state-changing request; bearer tokens are not sent by browsers on their own, so they need none.
 */
export function authenticate(resolvers: readonly CredentialResolver[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = resolvePrincipal(resolvers, credentialsOf(req));
    if (!principal) return next(new HttpError(401, 'unauthorized', 'Sign in, or send a valid bearer token.'));
    if (principal.csrfToken !== undefined && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== principal.csrfToken) {
      return next(new HttpError(403, 'csrf', 'The X-CSRF-Token header is missing or does not match this session.'));
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new HttpError(401, 'unauthorized', 'Sign in, or send a valid bearer token.');
  return principal;
}

/** Refuses, with the permission named, a principal whose role or token does not carry it. */
export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (principal.permissions.has(permission)) return next();
    next(new HttpError(403, 'forbidden', `This needs the '${permission}' permission, which ${principal.kind} '${principal.name}' does not have.`));
  };
}

/** What the socket server keeps on each socket: who it speaks for, set once in the handshake. */
export interface SocketData {
  principal: Principal;
}
