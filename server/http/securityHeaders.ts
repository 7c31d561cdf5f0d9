import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What the built client needs, and nothing more (checked in a real Chromium by
 * contentSecurityPolicy.browser.test.ts): Vite emits one module script and one stylesheet from our own
 * origin with no inline script or `<style>`; Socket.io talks back to the same origin (`'self'` covers
 * ws: and wss: there); ECharts draws on a canvas, but its tooltip is HTML whose colour markers carry
 * `style="…"` attributes, so inline style *attributes* are allowed while inline `<style>` elements and
 * every inline script stay forbidden. A style attribute can restyle the page but runs nothing.
 * No eval either: the client must set zod's `jitless` before its first schema, or zod's feature probe
 * (`Function('')`) is reported as a violation on every load.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  // A playlist page of ours may frame boards; nobody else may, so no page of ours can be clickjacked.
  'frame-ancestors': ["'self'"],
};

/**
 * `npm run dev` only: Vite injects each component's CSS as a `<style>` element and runs its hot-reload
 * WebSocket on a port of its own, so the development policy allows both. Never for the built client.
 */
const DEV_SERVER_RELAXATIONS: Readonly<Record<string, readonly string[]>> = {
  'style-src': ["'self'", "'unsafe-inline'"],
  'connect-src': ["'self'", 'ws:'],
};

/** A year, without subdomains: the dashboard often lives on a company host whose siblings it does not speak for. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Helmet's headers with our policy and `Referrer-Policy: no-referrer` (a wall screen's address carries
 * its token). HSTS and upgrade-insecure-requests go out only on requests that arrived over TLS
 * (`req.secure`, which honours Express's `trust proxy` behind a terminating proxy): over plain HTTP
 * the upgrade would send the page's own assets to an https port that is not there.
 */
export function securityHeaders(options: { devServer?: boolean } = {}): RequestHandler {
  const directives = { ...CONTENT_SECURITY_POLICY, ...(options.devServer ? DEV_SERVER_RELAXATIONS : {}) };
  const shared = { referrerPolicy: { policy: 'no-referrer' } } as const;
  const overPlainHttp = helmet({ ...shared, contentSecurityPolicy: { useDefaults: false, directives }, strictTransportSecurity: false });
  const overTls = helmet({
    ...shared,
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, 'upgrade-insecure-requests': [] } },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false },
  });
  return (req, res, next) => (req.secure ? overTls : overPlainHttp)(req, res, next);
}
