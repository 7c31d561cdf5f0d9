import type { AccessScope } from '../../shared/auth/roles';
import type { AckError, Scope } from '../../shared/live/socketContract';
import { type RefusalLog, requireScopeVisible } from '../auth/accessScope';
import type { Principal } from '../auth/principal';
import { HttpError } from '../http/httpError';
import type { OrgTree } from '../org/orgTree';
import type { CenterSet } from './networkCounters';

export type ScopeDecision = { ok: true; centers: CenterSet } | { ok: false; error: AckError };

const FORBIDDEN: AckError = { code: 'forbidden', message: 'This dashboard is outside what this screen or user may see.' };

/**
 * The same rule as the REST routes, so a subscription is allowed exactly when the matching
 * `?scope=` query would be: a grant covers its regions, their subregions and their centers.
 */
export function decideSubscription(principal: Principal | undefined, org: OrgTree, scope: Scope, refused: RefusalLog): ScopeDecision {
  if (!principal) return { ok: false, error: FORBIDDEN };
  try {
    requireScopeVisible(principal, org, scope, refused);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { ok: false, error: error.status === 404 ? { code: 'not_found', message: error.message } : FORBIDDEN };
  }
  if (scope.kind === 'network') return { ok: true, centers: null };
  // A principal that sees everything passes the rule above for any id, so existence is checked here too.
  const centers = org.centersIn(scope);
  if (centers === null) return { ok: false, error: { code: 'not_found', message: `No ${scope.kind} '${scope.id}'.` } };
  return { ok: true, centers: new Set(centers) };
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
