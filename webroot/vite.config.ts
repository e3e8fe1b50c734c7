import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The backend (gateway) serves /eventbus (SockJS) and /auth/login on the same origin in
// production. In `npm run dev` they are proxied to BACKEND_URL (default http://127.0.0.1:8080).
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: './',
  resolve: {
    alias: [
      // @vertx/eventbus-bridge-client.js is CommonJS and does require('sockjs-client') for its
      // connection. It gets src/transport/bridge-socket.ts instead: the bridge's raw WebSocket
      // endpoint first, SockJS (its self-contained browser build, sockjs-client/dist/sockjs.js) when
      // that is blocked. Only the bare name: the browser build's own path is left alone.
      { find: /^sockjs-client$/, replacement: fileURLToPath(new URL('./src/transport/bridge-socket.ts', import.meta.url)) },
    ],
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
