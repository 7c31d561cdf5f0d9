import { type RouteLocationNormalized, type RouteLocationRaw, START_LOCATION, createRouter, createWebHistory } from 'vue-router';
import { landingOf } from './auth/landing';
import { ADMIN_ROUTES } from './admin/adminRoutes';
import { type AccessDecision, type RouteAccess, decideAccess, safeRedirect } from './auth/routeAccess';
import { useSessionStore } from './stores/session';
import { useWallScreenStore } from './stores/wallScreen';
import LoginView from './views/LoginView.vue';
import NetworkOverview from './views/NetworkOverview.vue';
import NoAccessView from './views/NoAccessView.vue';
import PairView from './views/PairView.vue';
import SettingsView from './views/SettingsView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    access: RouteAccess;
    /** A wall board fills the screen itself: no top bar, no controls. */
    kiosk?: boolean;
  }
}

export function loginLocation(redirect: string): RouteLocationRaw {
  return { name: 'login', query: redirect === '/' ? {} : { redirect } };
}

function destination(decision: Exclude<AccessDecision, 'allow'>, to: RouteLocationNormalized): RouteLocationRaw {
  const landing = landingOf(useSessionStore().user);
  switch (decision) {
    case 'login':
      return loginLocation(to.fullPath);
    case 'target':
      return to.query.redirect === undefined && landing ? landing : safeRedirect(to.query.redirect);
    case 'board':
      return { name: 'network-overview' };
    case 'no-access':
      // An engineer has no boards, but a page of their own.
      return landing ?? { name: 'no-access' };
  }
}

/** The breach desk's code, fetched while the session is asked about rather than after: its first numbers come sooner. */
const slaBoardView = () => import('./views/SlaBoardView.vue');
const engineerView = () => import('./views/EngineerView.vue');
const PREFETCHED: Partial<Record<string, () => Promise<unknown>>> = { sla: slaBoardView };

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'network-overview', component: NetworkOverview, meta: { access: 'board' } },
      { path: '/login', name: 'login', component: LoginView, meta: { access: 'sign-in' } },
      { path: '/pair', name: 'pair', component: PairView, meta: { access: 'open' } },
      // The one-time pairing link: the code is exchanged as soon as the page opens.
      { path: '/pair/:code', name: 'pair-link', component: PairView, props: true, meta: { access: 'open' } },
      { path: '/no-access', name: 'no-access', component: NoAccessView, meta: { access: 'account' } },
      // Lazy: the breach board's and drill-down's charts and tables are not part of a wall screen's first load.
      { path: '/sla', name: 'sla', component: slaBoardView, meta: { access: 'board' } },
      { path: '/explore/:scope?', name: 'explore', component: () => import('./views/ExploreView.vue'), meta: { access: 'board' } },
      // Lazy too: a wall loads its boards, not the desk views.
      { path: '/wall/:board?', name: 'wall', component: () => import('./views/WallView.vue'), meta: { access: 'board', kiosk: true } },
      // A ticket's own address, to open from any screen that names it and to send to a center. Any signed-in
      // user: an engineer reads no boards but opens their own tickets; the API refuses the rest (out_of_scope).
      { path: '/tickets/:id', name: 'ticket', component: () => import('./views/TicketView.vue'), meta: { access: 'account' } },
      { path: '/tickets', name: 'tickets', component: () => import('./views/TicketsView.vue'), meta: { access: 'board' } },
      { path: '/complaints', name: 'complaints', component: () => import('./views/ComplaintsView.vue'), meta: { access: 'board' } },
      { path: '/complaints/:id', name: 'complaint', component: () => import('./views/ComplaintView.vue'), meta: { access: 'board' } },
      { path: '/alerts', name: 'alerts', component: () => import('./views/AlertsView.vue'), meta: { access: 'board' } },
      { path: '/alerts/silences', name: 'alert-silences', component: () => import('./views/AlertSilencesView.vue'), meta: { access: 'board' } },
      { path: '/alerts/rules', name: 'alert-rules', component: () => import('./views/AlertRulesView.vue'), meta: { access: 'board' } },
      { path: '/alerts/rules/:id', name: 'alert-rule', component: () => import('./views/AlertRuleView.vue'), meta: { access: 'board' } },
      { path: '/alerts/targets', name: 'alert-targets', component: () => import('./views/AlertTargetsView.vue'), meta: { access: 'board' } },
      // An engineer's own page; managers and supervisors open anyone's within their scope from the drill-down.
      { path: '/me', name: 'my-page', component: engineerView, meta: { access: 'account' } },
      { path: '/me/tickets', name: 'my-tickets', component: engineerView, props: { ticketsOnly: true }, meta: { access: 'account' } },
      { path: '/engineers/:engineerId', name: 'engineer-page', component: engineerView, props: true, meta: { access: 'board' } },
      ...ADMIN_ROUTES,
      { path: '/settings', name: 'settings', component: SettingsView, meta: { access: 'account' } },
      // The admin section: each page under /admin/ appears in its tabs for those its permission admits.
      { path: '/admin', redirect: '/admin/users' },
      { path: '/admin/users', name: 'admin-users', component: () => import('./admin/UsersView.vue'), meta: { access: 'account', permission: 'users:read' } },
      { path: '/admin/audit', name: 'admin-audit', component: () => import('./admin/AuditView.vue'), meta: { access: 'account', permission: 'audit:read' } },
      // A mistyped or outdated wall address should still show something live, not an empty screen.
      { path: '/:unknown(.*)*', redirect: { name: 'network-overview' } },
    ],
  });

  router.beforeEach(async (to, from) => {
    const wall = useWallScreenStore();
    const session = useSessionStore();
    void PREFETCHED[String(to.name)]?.().catch(() => undefined);
    // A wall screen has no session to ask about, and pairing needs none.
    if (!wall.isWallScreen && to.meta.access !== 'open') await session.ready();
    if (to.meta.permission && session.signedIn && !session.mustChangePassword && !session.can(to.meta.permission)) return { name: 'no-access' };
    const decision = decideAccess(to.meta.access, {
      wallScreen: wall.isWallScreen,
      session: session.status,
      mustChangePassword: session.mustChangePassword,
      mayReadBoards: session.seesBoard,
    });
    if (decision !== 'allow') return destination(decision, to);
    // Opening the app at its root starts each role where it works; the menu's board entry still opens the board.
    const landing = to.name === 'network-overview' && from === START_LOCATION && !wall.isWallScreen ? landingOf(session.user) : null;
    return landing ?? true;
  });

  return router;
}
