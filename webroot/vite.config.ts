import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The backend (gateway) serves /eventbus (SockJS) and /auth/login on the same origin in
// production. In `npm run dev` they are proxied to BACKEND_URL (default http://127.0.0.1:8080).
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: './',
  resolve: {
    alias: {
      // @vertx/eventbus-bridge-client.js is CommonJS and does require('sockjs-client'). The package's
      // main entry (lib/entry.js) relies on the Node `global`; the self-contained browser build in
      // dist/ does not, so the bundler resolves the require to that file.
      'sockjs-client': 'sockjs-client/dist/sockjs.js',
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/eventbus': { target: backend, ws: true, changeOrigin: true },
      '/auth': { target: backend, changeOrigin: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
