import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Component tests mount single-file components; each opts into a DOM with `// @vitest-environment happy-dom`.
  plugins: [vue()],
  test: {
    include: ['{shared,server,db,client,test}/**/*.test.ts'],
    pool: 'forks',
    // Bounds, not waits: a test ends when its conditions hold. Browser tests on a machine busy with other
    // work (npm run test:load) take several times as long as on a quiet one, and must still pass.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits up to this for its condition, instead of vitest's 1 s.
    expect: { poll: { timeout: 30_000 } },
    // CI runs no focused tests; a stray .only fails the run instead of silently narrowing it.
    allowOnly: false,
  },
});
