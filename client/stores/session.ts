import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { type Permission, roleAllows } from '../../shared/auth/roles';
import type { UserPreferences } from '../../shared/auth/userPreferences';
import type { SessionInfo } from '../../shared/auth/userSchemas';
import { ApiError, apiRequest } from '../api/http';

export type SessionUser = SessionInfo['user'];

/**
 * unknown: not asked yet; unreachable: the server did not give a yes or no (down, restarting, 5xx),
 * which must not be taken for signed out, or a server restart would throw everyone onto the login page.
 */
export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out' | 'unreachable';

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/** The signed-in person, for browsers that are not wall screens. */
export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<SessionUser | null>(null);
  const status = ref<SessionStatus>('unknown');
  // In memory only: a token in localStorage could be read by any script that ever ran on the page.
  const csrfToken = ref<string | null>(null);
  /** The server ended a session this page had, so the login page can say why it is showing. */
  const expired = ref(false);
  let loading: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelayMs = FIRST_RETRY_MS;

  const signedIn = computed(() => status.value === 'signed-in');
  const mustChangePassword = computed(() => user.value?.mustChangePassword === true);
  /** Anyone with boards to read has one: the server names it (the network, or their first grant). */
  const seesBoard = computed(() => can('dashboard:read'));

  function adopt(body: SessionInfo): void {
    clearTimeout(retryTimer);
    retryDelayMs = FIRST_RETRY_MS;
    user.value = body.user;
    csrfToken.value = body.csrfToken;
    status.value = 'signed-in';
    expired.value = false;
  }

  /** Also for when the server says the session is over (revoked, expired) through another channel such as the socket. */
  function forget(reason: 'signed-out' | 'expired' = 'signed-out'): void {
    clearTimeout(retryTimer);
    expired.value = reason === 'expired' && status.value === 'signed-in';
    user.value = null;
    csrfToken.value = null;
    status.value = 'signed-out';
  }

  async function askServer(): Promise<void> {
    try {
      adopt(await apiRequest<SessionInfo>('/auth/me'));
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) return forget();
      status.value = 'unreachable';
      // Keeps asking with backoff until the server answers one way or the other.
      retryTimer = setTimeout(() => void load(), retryDelayMs);
      retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_MS);
    }
  }

  /** Asks the server who this browser is signed in as; concurrent callers share one request. */
  function load(): Promise<void> {
    loading ??= askServer().finally(() => (loading = null));
    return loading;
  }

  /** Resolves once the first answer (or failure to get one) is in. */
  function ready(): Promise<void> {
    return status.value === 'unknown' ? load() : Promise.resolve();
  }

  async function signIn(username: string, password: string): Promise<void> {
    adopt(await apiRequest<SessionInfo>('/auth/login', { method: 'POST', body: { username, password } }));
  }

  /** Without `current` only at the first sign-in or after a reset, as the server allows. */
  async function changePassword(current: string | undefined, next: string): Promise<void> {
    adopt(await apiRequest<SessionInfo>('/auth/password', { method: 'POST', body: { current, next }, csrfToken: csrfToken.value }));
  }

  /** The person's own settings, kept on the server; the answer is the session as it now stands. */
  async function savePreferences(preferences: UserPreferences): Promise<void> {
    adopt(await apiRequest<SessionInfo>('/auth/preferences', { method: 'PUT', body: preferences, csrfToken: csrfToken.value }));
  }

  async function signOut(): Promise<void> {
    try {
      await apiRequest('/auth/logout', { method: 'POST', csrfToken: csrfToken.value });
    } catch (error) {
      // Already gone on the server is as good as signed out; anything else leaves the session alive there.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    forget();
  }

  function can(permission: Permission): boolean {
    return user.value !== null && roleAllows(user.value.role, permission);
  }

  return { user, status, csrfToken, expired, signedIn, mustChangePassword, seesBoard, load, ready, signIn, changePassword, savePreferences, signOut, forget, can };
});
