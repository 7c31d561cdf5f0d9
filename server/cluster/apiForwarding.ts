import type { ServerResponse } from 'node:http';
import type { Express } from 'express';
import { createProxyServer } from 'http-proxy-3';

/**
 * When the edges front the one public port (npm run start:cluster), REST and ingest go on to the engine
 * through a maintained proxy; the edge itself answers none of it. The client's address and scheme go
 * with it in X-Forwarded-*, so the engine is started with TRUST_PROXY=loopback.
 */
export function forwardApiTo(engineUrl: string, log: (line: string) => void): (app: Express) => void {
  const proxy = createProxyServer({ target: engineUrl, xfwd: true });
  proxy.on('error', (error, _req, res) => {
    log(`forwarding to the engine at ${engineUrl} failed: ${error.message}`);
    const response = res as ServerResponse;
    if (!('headersSent' in response) || response.headersSent) return;
    response.writeHead(502, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 'engine_unreachable', message: 'The engine does not answer just now; try again.' } }));
  });
  return (app) => app.use('/api', (req, res) => proxy.web(req, res, { target: `${engineUrl}/api` }));
}
