import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `vite dev` proxies the API (HTTP and WebSocket) to a running chat server.
const server = process.env.CHAT_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: server, ws: true, changeOrigin: true } }
  },
  test: {
    include: ['src/**/*.test.js'],
    environment: 'node',
    restoreMocks: true
  }
});
