import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import type { AuditEntry } from '../audit/auditLog';
import { HttpError } from '../http/httpError';
import { type Principal, principalOf } from './principal';

/** What display-token and ingest-token administration share: how secrets are made and kept, and who acted. */

/**
 * 256 random bits behind a kind prefix. The prefix lets each resolver skip tokens of another kind
 * without a lookup, and lets secret scanners recognise a leaked token.
 */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Tokens, pairing codes and session ids are stored only as this digest, so a copy of the database grants nothing. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Whether a presented secret is one of a few configured ones, compared by digest in constant time so
 * response timing reveals nothing of them: how the environment's bootstrap tokens are checked.
 */
export function knownSecrets(secrets: readonly string[]): (candidate: string) => boolean {
  const digests = secrets.filter((secret) => secret !== '').map((secret) => Buffer.from(secretDigest(secret), 'hex'));
  return (candidate) => {
    const presented = Buffer.from(secretDigest(candidate), 'hex');
    return digests.some((known) => timingSafeEqual(known, presented));
  };
}

/** Records an admin action; called inside the change's transaction, so it must be synchronous. */
export type AuditHook = (entry: AuditEntry) => void;

/** Who is acting, and the request to name in the audit log. */
export interface AdminContext {
  actor: Principal;
  requestId?: string;
}

export function adminContextOf(res: Response): AdminContext {
  return { actor: principalOf(res), requestId: res.locals.requestId as string | undefined };
}

export function isoOrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, 'not_found', `There is no ${what} '${id}'.`);
}

export function alreadyRevoked(what: string, id: string): HttpError {
  return new HttpError(409, 'revoked', `The ${what} '${id}' is revoked; revocation is final, so create a new one.`);
}
