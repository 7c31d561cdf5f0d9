import type { RouteRecordRaw } from 'vue-router';
import type { Permission } from '../../shared/auth/roles';
import type { useSessionStore } from '../stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** What the signed-in user's role must allow, beyond the access above (the admin pages). */
    permission?: Permission;
  }
}

/**
 * Wall screens, ingest tokens, SLA policies and calendars. Policies and calendars are read by whoever may
 * read SLA clocks (managers among them), and changed only by admins; the server decides either way.
 */
export const ADMIN_ROUTES: RouteRecordRaw[] = [
  { path: '/admin/displays', name: 'admin-displays', component: () => import('./DisplaysView.vue'), meta: { access: 'account', permission: 'tokens:admin' } },
  { path: '/admin/policies', name: 'admin-policies', component: () => import('./PoliciesView.vue'), meta: { access: 'account', permission: 'sla:read' } },
  { path: '/admin/calendars', name: 'admin-calendars', component: () => import('./CalendarsView.vue'), meta: { access: 'account', permission: 'sla:read' } },
  { path: '/admin/tokens', name: 'admin-tokens', component: () => import('./TokensView.vue'), meta: { access: 'account', permission: 'tokens:admin' } },
];

/** The admin tabs, in the order admins work through them; a tab shows once its route exists and its permission admits. */
export const ADMIN_TABS = ['admin-users', 'admin-displays', 'admin-tokens', 'admin-policies', 'admin-calendars', 'admin-audit'] as const;

/** Admins change things there; managers read the policies and calendars. */
export function mayAdminister(session: Pick<ReturnType<typeof useSessionStore>, 'can' | 'user'>): boolean {
  return session.can('tokens:admin') || session.can('sla:admin') || session.user?.role === 'manager';
}
