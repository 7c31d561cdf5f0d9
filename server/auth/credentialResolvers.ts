import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { displayTokenResolver } from './displayTokenService';
import { envIngestResolver, ingestTokenResolver } from './ingestTokenService';
import { type CredentialResolver, principalForRole } from './principal';
import { sessionResolver } from './sessions';
import { knownSecrets } from './tokenAdmin';

/**
 * VIEW_TOKEN from the environment: a wall screen for the whole network, for a first start before
 * anyone has paired a display. Production refuses a weak one at start.
 */
export function envDisplayResolver(tokens: readonly string[]): CredentialResolver {
  const isKnown = knownSecrets(tokens);
  return ({ bearer }) => {
    if (!bearer || !isKnown(bearer)) return null;
    return principalForRole({ kind: 'display', id: 'env-view-token', name: 'VIEW_TOKEN', role: 'display', scope: { kind: 'all' }, board: 'wall' });
  };
}

/** Every way in, cookie session first: a browser carrying both a cookie and a token is the person. */
export function credentialResolvers(db: Db, clock: Clock, env: { ingestTokens: readonly string[]; viewTokens: readonly string[] }): CredentialResolver[] {
  return [sessionResolver(db, clock), displayTokenResolver(db, clock), ingestTokenResolver(db), envIngestResolver(env.ingestTokens), envDisplayResolver(env.viewTokens)];
}

/** An edge's way in (ROLE=edge): screens and signed-in browsers only, read from the shared store without writing to it. */
export function edgeCredentialResolvers(db: Db, clock: Clock, viewTokens: readonly string[]): CredentialResolver[] {
  const readOnly = { recordSeen: false };
  return [sessionResolver(db, clock, readOnly), displayTokenResolver(db, clock, readOnly), envDisplayResolver(viewTokens)];
}
