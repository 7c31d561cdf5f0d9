import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clientBuildStaleness } from './clientBuild';

const dirs: string[] = [];
const HOUR = 3_600;

/** A checkout with client/, shared/ and the build config, every file stamped `ageSeconds` ago. */
function checkout(ageSeconds: number): string {
  const root = mkdtempSync(join(tmpdir(), 'client-build-'));
  dirs.push(root);
  for (const dir of ['client/views', 'shared']) mkdirSync(join(root, dir), { recursive: true });
  for (const file of ['client/main.ts', 'client/views/Wall.vue', 'shared/catalog.ts', 'vite.config.ts', 'package.json']) stamp(root, file, ageSeconds);
  for (const dir of ['client/views', 'client', 'shared']) age(root, dir, ageSeconds);
  return root;
}

function stamp(root: string, file: string, ageSeconds: number): void {
  writeFileSync(join(root, file), file);
  age(root, file, ageSeconds);
}

function age(root: string, path: string, ageSeconds: number): void {
  const at = Date.now() / 1000 - ageSeconds;
  utimesSync(join(root, path), at, at);
}

function build(root: string, ageSeconds: number): void {
  mkdirSync(join(root, 'dist', 'client'), { recursive: true });
  stamp(root, 'dist/client/index.html', ageSeconds);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('client build staleness', () => {
  it('asks for a build when there is none', () => {
    expect(clientBuildStaleness(checkout(2 * HOUR))).toBe('no built client in dist/');
  });

  it('skips the build when dist/ is newer than every input', () => {
    const root = checkout(2 * HOUR);
    build(root, HOUR);
    expect(clientBuildStaleness(root)).toBeNull();
  });

  it('builds again after a source deep in client/ or the build config changed', () => {
    const root = checkout(2 * HOUR);
    build(root, HOUR);
    stamp(root, 'client/views/Wall.vue', 60);
    expect(clientBuildStaleness(root)).toBe('client changed since the last build');
    build(root, 30);
    stamp(root, 'vite.config.ts', 10);
    expect(clientBuildStaleness(root)).toBe('vite.config.ts changed since the last build');
  });

  it('builds again when a shared file was added or removed, which moves only its folder', () => {
    const root = checkout(2 * HOUR);
    build(root, HOUR);
    rmSync(join(root, 'shared', 'catalog.ts'));
    expect(clientBuildStaleness(root)).toBe('shared changed since the last build');
  });
});
