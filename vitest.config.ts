import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Component tests mount single-file components; each opts into a DOM with `// @vitest-environment happy-dom`.
  plugins: [vue()],
  test: {
    include: ['{shared,server,db,client,test}/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI runs no focused tests; a stray .only fails the run instead of silently narrowing it.
    allowOnly: false,
  },
});
