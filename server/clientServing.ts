import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';

const root = resolve(import.meta.dirname, '..');

/** Serves the built client, falling back to index.html so deep links such as /wall/east load the app. */
export function serveBuiltClient(app: Express): void {
  const dist = join(root, 'dist', 'client');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`No built client at ${dist}; run \`npm run build\` first.`);
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(join(dist, 'index.html')));
}

/** Development: Vite's middleware with hot module replacement inside the same process. */
export async function viteClientServer(): Promise<(app: Express) => void> {
  const { createServer } = await import('vite');
  const vite = await createServer({ configFile: join(root, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'spa' });
  return (app) => app.use(vite.middlewares);
}
