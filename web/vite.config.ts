import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API server serves web/dist with a single-page fallback, so assets use absolute paths.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // `npx vite web` during development: the API runs on `threadline start` (port 3000).
    proxy: { '/api': 'http://127.0.0.1:3000' },
    // The UI shares the record kinds and the API's shapes with the server, in src/.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
