import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Principal } from '../../auth/principal';
import { bearerOf as bearerToken } from '../../auth/principal';

/**
 * Who made an admin change, as kept beside it: an actor named by earlier middleware, else the
 * authenticated principal's audit name. Where neither is set the credential stands for the caller: a
 * short digest of the bearer token says which token was used without keeping the token.
 */
export function requestActor(req: Pick<Request, 'headers'>, res: Pick<Response, 'locals'>): string {
  const actor: unknown = res.locals.actor;
  if (typeof actor === 'string' && actor !== '') return actor;
  const principal = res.locals.principal as Principal | undefined;
  if (principal) return principal.name;
  const token = bearerToken(req.headers.authorization);
  if (token === null) return 'anonymous';
  return `token:${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8)}`;
}
