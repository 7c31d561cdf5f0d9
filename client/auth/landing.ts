import type { RouteLocationRaw } from 'vue-router';
import type { AccessScope, Role } from '../../shared/auth/roles';
import type { MetricScope } from '../../shared/metrics/metricQuery';
import type { UserPreferences } from '../../shared/auth/userPreferences';
import { personalLandingOf } from './personalLanding';

/** The menu's sections; each role sees only those it may open. */
export type NavSection = 'me' | 'myTickets' | 'overview' | 'sla' | 'explore' | 'tickets' | 'complaints' | 'alerts' | 'settings';

const DESK_SECTIONS: readonly NavSection[] = ['overview', 'sla', 'explore', 'tickets', 'complaints', 'alerts', 'settings'];

/** An engineer has no boards: their own page and their own tickets are all there is for them to open. */
export function navSectionsFor(role: Role): readonly NavSection[] {
  return role === 'engineer' ? ['me', 'myTickets'] : DESK_SECTIONS;
}

/** The scopes a grant-holder was given, regions first, as the server keeps them; the network for those who see all. */
export function ownScopesOf(access: AccessScope): MetricScope[] {
  if (access.kind === 'all') return [{ kind: 'network' }];
  if (access.kind === 'engineer') return [{ kind: 'engineer', id: access.engineerId }];
  return [...access.regionIds.map((id): MetricScope => ({ kind: 'region', id })), ...access.centerIds.map((id): MetricScope => ({ kind: 'center', id }))];
}

/**
 * Where a person starts when they name no page: an engineer on their own page, a supervisor on the
 * drill-down of their grant (it offers a choice when there are several); everyone else on the live board.
 */
export function landingOf(user: { role: Role; scope: AccessScope; preferences?: UserPreferences } | null): RouteLocationRaw | null {
  if (!user) return null;
  // A page the person chose in their settings comes before their role's.
  const chosen = personalLandingOf(user);
  if (chosen) return chosen;
  if (user.role === 'engineer') return { name: 'my-page' };
  if (user.scope.kind === 'grants') return { name: 'explore' };
  return null;
}
