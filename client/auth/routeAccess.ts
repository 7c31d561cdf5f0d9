import type { SessionStatus } from '../stores/session';

/**
 * What a route needs. board: live data, shown to a wall screen or to a signed-in user whose role may read
 * it; sign-in: the login page; account: any signed-in user; open: anyone (pairing a screen).
 */
export type RouteAccess = 'board' | 'sign-in' | 'account' | 'open';

export interface AccessState {
  /** A display token is stored: this browser is a wall screen. */
  wallScreen: boolean;
  session: SessionStatus;
  mustChangePassword: boolean;
  /** The signed-in user's role and scope let them see the boards there are. */
  mayReadBoards: boolean;
}

/** allow, or where to send the browser instead: the login page, the page it was going to, the board, or a refusal. */
export type AccessDecision = 'allow' | 'login' | 'target' | 'board' | 'no-access';

export function decideAccess(access: RouteAccess, state: AccessState): AccessDecision {
  if (access === 'open') return 'allow';
  // A wall screen never signs in: nobody stands at an unattended TV to type a password.
  if (state.wallScreen) return access === 'board' ? 'allow' : 'board';
  const signedIn = state.session === 'signed-in';
  const ready = signedIn && !state.mustChangePassword;
  switch (access) {
    case 'sign-in':
      return ready ? 'target' : 'allow';
    case 'account':
      return ready ? 'allow' : 'login';
    case 'board':
      // Unreachable is neither yes nor no: the board shows itself reconnecting until the server answers.
      if (state.session === 'unreachable') return 'allow';
      if (!ready) return 'login';
      return state.mayReadBoards ? 'allow' : 'no-access';
  }
}

const FALLBACK_TARGET = '/';

/**
 * Where to go after signing in. Only a path inside this app: a `?redirect=` pointing at another site
 * (`//evil.example`, `/\evil.example`) would turn our login page into a phishing relay.
 */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return FALLBACK_TARGET;
  if (value.startsWith('//') || value.startsWith('/\\')) return FALLBACK_TARGET;
  // Back to the login page would only loop.
  if (value === '/login' || value.startsWith('/login?')) return FALLBACK_TARGET;
  return value;
}
