import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { bearerToken } from '../../http/tokenGuard';

/**
 * Who made an admin change, as kept beside it. Until callers authenticate as people, the credential
 * stands for them: a short digest of the bearer token names which token was used without storing it.
 */
export function requestActor(req: Request, res: Response): string {
  const actor: unknown = res.locals.actor;
  if (typeof actor === 'string' && actor !== '') return actor;
  const token = bearerToken(req.headers.authorization);
  if (token === null) return 'anonymous';
  return `token:${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8)}`;
}
