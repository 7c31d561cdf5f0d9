import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, call, startTestServer } from '../../test/support/testServer';
import { securityHeaders } from './securityHeaders';

const POLICY =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';style-src-attr 'unsafe-inline';img-src 'self';" +
  "font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'self'";

describe('security headers on the application', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each([
    ['an answer', '/api/v1/health', true],
    ['an error', '/api/v1/nowhere', false],
  ])('go out on %s', async (_name, path, ok) => {
    const response = await call(server, 'GET', path, undefined, null);
    expect(response.status < 400).toBe(ok);
    expect(response.headers.get('content-security-policy')).toBe(POLICY);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('leave HSTS out over plain HTTP, even when a client claims a TLS proxy the server does not trust', async () => {
    const response = await fetch(`${server.url}/api/v1/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });
});

describe('security headers behind a TLS-terminating proxy', () => {
  let httpServer: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    // What TRUST_PROXY=loopback sets: the proxy on this host is believed about the scheme.
    app.set('trust proxy', 'loopback');
    app.use(securityHeaders());
    app.get('/page', (_req, res) => res.send('ok'));
    httpServer = createServer(app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/page`;
  });
  afterAll(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));

  it('add HSTS without subdomains and upgrade insecure requests when the proxy says the request came over https', async () => {
    const response = await fetch(url, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(response.headers.get('content-security-policy')).toBe(`${POLICY};upgrade-insecure-requests`);
  });

  it('leave both out when the proxy forwarded plain http', async () => {
    const response = await fetch(url, { headers: { 'x-forwarded-proto': 'http' } });
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).toBe(POLICY);
  });
});

describe('security headers for the Vite development server', () => {
  it("allow Vite's injected <style> elements and its hot-reload WebSocket, and nothing else besides", async () => {
    const app = express();
    app.use(securityHeaders({ devServer: true }));
    app.get('/page', (_req, res) => res.send('ok'));
    const httpServer = createServer(app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/page`);
      const expected = POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';").replace("connect-src 'self';", "connect-src 'self' ws:;");
      expect(response.headers.get('content-security-policy')).toBe(expected);
    } finally {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    }
  });
});
