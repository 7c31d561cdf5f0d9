import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Runs the tests beside two CPU-bound busy loops, as a CI machine shared with other jobs would: the
 * suite must pass there too. With no arguments it runs `npm test` (typecheck, build, every test); with
 * test files it builds the client and runs just those: `npm run test:load -- test/e2e/browserWall.test.ts`.
 */
const BUSY_LOOPS = 2;

const loops: ChildProcess[] = Array.from({ length: BUSY_LOOPS }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopLoops = () => {
  for (const loop of loops) loop.kill('SIGKILL');
};
process.on('exit', stopLoops);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const files = process.argv.slice(2);
console.log(`test:load: ${BUSY_LOOPS} busy loops running (pids ${loops.map((loop) => loop.pid).join(', ')})`);
const code = files.length === 0 ? await run('npm', ['test']) : (await run('npx', ['vite', 'build'])) || (await run('npx', ['vitest', 'run', ...files]));
process.exit(code);
