import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './httpError';

/** Tokens are held only as SHA-256 digests and compared in constant time. */
export class TokenSet {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  accepts(token: string | undefined | null): boolean {
    if (!token) return false;
    const candidate = digest(token);
    return this.digests.some((known) => timingSafeEqual(known, candidate));
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function requireToken(tokens: TokenSet, purpose: string): RequestHandler {
  return (req, _res, next) => {
    if (tokens.accepts(bearerToken(req.headers.authorization))) return next();
    next(new HttpError(401, 'unauthorized', `A valid bearer token for ${purpose} is required.`));
  };
}
