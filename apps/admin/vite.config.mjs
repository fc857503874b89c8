// The admin is a static bundle the API serves at /admin (one origin: the session cookie and CSRF stay simple).
// `npx vite --config apps/admin/vite.config.mjs` serves it for development and proxies the API beside it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.GANTRY_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/admin/',
  // JSX through Vite's own transform (oxc); no React plugin needed for a build without fast refresh.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/admin', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // Mantine marks its modules "use client" (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/health': api, '/docs': api },
  },
});
