import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

export interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  viewToken: string;
  /** From spawning `npm start` to the first healthy answer. */
  healthyAfterMs: number;
}

/** Resolves once `output()` matches, or fails when the process has exited first. */
export function waitForOutput(started: Pick<Started, 'child' | 'output'>, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise<RegExpMatchArray>((resolvePromise, reject) => {
    const poll = setInterval(() => {
      const match = started.output().match(pattern);
      if (match) {
        clearInterval(poll);
        resolvePromise(match);
      } else if (started.child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`npm start exited ${started.child.exitCode}:\n${started.output()}`));
      }
    }, 20);
  });
}

/** `npm start`, as a new user runs it, on a free port of 127.0.0.1; resolves once health answers 200. */
export async function npmStart(env: Record<string, string>): Promise<Started> {
  const spawnedAt = performance.now();
  // Its own process group, so the whole tree (npm, the server) can be stopped together.
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = await waitForOutput({ child, output: () => output }, /listening on http:\/\/localhost:(\d+)\/\?token=(\S+)/);
  const url = `http://127.0.0.1:${listening[1]}`;
  for (;;) {
    const healthy = await fetch(`${url}/api/v1/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    await new Promise((wait) => setTimeout(wait, 20));
  }
  return { child, output: () => output, url, viewToken: listening[2]!, healthyAfterMs: performance.now() - spawnedAt };
}

/** Whether any process of the group still runs; a zombie whose parent is gone does not count, as nothing may reap it here. */
function groupAlive(groupId: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command's closing parenthesis: state, ppid, pgrp.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === groupId && state !== 'Z') return true;
  }
  return false;
}

/**
 * SIGTERM to the whole tree; resolves once every process of it has exited. npm can exit before the server
 * it started has closed its store, and a caller removing the store's folder then finds files still being written.
 */
export async function stopStarted(started: Started): Promise<void> {
  const pid = started.child.pid!;
  if (!groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  while (groupAlive(pid)) await new Promise((wait) => setTimeout(wait, 50));
}
