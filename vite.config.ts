import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [vue()],
  // vue-i18n's own recommended flags: composition API only, no devtools hooks in production.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // zod probes with Function() when its first object schema is defined, and the CSP forbids eval.
        // Keeping client/jitlessZod.ts in zod's own chunk makes the jitless setting part of loading zod
        // at all, ahead of any shared schema, however the other chunks are split.
        manualChunks(id: string) {
          if (id.includes('/node_modules/zod/') || id.endsWith('/client/jitlessZod.ts')) return 'zod';
          return undefined;
        },
      },
    },
  },
});
