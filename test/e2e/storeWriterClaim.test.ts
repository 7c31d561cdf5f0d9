import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreInUseError, claimStoreWriter } from '../../db/writerClaim';
import { type TempDb, openTempDb } from '../support/tempDb';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A node process under tsx in the repository, its output gathered, and its exit. */
function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Another process holding the claim on `dbPath` until it is killed. */
async function claimedElsewhere(dbPath: string): Promise<ChildProcess> {
  const holder = run(['--input-type=module', '-e', `import { claimStoreWriter } from './db/writerClaim.ts'; claimStoreWriter(${JSON.stringify(dbPath)}); console.log('claimed'); setInterval(() => {}, 60_000);`]);
  await new Promise<void>((resolve, reject) => {
    holder.child.stdout!.on('data', () => holder.output().includes('claimed') && resolve());
    void holder.exited.then((code) => reject(new Error(`the holder exited (${code}): ${holder.output()}`)));
  });
  return holder.child;
}

describe('one writer per store', () => {
  let temp: TempDb;
  let dbPath: string;
  beforeEach(() => {
    temp = openTempDb('writer-claim-');
    dbPath = join(temp.dir, 'ops.db');
  });
  afterEach(() => temp.close());

  it('refuses a second claim while the first is held, and grants it once released', () => {
    const first = claimStoreWriter(dbPath);
    expect(() => claimStoreWriter(dbPath)).toThrow(StoreInUseError);
    first.release();
    claimStoreWriter(dbPath).release();
  });

  it('is given up by a process that is killed, with nothing to clean up', async () => {
    const holder = await claimedElsewhere(dbPath);
    expect(() => claimStoreWriter(dbPath)).toThrow(/is being written by another process/);
    const gone = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await gone;
    claimStoreWriter(dbPath).release();
  });

  it('stops a server started on a store another process writes, saying why', async () => {
    const holder = await claimedElsewhere(dbPath);
    try {
      const server = run(['server/main.ts'], { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DB_PATH: dbPath, DEMO: 'off', SIM: 'off' });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`the store ${dbPath} is being written by another process`);
      expect(server.output()).not.toContain('listening');
    } finally {
      holder.kill('SIGKILL');
    }
  }, 60_000);
});
