const STORAGE_KEY = 'service-ops.viewToken';
const TOKEN_PARAM = 'token';

/** Splits a `?token=` off an address; the rest of the address is kept exactly. */
export function takeTokenFromUrl(href: string): { token: string | null; cleanHref: string } {
  const url = new URL(href);
  const token = url.searchParams.get(TOKEN_PARAM);
  if (token === null) return { token: null, cleanHref: href };
  url.searchParams.delete(TOKEN_PARAM);
  return { token: token.trim() || null, cleanHref: url.href };
}

/**
 * Moves a token from the address bar into storage, once, before the router reads the address:
 * a token left in the URL ends up in history, bookmarks, screenshots and shared links.
 */
export function captureTokenFromUrl(): void {
  const { token, cleanHref } = takeTokenFromUrl(window.location.href);
  if (cleanHref === window.location.href) return;
  if (token) saveViewToken(token);
  window.history.replaceState(window.history.state, '', cleanHref);
}

export function loadViewToken(): string | null {
  return window.localStorage.getItem(STORAGE_KEY);
}

export function saveViewToken(token: string): void {
  window.localStorage.setItem(STORAGE_KEY, token);
}
