import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,server,db,client,test}/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI runs no focused tests; a stray .only fails the run instead of silently narrowing it.
    allowOnly: false,
  },
});
