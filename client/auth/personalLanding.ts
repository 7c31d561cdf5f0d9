import type { RouteLocationRaw } from 'vue-router';
import { type Permission, type Role, roleAllows } from '../../shared/auth/roles';
import { LANDING_PAGES, LANDING_PATHS, type LandingPage, type UserPreferences } from '../../shared/auth/userPreferences';

/** What each landing page needs the role to allow; a choice the role cannot open is not offered, nor honoured. */
const LANDING_NEEDS: Readonly<Record<LandingPage, Permission>> = {
  overview: 'dashboard:read',
  sla: 'dashboard:read',
  explore: 'dashboard:read',
  tickets: 'dashboard:read',
  alerts: 'dashboard:read',
  'admin-users': 'users:read',
  'admin-audit': 'audit:read',
};

export function landingPagesFor(role: Role): LandingPage[] {
  return LANDING_PAGES.filter((page) => roleAllows(role, LANDING_NEEDS[page]));
}

/** The page a person chose in their settings to land on after signing in, or null to leave it to their role. */
export function personalLandingOf(user: { role: Role; preferences?: UserPreferences }): RouteLocationRaw | null {
  const page = user.preferences?.landing;
  return page && roleAllows(user.role, LANDING_NEEDS[page]) ? LANDING_PATHS[page] : null;
}
