import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
/** Vite writes index.html after the assets it names, so its time is when the build finished. */
const BUILT_INDEX = join(root, 'dist', 'client', 'index.html');
/** What the client bundle is made of: its sources, the shared code it imports, the build config and the installed packages. */
const INPUTS = ['client', 'shared', 'vite.config.ts', 'tsconfig.json', 'package.json', join('node_modules', '.package-lock.json')];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time moves when a file is added, removed or renamed in it.
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** Why the built client cannot be served as it is, or null when dist/ is newer than every input. */
export function clientBuildStaleness(base = root): string | null {
  const index = join(base, 'dist', 'client', 'index.html');
  if (!existsSync(index)) return 'no built client in dist/';
  const builtAt = statSync(index).mtimeMs;
  const changed = INPUTS.find((input) => newestChange(join(base, input)) > builtAt);
  return changed === undefined ? null : `${changed} changed since the last build`;
}

/** Runs `vite build` in a child process; resolves with how long it took, rejects when it fails. */
export function buildClient(log: (line: string) => void): Promise<number> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && existsSync(BUILT_INDEX)) resolvePromise(performance.now() - started);
      else reject(new Error(`vite build exited with ${code}`));
    });
    log('building the client (vite build)…');
  });
}
