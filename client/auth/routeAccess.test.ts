import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../stores/session';
import { type AccessState, type RouteAccess, decideAccess, safeRedirect } from './routeAccess';

const SIGNED_OUT: AccessState = { wallScreen: false, session: 'signed-out', mustChangePassword: false, mayReadBoards: false };
const MANAGER: AccessState = { wallScreen: false, session: 'signed-in', mustChangePassword: false, mayReadBoards: true };
const SESSIONS: SessionStatus[] = ['unknown', 'signed-in', 'signed-out', 'unreachable'];
const ACCESSES: RouteAccess[] = ['board', 'sign-in', 'account', 'open'];

describe('decideAccess', () => {
  it('never sends a wall screen to the login page, whatever its session', () => {
    for (const session of SESSIONS) {
      for (const access of ACCESSES) {
        const decision = decideAccess(access, { ...SIGNED_OUT, wallScreen: true, session });
        expect(decision, `${access} with ${session}`).not.toBe('login');
        expect(decision).toBe(access === 'board' || access === 'open' ? 'allow' : 'board');
      }
    }
  });

  it('sends a signed-out browser from a board to the login page', () => {
    expect(decideAccess('board', SIGNED_OUT)).toBe('login');
    expect(decideAccess('account', SIGNED_OUT)).toBe('login');
    expect(decideAccess('sign-in', SIGNED_OUT)).toBe('allow');
  });

  it('lets a board wait for a server that gave no answer, rather than calling that signed out', () => {
    expect(decideAccess('board', { ...SIGNED_OUT, session: 'unreachable' })).toBe('allow');
  });

  it('shows boards to a signed-in reader and sends them on from the login page', () => {
    expect(decideAccess('board', MANAGER)).toBe('allow');
    expect(decideAccess('sign-in', MANAGER)).toBe('target');
  });

  it('keeps a user who must change their password on the login page until they have', () => {
    const mustChange = { ...MANAGER, mustChangePassword: true };
    expect(decideAccess('board', mustChange)).toBe('login');
    expect(decideAccess('account', mustChange)).toBe('login');
    expect(decideAccess('sign-in', mustChange)).toBe('allow');
  });

  it('refuses boards to a role that may not read them instead of showing an empty one', () => {
    const engineer = { ...MANAGER, mayReadBoards: false };
    expect(decideAccess('board', engineer)).toBe('no-access');
    expect(decideAccess('account', engineer)).toBe('allow');
  });

  it('lets anyone open the pairing pages', () => {
    for (const session of SESSIONS) expect(decideAccess('open', { ...SIGNED_OUT, session })).toBe('allow');
  });
});

describe('safeRedirect', () => {
  it('keeps a path inside the app with its query and hash', () => {
    expect(safeRedirect('/wall/east?region=east#top')).toBe('/wall/east?region=east#top');
  });

  it('refuses anything that would leave the app or loop back to the login page', () => {
    for (const value of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'wall', '', '/login', '/login?redirect=/', undefined, ['/']]) {
      expect(safeRedirect(value), String(value)).toBe('/');
    }
  });
});
