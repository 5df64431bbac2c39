/**
 * Building the renderer: React through @vitejs/plugin-react, from renderer/ into out/renderer,
 * which both hosts serve (the Electron shell's app:// protocol, the browser-mode host's static
 * server). Relative asset paths so the same build works under either origin. No inline scripts
 * and no module-preload polyfill: the Content-Security-Policy allows only 'self' scripts.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer/', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: true,
    // recharts is most of the bundle; one chunk loads faster from disk than a waterfall of small ones.
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
