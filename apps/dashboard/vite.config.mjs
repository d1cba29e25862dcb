// Vite builds the dashboard into apps/dashboard/dist, served by the gateway at /app/. React's JSX
// is compiled by Vite's own esbuild (no plugin). `npx vite apps/dashboard` serves it for
// development, proxying the API to GATEWAY_URL (default http://127.0.0.1:3000).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The gateway's Content-Security-Policy allows no inline script and no data: URLs for scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/v1': process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000' },
  },
});
