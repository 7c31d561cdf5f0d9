import type { AccessScope } from '../../shared/auth/roles';
import type { AckError, Scope } from '../../shared/live/socketContract';
import type { Principal } from '../auth/principal';
import { HttpError } from '../http/httpError';

export type ScopeDecision = { ok: true } | { ok: false; error: AckError };

/** Throws the REST answer (403 or 404) when a principal may not read a scope; the same rule as `?scope=`. */
export type ScopeGuard = (principal: Principal, scope: Scope) => void;

const FORBIDDEN: AckError = { code: 'forbidden', message: 'This dashboard is outside what this screen or user may see.' };

/**
 * The same rule as the REST routes, so a subscription is allowed exactly when the matching
 * `?scope=` query would be: a grant covers its regions, their subregions and their centers.
 */
export function decideSubscription(principal: Principal | undefined, scope: Scope, guard: ScopeGuard): ScopeDecision {
  if (!principal) return { ok: false, error: FORBIDDEN };
  try {
    guard(principal, scope);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { ok: false, error: error.status === 404 ? { code: 'not_found', message: error.message } : FORBIDDEN };
  }
  return { ok: true };
}

/**
 * A supervisor or display token with grants starts on the first of them (regions before centers, as the
 * grants are kept); an engineer has no board.
 */
export function defaultScopeOf(access: AccessScope): Scope | null {
  if (access.kind === 'all') return { kind: 'network' };
  if (access.kind === 'engineer') return null;
  const [regionId] = access.regionIds;
  if (regionId !== undefined) return { kind: 'region', id: regionId };
  const [centerId] = access.centerIds;
  return centerId === undefined ? null : { kind: 'center', id: centerId };
}
