import type { OrgTree } from '../org/orgTree';
import { HttpError } from '../http/httpError';
import type { Principal } from './principal';

/**
 * What a principal may see, as the queries need it: the centers it sees (null for all) and, for an
 * engineer, their own id, since an engineer sees their own tickets and nothing else.
 */
export interface Visibility {
  centers: ReadonlySet<string> | null;
  engineerId: string | null;
}

export type RequestedScope = { kind: 'network' } | { kind: 'region' | 'center'; id: string };

export function visibilityOf(principal: Principal, org: OrgTree): Visibility {
  const { scope } = principal;
  return { centers: org.visibleCenters(scope), engineerId: scope.kind === 'engineer' ? scope.engineerId : null };
}

export function canSeeTicket(visibility: Visibility, ticket: { centerId: string; engineerId: string | null }): boolean {
  if (visibility.engineerId !== null) return ticket.engineerId === visibility.engineerId;
  return visibility.centers === null || visibility.centers.has(ticket.centerId);
}

/** Refusals are logged: a supervisor probing other regions is something an admin wants to know. */
export type RefusalLog = (principal: Principal, what: string) => void;

export function refusalLogger(log: (line: string) => void): RefusalLog {
  return (principal, what) => log(`access refused: ${principal.kind} '${principal.name}' (${principal.role ?? 'token'}) asked for ${what}`);
}

export function refuse(principal: Principal, what: string, refused: RefusalLog): never {
  refused(principal, what);
  throw new HttpError(403, 'out_of_scope', `${what} is outside what ${principal.kind} '${principal.name}' may see.`);
}

/** Whether every center of the requested scope is visible; a scope naming nothing that exists is 404. */
export function requireScopeVisible(principal: Principal, org: OrgTree, requested: RequestedScope, refused: RefusalLog): void {
  const visible = org.visibleCenters(principal.scope);
  if (visible === null) return;
  const label = requested.kind === 'network' ? 'the whole network' : `${requested.kind} '${requested.id}'`;
  if (requested.kind === 'network') refuse(principal, label, refused);
  const centers = org.centersIn(requested);
  if (centers === null) throw new HttpError(404, 'not_found', `No ${requested.kind} '${requested.id}'.`);
  if (visible.size === 0 || !centers.every((centerId) => visible.has(centerId))) refuse(principal, label, refused);
}
